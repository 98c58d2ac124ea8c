/** WGSL of `view`: a strided gather of 32-bit words (dtype-agnostic: float32 and int32 move as bits). */
import type { KernelDecl } from "../../backends/webgpu/shader";
import { SHAPE_UNIFORMS, stridedAt, stridesUniform, UDIV_WGSL } from "../../backends/webgpu/wgsl_index";

/** y[i] = x[offset + Σ_d strides[d]·i_d], for outputs of rank `rank` (`fast`: fewer than 2^24 elements) */
export const viewDecl = (rank: number, fast = false): KernelDecl => ({
  op: "view",
  bindings: [{ name: "x", type: "u32" }, { name: "y", type: "u32", write: true }],
  uniforms: [...SHAPE_UNIFORMS, stridesUniform("x"), { name: "offset", type: "i32" }],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  helpers: `${UDIV_WGSL}\n${stridedAt("x", rank, "u.offset", fast)}`,
  body: `  y[i] = x[xAt(i)];`,
});
