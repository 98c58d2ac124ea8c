/**
 * One source of colours: the live view (extension/src/model) and the static PNG/SVG figure
 * (src/display/figure, through src/display/colormap.ts) must give the same RGB for the same value under
 * the same scale, for every colour map, including the marked non-finite values. A sweep of values
 * (inside, at the ends of and outside the range, plus NaN and ±Inf) is painted by both renderers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { colorOf, cmapAt, makeScale as kernelScale } from "../../src/display/colormap";
import { CMAP_NAMES } from "../../src/display/payload";
import { colormapLut } from "../../extension/src/model/colormap";
import { makeScale, paintRgba } from "../../extension/src/model/scale";

// 2001 evenly spaced values over [-1.5, 2.5] around the data range [-1, 2], plus the non-finite marks
const SWEEP = [...Array.from({ length: 2001 }, (_, i) => -1.5 + (4 * i) / 2000), NaN, Infinity, -Infinity];

for (const cmap of CMAP_NAMES) {
  test(`${cmap}: the live view paints exactly the static figure's colours`, () => {
    const cs = kernelScale({ min: -1, max: 2 }, { cmap }, cmap);
    const live = paintRgba(SWEEP, makeScale(cs));
    SWEEP.forEach((v, i) => {
      const want = colorOf(v, cs);
      const got = [live[i * 4], live[i * 4 + 1], live[i * 4 + 2]];
      assert.deepEqual(got, want, `${cmap} at v=${v}: live ${got.join(",")}, figure ${want.join(",")}`);
      assert.deepEqual(makeScale(cs).color(v), want, `${cmap} scale.color at v=${v}`);
    });
  });

  test(`${cmap}: the colour bar's table samples the kernel's map at t = i/255`, () => {
    const lut = colormapLut(cmap);
    for (let i = 0; i < 256; i++) assert.deepEqual([lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]], cmapAt(cmap, i / 255));
  });
}
