import assert from "node:assert/strict";
import { test } from "node:test";
import { arrayValues } from "../../src/display/payload";
import { formatIndex, formatShort, formatTerm, formatValue } from "../../extension/src/model/format";
import { gridTensor } from "../../extension/src/model/grid_shape";
import { gridColumns, hitTest, mapZoom, pageOf } from "../../extension/src/model/layout";
import {
  defaultGridAxis,
  extractMap,
  initialSelection,
  mapCount,
  mapIndex,
  slicerAxes,
  stridesOf,
} from "../../extension/src/model/slicing";
import { stepCount, stepPosition, stepperGeometry, termsAt, windowAt } from "../../extension/src/model/stepper";
import { fixturePayload } from "./fixtures";

test("layout: integer zoom, columns, pages, hit test", () => {
  assert.equal(mapZoom(6, 6, 96), 16);
  assert.equal(mapZoom(512, 512, 96), 1);
  assert.equal(mapZoom(1, 1, 96), 64);
  assert.equal(gridColumns(10, 100, 440), 4);
  assert.equal(gridColumns(2, 100, 1000), 2);
  assert.deepEqual(pageOf(70, 32, 2), { start: 64, end: 70, page: 2, pages: 3 });
  assert.deepEqual(pageOf(70, 32, 9).page, 2);
  assert.deepEqual(hitTest(33, 15, 16, 6, 6), { row: 0, col: 2 });
  assert.equal(hitTest(96, 0, 16, 6, 6), null);
});

test("slicing a 4-D tensor: grid over one axis, slider over another", () => {
  const shape = [2, 3, 2, 2];
  const data = Float64Array.from({ length: 24 }, (_, i) => i);
  assert.deepEqual(stridesOf(shape), [12, 4, 2, 1]);
  assert.equal(defaultGridAxis([2, 3, 2, 2]), 1);
  assert.equal(defaultGridAxis([8, 1, 3, 3]), 0);
  assert.equal(defaultGridAxis([5, 5]), null);
  const sel = initialSelection(shape, 0);
  assert.deepEqual(slicerAxes(shape, 0), [1]);
  assert.equal(mapCount(shape, sel), 2);
  sel.fixed[1] = 2;
  assert.deepEqual(mapIndex(shape, sel, 1), [1, 2]);
  assert.deepEqual(Array.from(extractMap(data, shape, sel, 1)), [20, 21, 22, 23]);
  const single = initialSelection(shape, null);
  assert.deepEqual(slicerAxes(shape, null), [0, 1]);
  assert.deepEqual(Array.from(extractMap(data, shape, single, 0)), [0, 1, 2, 3]);
});

test("grid payloads: filters regain their (O, I, kh, kw) shape from the labels", () => {
  const f = gridTensor(fixturePayload("filters", "grid"));
  assert.deepEqual(f.shape, [2, 3, 3, 3]);
  assert.deepEqual(f.axes, ["o", "i", "y", "x"]);
  assert.equal(f.label([1, 2]), "o1,i2");
  const fm = fixturePayload("feature_maps", "grid");
  assert.deepEqual(gridTensor(fm).shape, [4, 6, 6]);
  assert.equal(gridTensor(fm).label([3]), "c3");
  // labels out of row-major order: keep the flat (cells, H, W) shape rather than guess
  const shuffled = {
    ...fixturePayload("filters", "grid"),
    cellLabels: ["o0,i1", "o0,i0", "o0,i2", "o1,i0", "o1,i1", "o1,i2"],
  };
  assert.deepEqual(gridTensor(shuffled).shape, [6, 3, 3]);
  assert.deepEqual(gridTensor(fixturePayload("heatmap_2x2", "heatmap")).shape, [1, 2, 2]);
});

test("stepper geometry: output size, receptive field with padding, stride and dilation", () => {
  const g = stepperGeometry([5, 5], [3, 3], [2, 2], [1, 1], [1, 1]);
  assert.deepEqual([g.outH, g.outW], [3, 3]);
  assert.equal(stepCount(g), 9);
  assert.deepEqual(stepPosition(g, 4), { oh: 1, ow: 1 });
  const taps = windowAt(g, 0, 0);
  assert.deepEqual(taps.filter((t) => t.padded).length, 5); // top row and left column of the window
  const d = stepperGeometry([7, 7], [3, 3], [1, 1], [0, 0], [2, 2]);
  assert.deepEqual([d.outH, d.outW], [3, 3]);
  assert.deepEqual(
    windowAt(d, 0, 0)
      .map((t) => [t.pr, t.pc])
      .slice(0, 3),
    [
      [0, 0],
      [0, 2],
      [0, 4],
    ],
  );
  assert.throws(() => stepperGeometry([2, 2], [3, 3]), /showConvolution: expected a kernel that fits/);
});

test("stepper sums reproduce the kernel fixture output at every position", () => {
  const p = fixturePayload("convolution", "convolution");
  const g = stepperGeometry(
    [p.input.shape[0], p.input.shape[1]],
    [p.kernel.shape[0], p.kernel.shape[1]],
    p.stride,
    p.padding,
    p.dilation,
  );
  assert.deepEqual([g.outH, g.outW], p.output.shape);
  const x = arrayValues(p.input);
  const w = arrayValues(p.kernel);
  const y = arrayValues(p.output);
  for (let s = 0; s < stepCount(g); s++) {
    const { oh, ow } = stepPosition(g, s);
    const t = termsAt(g, x, w, oh, ow);
    assert.ok(Math.abs(t.sum - y[oh * g.outW + ow]) < 1e-5, `y[${oh},${ow}]: sum ${t.sum} vs ${y[oh * g.outW + ow]}`);
    assert.equal(t.terms.length, 9);
  }
});

test("number formatting", () => {
  assert.deepEqual(
    [formatValue(0.73456), formatValue(NaN), formatValue(-Infinity), formatValue(123456), formatValue(0)],
    ["0.7346", "NaN", "-Inf", "1.23e+5", "0"],
  );
  // a stepper cell too narrow for formatValue: fewer digits, never a cut-off "2.22e" that reads as 2.22
  assert.deepEqual(
    [formatShort(2.2204e-16), formatShort(-0.73456), formatShort(123456), formatShort(0), formatShort(NaN)],
    ["2e-16", "-0.73", "1e5", "0", "NaN"],
  );
  assert.equal(formatTerm(-1), "(-1)");
  assert.equal(formatIndex([1, 2]), "[1, 2]");
});
