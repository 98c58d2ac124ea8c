/**
 * gather / scatterAdd on the cpu backend: the same-shape fast path against a naive loop over unravelled
 * indices, on random shapes and axes (max pooling's dL/dx runs through scatterAdd); large float32 scatters
 * (the wasm loop, scatter.wasm.ts) the same, bit for bit, and a bad index names the op either way.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { run1 } from "../../src/core/dispatch";
import { contiguousStrides, unravel } from "../../src/core/shape";

/** scatterAdd by unravelled indices, each value added in f order as float32. */
function naiveScatter(sv: ArrayLike<number>, iv: ArrayLike<number>, shape: number[], axis: number, size: number) {
  const outShape = shape.map((d, i) => (i === axis ? size : d)),
    os = contiguousStrides(outShape);
  const want = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  for (let f = 0; f < iv.length; f++) {
    const pos = unravel(f, shape);
    pos[axis] = iv[f];
    want[pos.reduce((s, p, d) => s + p * os[d], 0)] += sv[f];
  }
  return want;
}

it("large float32 scatterAdd (max pooling's dL/dx) == naive loop; a bad index is an error naming the op", async () => {
  await cl.setBackend("cpu");
  const rng = new cl.Rng(9);
  const cases: [number[], number, number][] = [
    [[32, 6, 196], 2, 784],
    [[4, 50, 30], 1, 7],
    [[3, 2000, 2], 0, 5],
  ];
  for (const [t, [shape, axis, size]] of cases.entries()) {
    const n = shape.reduce((a, b) => a * b, 1);
    const iv = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * size));
    const idx = cl.tensor(iv, shape, { dtype: "int32" }),
      src = cl.randn(shape, { seed: 200 + t });
    assert.deepEqual(
      run1("scatterAdd", [src, idx], { axis, size }).dataSync(),
      naiveScatter(src.dataSync(), iv, shape, axis, size),
      `scatterAdd ${shape} axis ${axis}`,
    );
  }
  const bad = Int32Array.from({ length: 32 * 6 * 196 }, (_, f) => (f === 5000 ? 900 : f % 784));
  assert.throws(
    () =>
      run1("scatterAdd", [cl.randn([32, 6, 196]), cl.tensor(bad, [32, 6, 196], { dtype: "int32" })], {
        axis: 2,
        size: 784,
      }),
    /scatterAdd: expected indices in \[0, 784\), got 900/,
  );
});

it("gather and scatterAdd fast path == naive loops", async () => {
  await cl.setBackend("cpu");
  const rng = new cl.Rng(8);
  const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  for (let t = 0; t < 30; t++) {
    const shape = Array.from({ length: r(1, 4) }, () => r(1, 5)),
      axis = r(0, shape.length - 1),
      size = r(1, 6);
    const n = shape.reduce((a, b) => a * b, 1);
    const idx = cl.tensor(
      Int32Array.from({ length: n }, () => r(0, size - 1)),
      shape,
      { dtype: "int32" },
    );
    const src = cl.randn(shape, { seed: t });
    const outShape = shape.map((d, i) => (i === axis ? size : d)),
      os = contiguousStrides(outShape);
    const sv = src.dataSync(),
      iv = idx.dataSync(),
      want = new Float32Array(outShape.reduce((a, b) => a * b, 1));
    for (let f = 0; f < n; f++) {
      const pos = unravel(f, shape);
      pos[axis] = iv[f];
      want[pos.reduce((s, p, d) => s + p * os[d], 0)] += sv[f];
    }
    assert.deepEqual(
      run1("scatterAdd", [src, idx], { axis, size }).dataSync(),
      want,
      `scatterAdd ${shape} axis ${axis}`,
    );
    const x = cl.randn(outShape, { seed: 100 + t }),
      xv = x.dataSync();
    const g = Float32Array.from({ length: n }, (_, f) => {
      const pos = unravel(f, shape);
      pos[axis] = iv[f];
      return xv[pos.reduce((s, p, d) => s + p * os[d], 0)];
    });
    assert.deepEqual(run1("gather", [x, idx], { axis }).dataSync(), g, `gather ${shape} axis ${axis}`);
  }
});
