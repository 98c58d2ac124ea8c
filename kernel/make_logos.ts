/**
 * Draws the kernelspec logos (kernel/assets/logo-32x32.png, logo-64x64.png): a 4x4 feature map in
 * viridis, the thing convlab shows most. Run: node --import tsx kernel/make_logos.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cmapAt } from "../src/display/colormap";
import { Raster } from "../src/display/raster";

for (const size of [32, 64]) {
  const r = new Raster(size, size, [255, 255, 255]);
  const cell = size / 4;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    const t = (i * 4 + j) / 15;
    r.fill(Math.round(j * cell) + 1, Math.round(i * cell) + 1, Math.round(cell) - 2, Math.round(cell) - 2, cmapAt("viridis", t));
  }
  writeFileSync(join(__dirname, "assets", `logo-${size}x${size}.png`), r.toPng());
}
