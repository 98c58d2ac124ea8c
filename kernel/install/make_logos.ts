/**
 * Draws the kernelspec logos (kernel/install/assets/logo-32x32.png, logo-64x64.png): a 4x4 feature map in
 * viridis, the thing convlab shows most, as an SVG rasterised by the figures' renderer (resvg).
 * Run: node --import tsx kernel/install/make_logos.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cmapAt } from "../../src/display/colormap";
import { rasterise } from "../../src/display/figure/rasterise";

for (const size of [32, 64]) {
  const cell = size / 4;
  const squares: string[] = [];
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      const [r, g, b] = cmapAt("viridis", (i * 4 + j) / 15);
      squares.push(
        `<rect x="${Math.round(j * cell) + 1}" y="${Math.round(i * cell) + 1}" width="${Math.round(cell) - 2}" height="${Math.round(cell) - 2}" fill="rgb(${r},${g},${b})"/>`,
      );
    }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>${squares.join("")}</svg>`;
  writeFileSync(join(__dirname, "assets", `logo-${size}x${size}.png`), rasterise(svg, 1));
}
