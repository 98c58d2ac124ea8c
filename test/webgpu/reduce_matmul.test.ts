/** reduce, argReduce and matmul on webgpu against the cpu kernels (float64): every path of each kernel. */
import { it } from "node:test";
import type { ReduceOp } from "../../src/core/kernels";
import { checkKernel, intInput, randInput, webgpuSuite, type Input } from "./gpu_harness";

webgpuSuite("reduce and matmul kernels vs cpu float64", () => {
  it("reduce: every op over trailing, leading and mixed axes, keepDims", async () => {
    let seed = 1;
    for (const op of ["sum", "max", "min", "prod"] as ReduceOp[]) {
      for (const axes of [[2], [0], [0, 2], [1], [0, 1, 2]]) {
        const x = randInput([5, 3, 7], seed++, op === "prod" ? 0.5 : 1, op === "prod" ? 1 : 0);
        await checkKernel(
          "reduce",
          [x],
          { op, axes, keepDims: seed % 2 === 0 },
          { rtol: 1e-5, atol: 1e-5 },
          `reduce ${op} ${axes}`,
        );
      }
    }
  });

  it("reduce: one invocation per row, a workgroup per row, two passes; empty rows; NaN", async () => {
    await checkKernel(
      "reduce",
      [randInput([300, 50], 1)],
      { op: "sum", axes: [1], keepDims: false },
      { rtol: 1e-5, atol: 1e-5 },
      "row path",
    );
    await checkKernel(
      "reduce",
      [randInput([10, 5000], 2)],
      { op: "sum", axes: [1], keepDims: false },
      { rtol: 1e-5, atol: 1e-4 },
      "group path",
    );
    await checkKernel(
      "reduce",
      [randInput([200003], 3)],
      { op: "sum", axes: [0], keepDims: false },
      { rtol: 1e-5, atol: 1e-3 },
      "two passes",
    );
    await checkKernel(
      "reduce",
      [randInput([3, 100001], 4)],
      { op: "max", axes: [1], keepDims: true },
      {},
      "two passes max",
    );
    await checkKernel("reduce", [randInput([4, 0], 5)], { op: "sum", axes: [1], keepDims: false }, {}, "empty rows");
    await checkKernel(
      "reduce",
      [randInput([4, 0], 5)],
      { op: "max", axes: [1], keepDims: false },
      {},
      "empty max = -inf",
    );
    const nan: Input = { data: Float64Array.from([1, NaN, 3, 4, 5, 6]), shape: [2, 3] };
    for (const op of ["max", "min", "sum"] as const)
      await checkKernel("reduce", [nan], { op, axes: [1], keepDims: false }, {}, `reduce ${op} NaN`);
    await checkKernel(
      "reduce",
      [intInput([6, 7], 6, -20, 20)],
      { op: "sum", axes: [1], keepDims: false },
      {},
      "int32 sum",
    );
  });

  it("argReduce: first occurrence, NaN wins, every axis", async () => {
    for (const axis of [0, 1, 2]) {
      await checkKernel("argReduce", [randInput([4, 5, 6], axis)], { op: "argmax", axis, keepDims: false });
      await checkKernel("argReduce", [randInput([4, 5, 6], axis + 9)], { op: "argmin", axis, keepDims: true });
    }
    const ties: Input = { data: Float64Array.from([2, 7, 7, 1, 3, NaN, 5, NaN]), shape: [2, 4] };
    await checkKernel("argReduce", [ties], { op: "argmax", axis: 1, keepDims: false }, {}, "ties and NaN");
    await checkKernel("argReduce", [ties], { op: "argmin", axis: 1, keepDims: false }, {}, "argmin NaN");
  });

  it("matmul: tiles with remainders, transposes, broadcast batches, more batches than a grid dimension", async () => {
    const tol = { rtol: 1e-5, atol: 1e-4 };
    await checkKernel(
      "matmul",
      [randInput([1, 1], 1), randInput([1, 1], 2)],
      { transA: false, transB: false },
      tol,
      "1x1",
    );
    await checkKernel(
      "matmul",
      [randInput([67, 129], 3), randInput([129, 33], 4)],
      { transA: false, transB: false },
      tol,
      "67x129x33",
    );
    await checkKernel(
      "matmul",
      [randInput([129, 67], 5), randInput([33, 129], 6)],
      { transA: true, transB: true },
      tol,
      "transposed",
    );
    await checkKernel(
      "matmul",
      [randInput([2, 1, 5, 7], 7), randInput([3, 7, 4], 8)],
      { transA: false, transB: false },
      tol,
      "broadcast batch",
    );
    await checkKernel(
      "matmul",
      [randInput([4, 17], 9), randInput([2, 3, 17, 5], 10)],
      { transA: false, transB: false },
      tol,
      "batched B only",
    );
    await checkKernel(
      "matmul",
      [intInput([3, 4], 11, -4, 4), randInput([4, 2], 12)],
      { transA: false, transB: false },
      tol,
      "int32 operand",
    );
    await checkKernel(
      "matmul",
      [randInput([70000, 2, 2], 13), randInput([70000, 2, 2], 14)],
      { transA: false, transB: true },
      tol,
      "70000 batches",
    );
    // tiny matrices take the direct kernel (matmul_small.wgsl.ts): transposes, broadcast batches, the size limits
    await checkKernel(
      "matmul",
      [randInput([3, 5, 1, 1], 15), randInput([5, 1, 1], 16)],
      { transA: false, transB: false },
      tol,
      "small 1x1x1 broadcast",
    );
    await checkKernel(
      "matmul",
      [randInput([7, 16, 4], 17), randInput([7, 4, 16], 18)],
      { transA: true, transB: true },
      tol,
      "small transposed K=16 MN=16",
    );
    await checkKernel(
      "matmul",
      [randInput([2, 3, 16], 19), randInput([1, 16, 5], 20)],
      { transA: false, transB: false },
      tol,
      "small 3x16x5 (MN 15)",
    );
    await checkKernel(
      "matmul",
      [randInput([2, 3, 17], 21), randInput([17, 5], 22)],
      { transA: false, transB: false },
      tol,
      "K 17: packed",
    );
  });
});
