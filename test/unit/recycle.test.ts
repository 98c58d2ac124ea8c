/**
 * Recycled host buffers (core/recycle.ts): a disposed cpu tensor's buffer is handed to the next allocation
 * of its size, zero-filled, with the right values afterwards; a buffer the program holds (its own array
 * wrapped by cl.tensor, a dataSync() copy) is never reused; a buffer shared by a view waits for its last
 * tensor; at most CAP_BYTES are held, oldest out first; cl.collect() lets them go.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { cpuArray } from "../../src/backends/cpu/cpu_storage";
import { allocArray } from "../../src/core/dtype";
import { CAP_BYTES, dropRecycled, giveBack, newBuffer, recycledBytes, takeRecycled } from "../../src/core/recycle";

const bufferOf = (t: cl.Tensor) => cpuArray(t).data.buffer;
const x = cl.randn([128, 256], { seed: 1 }); // 128 KiB: above MIN_BYTES

describe("recycled cpu buffers", () => {
  it("a disposed result's buffer serves the next result of its size, which is right", () => {
    dropRecycled();
    const a = cl.mul(x, 2),
      used = bufferOf(a);
    a.dispose();
    assert.equal(recycledBytes(), used.byteLength);
    const b = cl.add(x, 1);
    assert.equal(bufferOf(b), used, "expected the given-back buffer to be reused");
    const xv = x.dataSync(),
      bv = b.dataSync();
    assert.ok(bv.every((v, i) => v === Math.fround(xv[i] + 1)));
    assert.equal(recycledBytes(), 0);
  });

  it("a reused buffer is zero-filled for allocArray's callers", () => {
    dropRecycled();
    const a = cl.add(x, 5),
      used = bufferOf(a);
    a.dispose();
    const z = allocArray("float32", x.size);
    assert.equal(z.buffer, used);
    assert.ok(z.every((v) => v === 0));
  });

  it("the program's own array (cl.tensor) and a dataSync() copy are never reused", () => {
    dropRecycled();
    const mine = new Float32Array(x.size).fill(7);
    const t = cl.tensor(mine, [...x.shape]);
    t.dispose();
    const copy = cl.transpose(cl.mul(x, 3)).dataSync(); // non-contiguous: a fresh dense array, handed over
    const u = cl.tensor(copy, [256, 128]);
    const before = Float32Array.from(copy);
    u.dispose();
    assert.equal(recycledBytes(), 0);
    const y = cl.mul(x, 4),
      w = cl.mul(x, 5);
    assert.notEqual(bufferOf(y), mine.buffer);
    assert.notEqual(bufferOf(w), copy.buffer);
    assert.ok(
      mine.every((v) => v === 7),
      "the program's array was overwritten",
    );
    assert.deepEqual(copy, before, "the dataSync() copy was overwritten");
  });

  it("a buffer shared with a view is given back only when its last tensor is disposed", () => {
    dropRecycled();
    const a = cl.mul(x, 2),
      v = a.reshape([256, 128]);
    assert.equal(bufferOf(v), bufferOf(a));
    a.dispose();
    assert.equal(recycledBytes(), 0, "the view still reads it");
    assert.equal(v.dataSync()[0], Math.fround(x.dataSync()[0] * 2));
    v.dispose();
    assert.equal(recycledBytes(), 4 * x.size);
  });

  it(
    "a result of the wasm kernels is recycled too",
    { skip: process.env.CONVLAB_CPU_KERNELS === "js" && "CONVLAB_CPU_KERNELS=js" },
    () => {
      dropRecycled();
      const img = cl.randn([2, 8, 64, 64], { seed: 2 }),
        w = cl.randn([8, 8, 3, 3], { seed: 3 });
      const first = cl.conv2d(img, w, { padding: 1 }),
        ref = first.dataSync(),
        used = bufferOf(first);
      first.dispose();
      const again = cl.conv2d(img, w, { padding: 1 });
      assert.equal(bufferOf(again), used);
      assert.deepEqual(again.dataSync(), ref);
    },
  );

  it(`at most ${CAP_BYTES / 2 ** 20} MiB are held, the oldest given back go first; cl.collect() lets all go`, async () => {
    dropRecycled();
    const third = 3 * 2 ** 20 * 7; // 21 MiB: three fit, a fourth evicts the first
    const bufs = [newBuffer(third), newBuffer(third), newBuffer(third), newBuffer(third)];
    bufs.forEach(giveBack);
    assert.ok(recycledBytes() <= CAP_BYTES);
    assert.equal(recycledBytes(), 3 * third);
    const got = [takeRecycled(third), takeRecycled(third), takeRecycled(third)];
    assert.ok(!got.includes(bufs[0]) && got.includes(bufs[3]), "expected the oldest to be evicted");
    got.forEach((b) => b && giveBack(b));
    giveBack(bufs[1]); // already given back and taken again above: a second give-back is ignored
    assert.equal(recycledBytes(), 3 * third);
    await cl.collect();
    assert.equal(recycledBytes(), 0);
  });
});
