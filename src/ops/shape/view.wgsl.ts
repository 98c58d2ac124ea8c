/** WGSL of `view`: a strided gather of 32-bit words (dtype-agnostic: float32 and int32 move as bits). */
import type { KernelDecl } from "../../backends/webgpu/shader";
import { SHAPE_UNIFORMS, stridedAt, stridesUniform } from "../../backends/webgpu/wgsl_index";

/** y[i] = x[offset + Σ_d strides[d]·i_d], for outputs of rank `rank` */
export const viewDecl = (rank: number): KernelDecl => ({
  op: "view",
  bindings: [{ name: "x", type: "u32" }, { name: "y", type: "u32", write: true }],
  uniforms: [...SHAPE_UNIFORMS, stridesUniform("x"), { name: "offset", type: "i32" }],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  helpers: stridedAt("x", rank, "u.offset"),
  body: `  y[i] = x[xAt(i)];`,
});
