/**
 * A zero-padded copy of a conv operand for the dL/dw window kernel (conv_weight_grad_window.wgsl.ts): the input
 * padded to P = (P0, P1, P2) per channel (xp[q] = src[q − F], F the front padding, may be negative =
 * cropped; P2 a multiple of 4, so rows start aligned), or dy with rows padded to a multiple of 8.
 *   padCopy: xp[ic, p0, p1, p2 … p2+3] = src[img0·Cs + ic, (p0, p1, p2 …) − F] (0 outside),
 *            ic = image·Cs + channel; one invocation per vec4
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";

const U32 = (names: string[]) => names.map((name) => ({ name, type: "u32" as const }));

/**
 * `aligned` (f32 sources whose rows and front padding are multiples of 4 floats: valid convolutions) reads
 * whole vec4s through a second binding of the same buffer instead of four gathered floats.
 */
export function padCopyDecl(t: Scalar, aligned = false): KernelDecl {
  const row = aligned
    ? `    let s2 = i32(p2) - u.F2;
    if (s2 >= 0 && s2 < i32(u.S2)) { v = src4[(base * u.S2 + u32(s2)) / 4u]; }`
    : [0, 1, 2, 3]
        .map(
          (e) => `    {
      let s2 = i32(p2) + ${e} - u.F2;
      if (s2 >= 0 && s2 < i32(u.S2)) { v.${"xyzw"[e]} = f32(src[base * u.S2 + u32(s2)]); }
    }`,
        )
        .join("\n");
  return {
    op: aligned ? "conv.padCopy4" : "conv.padCopy",
    bindings: [
      { name: "src", type: t },
      { name: "xs", type: "vec4<f32>", write: true },
      ...(aligned ? [{ name: "src4", type: "vec4<f32>" as const }] : []),
    ],
    uniforms: [
      ...U32(["srcBase", "P0", "P1", "P2", "S0", "S1", "S2"]),
      ...["F0", "F1", "F2"].map((name) => ({ name, type: "i32" as const })),
    ],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: UDIV_WGSL,
    // invocation i = (padded row, p2 / 4): xp[row][p2 … p2 + 3]
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
  var v = vec4<f32>(0.0);
  if (s0 >= 0 && s0 < i32(u.S0) && s1 >= 0 && s1 < i32(u.S1)) {
    let base = ((u.srcBase + ic) * u.S0 + u32(s0)) * u.S1 + u32(s1);
${row}
  }
  xs[i] = v;`,
  };
}
