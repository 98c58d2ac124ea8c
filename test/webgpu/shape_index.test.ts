/** view, pad, concat, gather, scatterAdd and topk on webgpu against the cpu kernels (float64). */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { contiguousStrides } from "../../src/core/shape";
import { checkKernel, intInput, randInput, webgpuSuite, type Input } from "./gpu_harness";

webgpuSuite("shape and indexing kernels vs cpu float64", () => {
  it("view: reshape (shared buffer), transpose, flip, step, broadcast, int32", async () => {
    const x = randInput([4, 5, 6], 1);
    await checkKernel("view", [x], { shape: [20, 6], strides: [6, 1], offset: 0 }, {}, "reshape");
    await checkKernel("view", [x], { shape: [6, 4, 5], strides: [1, 30, 6], offset: 0 }, {}, "transpose");
    await checkKernel("view", [x], { shape: [4, 5, 6], strides: [30, 6, -1], offset: 5 }, {}, "flip last");
    await checkKernel("view", [x], { shape: [2, 3, 2], strides: [60, 12, 3], offset: 7 }, {}, "slice with steps");
    await checkKernel(
      "view",
      [randInput([1, 6], 2)],
      { shape: [3, 4, 6], strides: [0, 0, 1], offset: 0 },
      {},
      "broadcast",
    );
    await checkKernel(
      "view",
      [intInput([4, 6], 3, -5, 5)],
      { shape: [6, 4], strides: [1, 6], offset: 0 },
      {},
      "int32 transpose",
    );
    await checkKernel("view", [randInput([7], 4)], { shape: [], strides: [], offset: 3 }, {}, "0-d element");
  });

  it("a reshape shares the input's buffer (no copy)", async () => {
    const t = cl.tensor([1, 2, 3, 4, 5, 6]);
    const r = t.reshape([2, 3]);
    assert.equal(r.lease, t.lease);
    assert.equal(r.handle, t.handle);
    assert.deepEqual(await r.toArray(), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("pad: every mode, rank 1-3, int32 constant", async () => {
    let seed = 10;
    for (const mode of ["constant", "reflect", "replicate", "circular"] as const) {
      for (const [shape, pads] of [
        [[7], [[3, 2]]],
        [
          [4, 5],
          [
            [1, 2],
            [4, 0],
          ],
        ],
        [
          [2, 3, 5],
          [
            [0, 0],
            [2, 2],
            [1, 3],
          ],
        ],
      ] as [number[], [number, number][]][]) {
        await checkKernel("pad", [randInput(shape, seed++)], { pads, mode, value: -1.5 }, {}, `pad ${mode} ${shape}`);
      }
    }
    await checkKernel(
      "pad",
      [intInput([3, 3], 1, 0, 9)],
      {
        pads: [
          [1, 1],
          [0, 2],
        ],
        mode: "constant",
        value: 7,
      },
      {},
      "pad int32",
    );
  });

  it("concat along every axis, mixed dtypes, empty parts", async () => {
    const a = randInput([2, 3, 4], 1),
      b = randInput([2, 5, 4], 2),
      c = randInput([2, 1, 4], 3);
    await checkKernel("concat", [a, b, c], { axis: 1 });
    await checkKernel("concat", [a, randInput([3, 3, 4], 4)], { axis: 0 });
    await checkKernel("concat", [a, randInput([2, 3, 1], 5), randInput([2, 3, 0], 6)], { axis: 2 });
    await checkKernel("concat", [a, intInput([2, 3, 4], 7, -3, 3)], { axis: 0 }, {}, "float32 + int32");
  });

  it("gather and scatterAdd with repeated indices", async () => {
    const x = randInput([4, 6, 3], 1);
    const idx = intInput([4, 9, 3], 2, 0, 6);
    await checkKernel("gather", [x, idx], { axis: 1 });
    await checkKernel("gather", [x, intInput([2, 6, 3], 3, 0, 4)], { axis: 0 });
    await checkKernel("scatterAdd", [randInput([4, 9, 3], 4), idx], { axis: 1, size: 6 }, { rtol: 1e-5, atol: 1e-5 });
    await checkKernel(
      "scatterAdd",
      [randInput([50, 2], 5), intInput([50, 2], 6, 0, 3)],
      { axis: 0, size: 3 },
      { rtol: 1e-5, atol: 1e-5 },
      "many collisions",
    );
    await checkKernel(
      "scatterAdd",
      [intInput([10], 7, -5, 5), intInput([10], 8, 0, 4)],
      { axis: 0, size: 4 },
      {},
      "int32",
    );
  });

  it("topk: in original order, ties by position, NaN first", async () => {
    await checkKernel("topk", [randInput([3, 11, 4], 1)], { k: 4, axis: 1 });
    await checkKernel("topk", [randInput([5, 9], 2)], { k: 9, axis: 1 });
    const ties: Input = { data: Float64Array.from([1, 3, 3, NaN, 2, 3, 0]), shape: [7] };
    await checkKernel("topk", [ties], { k: 3, axis: 0 }, {}, "ties and NaN");
  });

  it("contiguousStrides sanity for the view tests", () => {
    assert.deepEqual(contiguousStrides([4, 5, 6]), [30, 6, 1]);
  });
});
