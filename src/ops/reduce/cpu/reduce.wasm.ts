/**
 * Large float32 sums on the wasm kernel (wasm/assembly/reduce.ts): the same walk and the same float64
 * accumulation order as reduce.cpu.ts's reduceDense, so the same values. The bias gradients of a training
 * step (a 32x6x28x28 conv output summed over N, H, W) are its main use.
 */
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena } from "../../../backends/cpu/wasm/wasm_heap";
import type { Run } from "./reduce_runs.cpu";

/** Below this many values the call and its copy cost more than the loop. */
const MIN_VALUES = 1 << 14;

/** out (float64 accumulators) = the sums of src over the reduced runs; false when not run here. */
export function reduceSumWasm(src: Float32Array, runs: readonly Run[], out: Float64Array): boolean {
  const rt = src.length >= MIN_VALUES && runs.length > 0 ? wasmRuntime() : null;
  if (!rt) return false;
  const ar = freshArena(rt);
  const m = ar.putI32([runs.length, ...runs.flatMap((r) => [r.n, r.reduced ? 1 : 0, r.inS, r.outS])]),
    ps = ar.putF32(src),
    po = ar.alloc(8 * out.length),
    ctr = ar.alloc(4 * runs.length);
  const acc = new Float64Array(rt.memory.buffer, po, out.length);
  acc.fill(0);
  rt.call("reduceSumF32", [ps, po, m, ctr]);
  out.set(acc);
  return true;
}
