/**
 * The cpu reduce kernel's dense fast path (walks the input in memory order) gives the same bits as its
 * general path (a transposing copy, used for strided views), for sum and prod over random axes.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";

it("reduce: dense path == strided path, bit for bit", async () => {
  await cl.setBackend("cpu");
  const rng = new cl.Rng(4);
  for (let i = 0; i < 40; i++) {
    const rank = 1 + Math.floor(rng.uniform() * 4);
    const shape = Array.from({ length: rank }, () => 1 + Math.floor(rng.uniform() * 5));
    const axes = [...Array(rank).keys()].filter(() => rng.uniform() < 0.5);
    const dtype = i % 5 === 0 ? "float64" : "float32";
    const x = cl.randn(shape, { seed: i, dtype });
    // the same values as a non-contiguous view: a flipped copy, flipped back
    const strided = cl.flip(cl.mul(cl.flip(x, [0]), 1), [0]);
    for (const f of [cl.sum, cl.prod]) {
      const a = await f(x, { dim: axes.length ? axes : undefined }).data(),
        b = await f(strided, { dim: axes.length ? axes : undefined }).data();
      assert.deepEqual(a, b, `${f.name} ${shape} axes ${axes}`);
    }
  }
});

it("large float32 sums (the wasm walk) == the strided path, bit for bit; NaN and ±∞ kept", async () => {
  await cl.setBackend("cpu");
  const rng = new cl.Rng(6);
  const cases: [number[], number[]][] = [
    [
      [32, 6, 28, 28],
      [0, 2, 3],
    ], // a conv bias gradient: reduced, kept, reduced
    [[32, 120], [0]], // a linear bias gradient: the last run kept
    [
      [7, 5, 3, 160],
      [1, 3],
    ],
    [
      [9, 11, 13, 17],
      [0, 1, 2, 3],
    ],
    [
      [2, 3, 5, 700],
      [0, 2],
    ],
    [[20000], [0]],
  ];
  for (const [shape, axes] of cases) {
    const v = Float32Array.from(cl.randn(shape, { seed: Math.floor(rng.uniform() * 1000) }).dataSync());
    v[3] = NaN;
    v[v.length - 2] = Infinity;
    const x = cl.tensor(v, shape),
      strided = cl.flip(cl.mul(cl.flip(x, [0]), 1), [0]);
    const a = cl.sum(x, { dim: axes }).dataSync(),
      b = cl.sum(strided, { dim: axes }).dataSync();
    assert.deepEqual(a, b, `sum ${shape} axes ${axes}`);
  }
});
