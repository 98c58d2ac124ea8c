/**
 * `matmul` of many tiny matrices (fftConv's per-frequency channel sums: 1×1 · 1×1 for one channel), one
 * invocation per output value with the depth loop in registers:
 *   c[z][m][n] = Σ_k a[offA[z] + m·aM + k·aK] · b[offB[z] + k·bK + n·bN]
 * Why: the packed GEMM pads every matrix to its register block (a 1×1 product becomes 16×8×8) and adds two
 * packing passes; for 36,720 1×1 products on lavapipe that cost ~30 ms a call, this kernel ~0.3 ms.
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";

export function matmulSmallDecl(ta: Scalar, tb: Scalar): KernelDecl {
  return {
    op: "matmul.small",
    bindings: [
      { name: "a", type: ta },
      { name: "b", type: tb },
      { name: "offA", type: "u32" },
      { name: "offB", type: "u32" },
      { name: "c", type: "f32", write: true },
    ],
    uniforms: ["M", "N", "K", "aM", "aK", "bK", "bN"].map((name) => ({ name, type: "u32" as const })),
    mode: "flat",
    workgroupSize: [64, 1, 1],
    body: `
  let mn = u.M * u.N;
  let z = i / mn;
  let r = i - z * mn;
  let m = r / u.N;
  let n = r - m * u.N;
  let pa = offA[z] + m * u.aM;
  let pb = offB[z] + n * u.bN;
  var s = 0.0;
  for (var k = 0u; k < u.K; k++) { s = fma(f32(a[pa + k * u.aK]), f32(b[pb + k * u.bK]), s); }
  c[i] = s;`,
  };
}
