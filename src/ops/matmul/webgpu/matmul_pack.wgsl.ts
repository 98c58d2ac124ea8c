/**
 * Packing for `matmul` on the k-major GEMM (gemm_kn.wgsl.ts): one kernel writes either operand as rows
 * of depth k, J values each (A: J = M rows of the result, B: J = N columns), from any row/column strides
 * and a per-batch offset table (broadcast batches read the same matrix):
 *   dst[zl][k][j] = src[off[zBase + zl] + j·jStride + k·kStride]   (0 where k ≥ K or j ≥ J)
 * One invocation per 4 consecutive j (a vec4 store); flat index = (zl, k, j/4), unravelled through f32
 * division (wgsl_index.ts; the caller keeps a chunk below 2^24 floats).
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";

export function matmulPackDecl(t: Scalar): KernelDecl {
  return {
    op: "matmul.pack",
    bindings: [
      { name: "src", type: t },
      { name: "off", type: "u32" },
      { name: "dst", type: "vec4<f32>", write: true },
    ],
    uniforms: ["zBase", "K", "Kp", "J", "ld", "jStride", "kStride"].map((name) => ({ name, type: "u32" as const })),
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: UDIV_WGSL,
    body: `
  let quads = u.ld / 4u;
  let row = udiv(i, quads);
  let j4 = (i - row * quads) * 4u;
  let zl = udiv(row, u.Kp);
  let k = row - zl * u.Kp;
  var v = vec4<f32>(0.0);
  if (k < u.K) {
    let base = off[u.zBase + zl] + k * u.kStride;
    for (var q = 0u; q < 4u; q++) {
      if (j4 + q < u.J) { v[q] = f32(src[base + (j4 + q) * u.jStride]); }
    }
  }
  dst[i] = v;`,
  };
}
