/**
 * Pooling: bad inputs are rejected with messages that name the op, what was expected and what was got;
 * a hand-computed example; and the avgPoolGrad kernel is the adjoint of avg pooling
 * (⟨avgPool(x), dy⟩ = ⟨x, avgPoolGrad(dy)⟩ for every geometry, ceilMode and padding included).
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { runKernel } from "../../src/core/dispatch";
import { describeBackends } from "../helpers/backends";
import { assertClose, assertThrowsWith } from "../helpers/allclose";
import { randF32 } from "../helpers/random_data";

describeBackends("pooling: errors, hand values, adjoint", (ctx) => {
  const x4 = () => cl.randn([1, 2, 5, 5], { seed: 1 });
  it("rejects wrong ranks, bad sizes and bad options with clear messages", () => {
    assertThrowsWith(
      () => cl.maxPool2d(cl.zeros([4, 4]), { kernelSize: 2 }),
      "maxPool2d: expected x of rank 4 (N,C,H,W) or 3 (C,H,W), got shape [4,4]",
    );
    assertThrowsWith(
      () => cl.avgPool1d(cl.zeros([2, 3, 4, 5]), { kernelSize: 2 }),
      "avgPool1d: expected x of rank 3 (N,C,L) or 2 (C,L), got shape [2,3,4,5]",
    );
    assertThrowsWith(
      () => cl.maxPool3d(cl.zeros([2, 2]), { kernelSize: 2 }),
      "maxPool3d: expected x of rank 5 (N,C,D,H,W) or 4 (C,D,H,W), got shape [2,2]",
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), { kernelSize: 6 }),
      "maxPool2d: expected a (dilated) kernel no larger than the padded input, got kernel 6 > padded input 5",
    );
    assertThrowsWith(() => cl.maxPool2d(x4(), { kernelSize: 3, dilation: 3 }), "kernel 7 > padded input 5");
    assertThrowsWith(
      () => cl.avgPool2d(x4(), { kernelSize: 3, padding: 2 }),
      "avgPool2d: expected padding at most half the kernel size, got padding 2 for kernelSize 3",
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), { kernelSize: 2, stride: 0 }),
      "maxPool2d: expected stride as a positive integer or 2 positive integers, got 0",
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), { kernelSize: [2, 2, 2] }),
      "expected kernelSize as a positive integer or 2 positive integers, got [2,2,2]",
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), {} as cl.MaxPoolOptions),
      "maxPool2d: expected options with a kernelSize, got none",
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), { kernelSize: 2, ceil_mode: true } as cl.MaxPoolOptions),
      'unknown option "ceil_mode"',
    );
    assertThrowsWith(
      () => cl.maxPool2d(x4(), { kernelSize: 2, ceilMode: "yes" as unknown as boolean }),
      'maxPool2d: expected ceilMode as a boolean, got the string "yes"',
    );
    assertThrowsWith(
      () => cl.avgPool2d(x4(), { kernelSize: 2, countIncludePad: 1 as unknown as boolean }),
      "expected countIncludePad as a boolean, got 1",
    );
    assertThrowsWith(
      () => cl.maxPool2d(cl.zeros([1, 0, 4, 4]), { kernelSize: 2 }),
      "expected x with non-empty batch, channel and spatial dims, got shape [1,0,4,4]",
    );
    assertThrowsWith(
      () => cl.maxPool1d(cl.zeros([1, 4], { dtype: "int32" }), { kernelSize: 2 }),
      "maxPool1d: expected a float tensor x, got int32",
    );
    assertThrowsWith(
      () => cl.lpPool2d(x4(), { p: 0, kernelSize: 2 }),
      "lpPool2d: expected p as a positive finite number, got 0",
    );
    assertThrowsWith(
      () => cl.kMaxPool1d(cl.zeros([2, 5]), 6),
      "kMaxPool1d: expected k as an integer in [1, 5] (the length of dim 1 of [2,5]), got 6",
    );
    assertThrowsWith(() => cl.kMaxPool1d(cl.zeros([2, 5]), 0), "got 0");
    assertThrowsWith(() => cl.kMaxPool1d(cl.zeros([2, 5]), 2, { dim: 2 }), "kMaxPool1d: expected dim in [-2, 2)");
    assertThrowsWith(
      () => cl.adaptiveAvgPool2d(x4(), 0),
      "adaptiveAvgPool2d: expected outSize as a positive integer or 2 positive integers (or null), got 0",
    );
    assertThrowsWith(
      () => cl.adaptiveMaxPool2d(cl.zeros([5, 5]), 2),
      "adaptiveMaxPool2d: expected x of rank 4 (N,C,H,W) or 3 (C,H,W), got shape [5,5]",
    );
    assertThrowsWith(
      () => cl.globalAvgPool(cl.zeros([2, 3])),
      "globalAvgPool: expected x of rank >= 3 (N, C, spatial…), got shape [2,3]",
    );
  });

  it("computes a hand-checked 4x4 example (max with indices, avg, unbatched, ceilMode)", async () => {
    const x = cl.tensor([
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
        [13, 14, 15, 0],
      ],
    ]);
    const { values, indices } = cl.maxPool2d(x, { kernelSize: 2, returnIndices: true });
    assert.deepEqual(values.shape, [1, 2, 2]);
    await assertClose(values, [6, 8, 14, 15]);
    assert.deepEqual(Array.from(await indices.data()), [5, 7, 13, 14]);
    await assertClose(cl.avgPool2d(x, { kernelSize: 2 }), [3.5, 5.5, 11.5, 9.5]);
    // 3x3 stride 2 with ceilMode: the last window holds only column/row 3 → [[11, 12], [15, 15]]
    await assertClose(cl.maxPool2d(x, { kernelSize: 3, stride: 2, ceilMode: true }), [11, 12, 15, 15]);
    await assertClose(cl.globalMaxPool(cl.reshape(x, [1, 1, 4, 4])), [15], { shape: [1, 1] });
    await assertClose(cl.kMaxPool1d(cl.tensor([3, 1, 4, 1, 5, 9, 2, 6]), 3), [5, 9, 6]);
  });

  it("avgPoolGrad is the adjoint of avg pooling", async () => {
    const geoms = [
      { dims: 2, shape: [2, 3, 7, 6], kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
      { dims: 1, shape: [2, 11], kernelSize: 4, stride: 3, padding: 2, ceilMode: true },
      {
        dims: 3,
        shape: [1, 2, 5, 4, 6],
        kernelSize: [2, 3, 2],
        stride: [2, 1, 3],
        padding: [1, 1, 0],
        ceilMode: false,
      },
    ];
    let seed = 40;
    for (const { dims, shape, ...opts } of geoms) {
      for (const countIncludePad of [true, false]) {
        const geom = cl.poolGeometry("test", shape, { dims, ...opts });
        const x = cl.tensor(Float32Array.from(randF32(shape, seed++)), shape, { dtype: "float64" });
        const [y] = runKernel("pool", [x], { geom, kind: "avg", countIncludePad });
        const dy = cl.tensor(Float32Array.from(randF32(y.shape, seed++)), y.shape, { dtype: "float64" });
        const [dx] = runKernel("avgPoolGrad", [dy], { geom, countIncludePad });
        assert.deepEqual(dx.shape, shape);
        const lhs = await cl.sum(cl.mul(y, dy)).item(),
          rhs = await cl.sum(cl.mul(x, dx)).item();
        await assertClose([lhs], [rhs], {
          rtol: ctx.rtol,
          atol: ctx.atol,
          label: `${dims}-d countIncludePad=${countIncludePad}`,
        });
      }
    }
  });
});
