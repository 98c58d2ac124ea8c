import assert from "node:assert/strict";
import { test } from "node:test";
import { arrayValues } from "../../src/display/payload";
import { NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR, colorAt, colormapLut } from "../../extension/src/model/colormap";
import { finiteRange, makeScale, paintRgba, perMapScale } from "../../extension/src/model/scale";
import { fixturePayload } from "./fixtures";

test("viridis runs from dark purple to yellow; coolwarm is blue, grey, red", () => {
  assert.deepEqual(colorAt("viridis", 0), [0x44, 0x01, 0x54]);
  assert.deepEqual(colorAt("viridis", 1), [0xfd, 0xe7, 0x25]);
  assert.deepEqual(colorAt("coolwarm", 0), [0x3b, 0x4c, 0xc0]);
  // the middle stop is the neutral grey #dddddd
  assert.deepEqual(colorAt("coolwarm", 0.5), [0xdd, 0xdd, 0xdd]);
  assert.deepEqual(colorAt("coolwarm", 1), [0xb4, 0x04, 0x26]);
  assert.ok(colorAt("gray", 0.5).every((c) => c === 128));
  assert.equal(colormapLut("viridis").length, 256 * 3);
});

test("a diverging scale is symmetric about its centre", () => {
  const s = makeScale({ cmap: "coolwarm", vmin: -1, vmax: 3 });
  assert.equal(s.vmin, -3);
  assert.equal(s.vmax, 3);
  assert.equal(s.normalize(0), 0.5);
  assert.deepEqual(s.color(0), colorAt("coolwarm", 0.5));
  const c = makeScale({ cmap: "coolwarm", vmin: 0, vmax: 4, center: 1 });
  assert.deepEqual([c.vmin, c.vmax, c.normalize(1)], [-2, 4, 0.5]);
});

test("sequential scale, flat data and non-finite values", () => {
  const s = makeScale({ cmap: "viridis", vmin: 2, vmax: 4 });
  assert.deepEqual([s.normalize(2), s.normalize(3), s.normalize(4), s.normalize(9)], [0, 0.5, 1, 1]);
  assert.ok(Number.isNaN(s.normalize(NaN)));
  assert.equal(makeScale({ cmap: "viridis", vmin: 1, vmax: 1 }).normalize(1), 0.5);
  assert.deepEqual(s.color(NaN), NAN_COLOR);
  assert.deepEqual(s.color(Infinity), POS_INF_COLOR);
  assert.deepEqual(s.color(-Infinity), NEG_INF_COLOR);
  assert.deepEqual(finiteRange([NaN, -2, Infinity, 5]), { min: -2, max: 5 });
  assert.deepEqual(finiteRange([NaN]), { min: 0, max: 1 });
  const pm = perMapScale({ cmap: "viridis", vmin: -100, vmax: 100 }, [1, 2, 3]);
  assert.deepEqual([pm.vmin, pm.vmax], [1, 3]);
});

test("the 2x2 fixture paints four distinct viridis colours in row-major order", () => {
  const p = fixturePayload("heatmap_2x2", "heatmap");
  const px = paintRgba(arrayValues(p.data), makeScale(p));
  const rgb = [0, 1, 2, 3].map((i) => [px[i * 4], px[i * 4 + 1], px[i * 4 + 2]].join(","));
  assert.equal(new Set(rgb).size, 4);
  assert.equal(rgb[0], colorAt("viridis", 0).join(","));
  assert.equal(rgb[3], colorAt("viridis", 1).join(","));
  assert.ok(
    [3, 7, 11, 15].every((i) => px[i] === 255),
    "opaque",
  );
});

test("the non-finite fixture marks NaN magenta, +Inf white, -Inf black", () => {
  const p = fixturePayload("heatmap_nonfinite", "heatmap");
  const px = paintRgba(arrayValues(p.data), makeScale(p));
  const at = (i: number): number[] => [px[i * 4], px[i * 4 + 1], px[i * 4 + 2]];
  assert.deepEqual(at(0), [...NAN_COLOR]);
  assert.deepEqual(at(2), [...POS_INF_COLOR]);
  assert.deepEqual(at(3), [...NEG_INF_COLOR]);
});
