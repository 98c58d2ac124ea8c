/**
 * The sizes of `matmul` ([...b, M, K] @ [...b, K, N], after the optional transposes), shared by the cpu and
 * webgpu kernels: the one place that knows where M, K, N and the broadcast batch come from.
 */
import { broadcastShapes } from "../../../core/shape";

export interface MatmulDims {
  M: number;
  K: number;
  N: number;
  batchA: number[];
  batchB: number[];
  /** broadcast of batchA and batchB */
  batch: number[];
}

export function matmulDims(a: readonly number[], b: readonly number[], transA: boolean, transB: boolean): MatmulDims {
  const ra = a.length,
    rb = b.length;
  const batchA = a.slice(0, -2),
    batchB = b.slice(0, -2);
  return {
    M: transA ? a[ra - 1] : a[ra - 2],
    K: transA ? a[ra - 2] : a[ra - 1],
    N: transB ? b[rb - 2] : b[rb - 1],
    batchA,
    batchB,
    batch: broadcastShapes("matmul", batchA, batchB),
  };
}
