/**
 * The operand of the "shifted" GEMM (gemm_kn.wgsl.ts) for stride-1 convolutions: the input, zero-padded
 * to P = (P0, P1, P2) per channel (xp[q] = src[q − F], F the front padding, may be negative = cropped;
 * P2 a multiple of 4), stored 4 times, copy s shifted by s floats (copy_s[j] = xp[j + s], copies CL floats
 * apart). Any 4 consecutive floats of xp are then one aligned vec4 of some copy: the GEMM reads the 8
 * window values of its 8 neighbouring output columns as two vec4 loads, and no im2col matrix is written
 * (a 3x3 conv's im2col is 9 times its input; the 4 copies are 4 times).
 *   padCopy:     copy_0[ic, p0, p1, p2…p2+3] = src[img0·Cs + ic, p − F] (0 outside), ic = image·Cs + channel
 *   shiftCopies: copy_s[j] = copy_0[j + s] for s = 1, 2, 3 (two vec4 loads, three vec4 stores)
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";

const U32 = (names: string[]) => names.map((name) => ({ name, type: "u32" as const }));

export function padCopyDecl(t: Scalar): KernelDecl {
  return {
    op: "conv.padCopy",
    bindings: [{ name: "src", type: t }, { name: "xs", type: "vec4<f32>", write: true }],
    uniforms: [...U32(["srcBase", "P0", "P1", "P2", "S0", "S1", "S2"]), ...["F0", "F1", "F2"].map((name) => ({ name, type: "i32" as const }))],
    mode: "grid",
    workgroupSize: [64, 1, 1],
    body: `
  let p2 = (wid.x * 64u + lid.x) * 4u;
  if (p2 >= u.P2) { return; }
  let s0 = i32(wid.y / u.P1) - u.F0;
  let s1 = i32(wid.y % u.P1) - u.F1;
  var v = vec4<f32>(0.0);
  if (s0 >= 0 && s0 < i32(u.S0) && s1 >= 0 && s1 < i32(u.S1)) {
    let row = ((u.srcBase + wid.z) * u.S0 + u32(s0)) * u.S1 + u32(s1);
    for (var q = 0; q < 4; q++) {
      let s2 = i32(p2) + q - u.F2;
      if (s2 >= 0 && s2 < i32(u.S2)) { v[q] = f32(src[row * u.S2 + u32(s2)]); }
    }
  }
  xs[((wid.z * u.P0 * u.P1 + wid.y) * u.P2 + p2) / 4u] = v;`,
  };
}

export const shiftCopiesDecl: KernelDecl = {
  op: "conv.shiftCopies",
  bindings: [{ name: "xs", type: "vec4<f32>", write: true }],
  uniforms: U32(["CL4"]),
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `
  let c0 = xs[i];
  var c1 = vec4<f32>(0.0);
  if (i + 1u < u.total) { c1 = xs[i + 1u]; }
  xs[u.CL4 + i] = vec4<f32>(c0.yzw, c1.x);
  xs[2u * u.CL4 + i] = vec4<f32>(c0.zw, c1.xy);
  xs[3u * u.CL4 + i] = vec4<f32>(c0.w, c1.xyz);`,
};
