/**
 * float32 matmul on the WebAssembly GEMM (wasm/assembly/gemm.ts): [...b, M, K] @ [...b, K, N] with
 * broadcast batch dims. Each operand is copied once (dense, row-major) into the wasm arena and every batch
 * item is packed from there with its strides (a transpose is only a swap of them); then the batch items,
 * or the column panels of a single product, are split over the thread pool.
 */
import type { Tensor } from "../../../core/tensor";
import { sizeOf, unravel } from "../../../core/shape";
import { dense } from "../../../backends/cpu/cpu_storage";
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena, up, type Arena } from "../../../backends/cpu/wasm/wasm_heap";
import { runShares, threadCount, WASM_THREAD_MIN_FLOPS, type Share } from "../../../backends/cpu/wasm/wasm_pool";

/** The operand in the arena, with the element offset of batch item `idx` and its row / column strides. */
function operand(ar: Arena, t: Tensor, trans: boolean) {
  const d = dense(t),
    r = t.shape.length;
  const ptr = ar.putF32(d instanceof Float32Array ? d : Float32Array.from(d));
  const rows = t.shape[r - 2],
    cols = t.shape[r - 1],
    batchShape = t.shape.slice(0, -2);
  const [rs, cs] = trans ? [1, cols] : [cols, 1];
  const offset = (idx: readonly number[]) => {
    let off = 0,
      stride = rows * cols;
    for (let i = batchShape.length - 1; i >= 0; i--) {
      const j = idx.length - batchShape.length + i;
      if (batchShape[i] !== 1) off += idx[j] * stride;
      stride *= batchShape[i];
    }
    return off;
  };
  return { ptr, rs, cs, offset };
}

/** C = A·B in float32 on the wasm kernels, or null when they do not run here. */
export function matmulWasm(
  a: Tensor,
  b: Tensor,
  transA: boolean,
  transB: boolean,
  M: number,
  K: number,
  N: number,
  batch: readonly number[],
): Float32Array | null {
  const rt = wasmRuntime();
  if (!rt) return null;
  const ar = freshArena(rt),
    count = sizeOf(batch);
  const A = operand(ar, a, transA),
    B = operand(ar, b, transB);
  const aBytes = 4 * up(M, 6) * K,
    bBytes = 4 * up(N, 8) * K,
    cBytes = 4 * M * N;
  const Ap = ar.alloc(count * aBytes),
    Bp = ar.alloc(count * bBytes),
    C = ar.alloc(count * cBytes);
  for (let bi = 0; bi < count; bi++) {
    const idx = unravel(bi, batch);
    rt.kernels.packA(M, K, A.ptr + 4 * A.offset(idx), A.rs, A.cs, Ap + bi * aBytes);
    rt.kernels.packB(K, N, B.ptr + 4 * B.offset(idx), B.rs, B.cs, Bp + bi * bBytes);
  }
  const flops = 2 * count * M * N * K,
    panels = Math.ceil(N / 8);
  const parts = flops < WASM_THREAD_MIN_FLOPS ? 1 : Math.min(threadCount(), count > 1 ? count : panels);
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const lo = Math.round((p * (count > 1 ? count : panels)) / parts),
      hi = Math.round(((p + 1) * (count > 1 ? count : panels)) / parts);
    shares.push(
      count > 1
        ? {
            fn: "gemmBatch",
            args: [hi - lo, M, N, K, Ap + lo * aBytes, aBytes, Bp + lo * bBytes, bBytes, C + lo * cBytes, cBytes, 0, N],
          }
        : { fn: "gemmBatch", args: [1, M, N, K, Ap, aBytes, Bp, bBytes, C, cBytes, 8 * lo, Math.min(N, 8 * hi)] },
    );
  }
  if (count > 0 && M * N > 0 && K > 0) runShares(rt, "matmul", shares);
  else ar.f32(C, count * M * N).fill(0);
  return ar.takeF32(C, count * M * N);
}
