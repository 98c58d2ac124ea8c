/**
 * scatterAdd of float32 values by int32 indices on the wasm loop (wasm/assembly/scatter.ts): max pooling's
 * dL/dx, 150 K values per LeNet-5 step. The same sums in the same order as gather.cpu.ts's loop.
 */
import type { TypedArray } from "../../../core/dtype";
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena } from "../../../backends/cpu/wasm/wasm_heap";

/** Below this many values the call and its copies cost more than the loop. */
const MIN_VALUES = 1 << 12;

/**
 * out (zeros, m·inner values per block of n·inner sources) += src scattered by idx; the first position
 * whose index is out of [0, m) (−1: none), or null when the wasm kernels do not run here (nothing written).
 */
export function scatterWasm(
  src: Float32Array,
  idx: Int32Array,
  out: TypedArray,
  inner: number,
  n: number,
  m: number,
): number | null {
  const rt = src.length >= MIN_VALUES && out instanceof Float32Array ? wasmRuntime() : null;
  if (!rt) return null;
  const ar = freshArena(rt);
  const ps = ar.putF32(src),
    pi = ar.putI32(idx),
    po = ar.alloc(4 * out.length);
  ar.f32(po, out.length).fill(0);
  const bad = Number(rt.call("scatterAddF32", [ps, pi, po, src.length, inner, n, m]));
  out.set(ar.f32(po, out.length));
  return bad;
}
