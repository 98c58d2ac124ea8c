/** WGSL of `view`: a strided gather of 32-bit words (dtype-agnostic: float32 and int32 move as bits). */
import type { KernelDecl } from "../../../backends/webgpu/shader";
import { SHAPE_UNIFORMS, stridedAt, stridesUniform, UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";

/** Outputs per invocation: on lavapipe an invocation costs ~10 ns on its own, more than a 4-byte copy. */
export const VIEW_PER_INVOCATION = 4;

/**
 * y[o] = x[offset + Σ_d strides[d]·o_d], for outputs of rank `rank` (`fast`: fewer than 2^24 elements),
 * outputs o = 4i … 4i+3 (below `count`) per invocation.
 */
export const viewDecl = (rank: number, fast = false): KernelDecl => ({
  op: "view",
  bindings: [
    { name: "x", type: "u32" },
    { name: "y", type: "u32", write: true },
  ],
  uniforms: [...SHAPE_UNIFORMS, stridesUniform("x"), { name: "offset", type: "i32" }, { name: "count", type: "u32" }],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  helpers: `${UDIV_WGSL}\n${stridedAt("x", rank, "u.offset", fast)}`,
  body: Array.from(
    { length: VIEW_PER_INVOCATION },
    (_, k) =>
      `  if (${VIEW_PER_INVOCATION}u * i + ${k}u < u.count) { y[${VIEW_PER_INVOCATION}u * i + ${k}u] = x[xAt(${VIEW_PER_INVOCATION}u * i + ${k}u)]; }`,
  ).join("\n"),
});
