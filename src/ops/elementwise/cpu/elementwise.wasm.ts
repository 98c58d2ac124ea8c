/**
 * Large float32 elementwise ops on the wasm kernels (wasm/assembly/elementwise.ts): the binary ops of
 * binary_dense.cpu.ts's patterns (same shape, one value, per-channel blocks) and relu. Same values as the
 * TypeScript loops (the kernel's comment says why).
 * Why, although each call copies its operands into the wasm memory and its result out: the TypeScript loops
 * run at 1.5-2.5 ns a value (one function serves float32, float64 and int32 arrays, so its element accesses
 * are polymorphic), the copies at ~0.5 and the f32x4 loop at ~0.15 — measured on 32x6x28x28 by
 * bench/cpu_elementwise.ts. Below MIN_VALUES the call's fixed cost outweighs the saving.
 */
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena } from "../../../backends/cpu/wasm/wasm_heap";

const MIN_VALUES = 1 << 14;

export type WasmBinaryOp = "add" | "sub" | "mul" | "div" | "gt";
const CODE: { readonly [K in WasmBinaryOp]: number } = { add: 0, sub: 1, mul: 2, div: 3, gt: 4 };

/**
 * out = a op b, b having out.length values, one value, or values that each cover `inner` consecutive
 * outputs (cycling); false (nothing written) when the wasm kernels do not run here or out is small.
 */
export function binaryWasm(
  op: WasmBinaryOp,
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  inner: number,
): boolean {
  const rt = out.length >= MIN_VALUES ? wasmRuntime() : null;
  if (!rt) return false;
  const ar = freshArena(rt);
  const pa = ar.putF32(a),
    pb = ar.putF32(b),
    po = ar.alloc(4 * out.length);
  rt.call("binaryF32", [CODE[op], pa, pb, po, out.length, b.length, inner]);
  out.set(ar.f32(po, out.length));
  return true;
}

/** out = relu(x); false when the wasm kernels do not run here or x is small. */
export function reluWasm(x: Float32Array, out: Float32Array): boolean {
  const rt = x.length >= MIN_VALUES ? wasmRuntime() : null;
  if (!rt) return false;
  const ar = freshArena(rt);
  const px = ar.putF32(x),
    po = ar.alloc(4 * x.length);
  rt.call("reluF32", [px, po, x.length]);
  out.set(ar.f32(po, x.length));
  return true;
}
