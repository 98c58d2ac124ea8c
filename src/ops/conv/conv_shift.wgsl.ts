/**
 * The operand of the "shifted" GEMM (gemm_kn.wgsl.ts) for stride-1 convolutions: the input, zero-padded
 * to P = (P0, P1, P2) per channel (xp[q] = src[q − F], F the front padding, may be negative = cropped;
 * P2 a multiple of 4), stored 4 times, copy s shifted by s floats (copy_s[j] = xp[j + s], copies CL floats
 * apart). Any 4 consecutive floats of xp are then one aligned vec4 of some copy: the GEMM reads the 8
 * window values of its 8 neighbouring output columns as two vec4 loads, and no im2col matrix is written
 * (a 3x3 conv's im2col is 9 times its input; the 4 copies are 4 times).
 *   padCopy: copy_s[ic, p0, p1, p2…p2+3] = src[img0·Cs + ic, (p0, p1, p2 + s …) − F] (0 outside),
 *            ic = image·Cs + channel; one invocation per 4 floats of a row writes all four copies
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../backends/webgpu/wgsl_index";

const U32 = (names: string[]) => names.map((name) => ({ name, type: "u32" as const }));

export function padCopyDecl(t: Scalar): KernelDecl {
  return {
    op: "conv.padCopy",
    bindings: [{ name: "src", type: t }, { name: "xs", type: "vec4<f32>", write: true }],
    uniforms: [...U32(["srcBase", "P0", "P1", "P2", "S0", "S1", "S2", "CL4"]), ...["F0", "F1", "F2"].map((name) => ({ name, type: "i32" as const }))],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: UDIV_WGSL,
    // invocation i = (padded row, p2 / 4): xp[row][p2 … p2 + 6] → one vec4 of each copy (values past the
    // row's end are never used by a valid output column: left 0)
    body: `
  let quads = u.P2 / 4u;
  let row = udiv(i, quads);
  let p2 = (i - row * quads) * 4u;
  let rows = u.P0 * u.P1;
  let ic = udiv(row, rows);
  let p01 = row - ic * rows;
  let p0 = udiv(p01, u.P1);
  let s0 = i32(p0) - u.F0;
  let s1 = i32(p01 - p0 * u.P1) - u.F1;
  var lo = vec4<f32>(0.0);
  var hi = vec4<f32>(0.0);
  if (s0 >= 0 && s0 < i32(u.S0) && s1 >= 0 && s1 < i32(u.S1)) {
    let base = ((u.srcBase + ic) * u.S0 + u32(s0)) * u.S1 + u32(s1);
${[0, 1, 2, 3, 4, 5, 6].map((e) => `    {
      let q = i32(p2) + ${e};
      let s2 = q - u.F2;
      if (q < i32(u.P2) && s2 >= 0 && s2 < i32(u.S2)) { ${e < 4 ? "lo" : "hi"}.${"xyzw"[e % 4]} = f32(src[base * u.S2 + u32(s2)]); }
    }`).join("\n")}
  }
  xs[i] = lo;
  xs[u.CL4 + i] = vec4<f32>(lo.yzw, hi.x);
  xs[2u * u.CL4 + i] = vec4<f32>(lo.zw, hi.xy);
  xs[3u * u.CL4 + i] = vec4<f32>(lo.w, hi.xyz);`,
  };
}
