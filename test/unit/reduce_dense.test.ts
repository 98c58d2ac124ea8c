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
