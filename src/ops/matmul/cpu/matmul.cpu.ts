/**
 * cpu kernel of `matmul`: [...b, M, K] @ [...b, K, N] with broadcast batch dims. Each batch item packs its
 * operands straight from the (possibly strided or transposed) ndarrays into the panels of the packed GEMM,
 * so transposes and broadcast batches cost no extra copy.
 */
import { allocArray, promoteTypes, type FloatArray } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import { sizeOf, unravel } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { cpuArray, cpuFromData } from "../../../backends/cpu/cpu_storage";
import { gemmPacked, packA, packB } from "../../gemm/gemm_packed.cpu";
import { matmulDims } from "../geometry/matmul_dims";
import { matmulWasm } from "./matmul.wasm";

/** The float data of t's ndarray, its offset and strides, with the last two axes swapped when `trans`. */
function operand(t: Tensor, trans: boolean) {
  const a = cpuArray(t);
  const r = a.shape.length;
  const [rs, cs] = trans ? [a.stride[r - 1], a.stride[r - 2]] : [a.stride[r - 2], a.stride[r - 1]];
  return {
    data: a.data,
    offset: a.offset,
    batchStrides: a.stride.slice(0, -2),
    batchShape: a.shape.slice(0, -2),
    rs,
    cs,
  };
}

/** Offset of batch item `idx` (of the broadcast batch) in an operand; broadcast axes stay at 0. */
function batchOffset(op: ReturnType<typeof operand>, idx: readonly number[]): number {
  let off = op.offset;
  const lead = idx.length - op.batchShape.length;
  op.batchShape.forEach((d, i) => {
    if (d !== 1) off += idx[lead + i] * op.batchStrides[i];
  });
  return off;
}

export const matmulCpu: KernelFn<"matmul"> = ([a, b], { transA, transB }) => {
  const dtype = promoteTypes(a.dtype, b.dtype) === "float64" ? "float64" : "float32";
  const { M, K, N, batch } = matmulDims(a.shape, b.shape, transA, transB);
  // float32: the WebAssembly GEMM when it runs here (matmul.wasm.ts); float64 stays on this reference path
  const fast = dtype === "float32" ? matmulWasm(a, b, transA, transB, M, K, N, batch) : null;
  if (fast) return [cpuFromData(fast, [...batch, M, N], dtype)];
  const A = operand(a, transA),
    B = operand(b, transB);
  const C = allocArray(dtype, sizeOf(batch) * M * N) as FloatArray;
  let Ap: FloatArray | undefined, Bp: FloatArray | undefined;
  for (let bi = 0; bi < sizeOf(batch); bi++) {
    const idx = unravel(bi, batch);
    Ap = packA(M, K, A.data, batchOffset(A, idx), A.rs, A.cs, Ap);
    Bp = packB(K, N, B.data, batchOffset(B, idx), B.rs, B.cs, Bp);
    gemmPacked(M, N, K, Ap, Bp, C, bi * M * N, N, false);
  }
  return [cpuFromData(C, [...batch, M, N], dtype)];
};
