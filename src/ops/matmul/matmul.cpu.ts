/**
 * cpu kernel of `matmul`: [...b, M, K] @ [...b, K, N] with broadcast batch dims. Transposed operands
 * are materialised once (a strided copy) so the gemm always streams contiguous rows.
 */
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { allocArray, promoteTypes, type FloatArray } from "../../core/dtype";
import type { KernelFn } from "../../core/backend";
import { broadcastShapes, sizeOf, unravel } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { cpuArray, cpuFromData } from "../../backends/cpu/cpu_storage";
import { gemm } from "./gemm";

/** Row-major copy of t (optionally with its last two axes swapped), as `dtype`. */
function operand(t: Tensor, trans: boolean, dtype: "float32" | "float64"): FloatArray {
  let a = cpuArray(t);
  if (trans) {
    const perm = a.shape.map((_, i) => i);
    [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
    a = a.transpose(...perm);
  }
  const out = dtype === "float64" ? new Float64Array(sizeOf(a.shape)) : new Float32Array(sizeOf(a.shape));
  if (out.length) ops.assign(ndarray(out, a.shape), a);
  return out;
}

export const matmulCpu: KernelFn<"matmul"> = ([a, b], { transA, transB }) => {
  const dtype = promoteTypes(a.dtype, b.dtype) === "float64" ? "float64" : "float32";
  const A = operand(a, transA, dtype), B = operand(b, transB, dtype);
  const ra = a.shape.length, rb = b.shape.length;
  const M = transA ? a.shape[ra - 1] : a.shape[ra - 2];
  const K = transA ? a.shape[ra - 2] : a.shape[ra - 1];
  const N = transB ? b.shape[rb - 2] : b.shape[rb - 1];
  const batchA = a.shape.slice(0, -2), batchB = b.shape.slice(0, -2);
  const batch = broadcastShapes("matmul", batchA, batchB);
  const nb = sizeOf(batch);
  const C = allocArray(dtype, nb * M * N) as FloatArray;
  const flatIndex = (idx: number[], shape: readonly number[]) => {
    let f = 0;
    for (let d = 0; d < shape.length; d++) f = f * shape[d] + (shape[d] === 1 ? 0 : idx[batch.length - shape.length + d]);
    return f;
  };
  for (let bi = 0; bi < nb; bi++) {
    const idx = unravel(bi, batch);
    gemm(M, N, K, A, flatIndex(idx, batchA) * M * K, B, flatIndex(idx, batchB) * K * N, C, bi * M * N);
  }
  return [cpuFromData(C, [...batch, M, N], dtype)];
};
