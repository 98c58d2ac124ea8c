/**
 * dL/dw of a stride-1 convolution without an im2col matrix ("window" form, like gemm_kn.wgsl.ts's):
 *   dw[g·Og + m, col, kw] = Σ_{steps s} Σ_{j<8} dyp[s, g·Og + m, j] · xp[s, g·Cg + cl, col's (kd, kh) + j + kw·DW]
 * where col = (cl, kd, kh), a step s = (image, od, oh, 8-wide block of ow), dyp is dy itself when its rows
 * start aligned (width a multiple of 4; the values past a row's end are masked to 0 with the step's valid
 * count), else dy copied into rows padded to W8, and xp the zero-padded input
 * (conv_pad.wgsl.ts). A lane owns one
 * column and MR rows m: per step it loads the 8 + (KW−1)·DW input values of its window once and slides
 * them over the KW taps in registers; the 8·MR dy values are the same for every lane (with subgroups,
 * lane l loads those of step s0 + l and `subgroupShuffle` hands them round). Steps are split into slices
 * (z = slice·G + g) whose partial sums sliceSumDecl adds: a layer has few (c, kd, kh) columns.
 * stab[3s] / stab[3s+1] / stab[3s+2]: the step's offset in xp / in dyp / its count of valid columns;
 * ctab[col]: the column's offset in xp.
 */
import type { KernelDecl } from "../../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";

const LANES = "xyzw";

/**
 * tapLanes: when a layer has fewer columns than a subgroup has lanes (1-channel inputs: audio, LeNet C1),
 * lanes own a (column, kw) pair instead, and gather their 8 window values as floats (`bs`, the same
 * buffer as `b`): 9 lanes busy instead of 1 for a width-9 kernel.
 */
export interface WgradWindowShape {
  mr: number;
  sg: number;
  wg: number;
  kw: number;
  dw: number;
  tapLanes: boolean;
}

export function wgradWindowDecl({ mr, sg, wg, kw, dw, tapLanes }: WgradWindowShape): KernelDecl {
  const taps = tapLanes ? 1 : kw;
  const segLen = 8 + (taps - 1) * dw;
  const comp = (e: number) => `g${e}`;
  const accs: string[] = [],
    stores: string[] = [];
  for (let r = 0; r < mr; r++) {
    for (let t = 0; t < taps; t++) {
      accs.push(`var c${r}_${t} = 0.0;`);
      stores.push(`if (m0 + ${r}u < u.M) { c[cb + (m0 + ${r}u) * u.rowStride + ${t}u] = c${r}_${t}; }`);
    }
  }
  const mask = (v: string, h: number, nv: string) =>
    `select(vec4<f32>(0.0), ${v}, vec4<u32>(${4 * h}u, ${4 * h + 1}u, ${4 * h + 2}u, ${4 * h + 3}u) < vec4<u32>(${nv}))`;
  // aOf gives dy values already masked to the step's valid columns
  // window values only ever multiplied by masked (zero) dy are zeroed too: past a row's valid columns the
  // window runs into the next row (or padding), and 0 · Inf there would be NaN
  const step = (aOf: (r: number, h: number) => string, xo: string, nv: string) => {
    const out = [`let xo = ${xo} + colOff;`, `let nv = ${nv};`];
    if (tapLanes) for (let j = 0; j < 8; j++) out.push(`let g${j} = select(0.0, bs[xo + ${j}u], ${j}u < nv);`);
    else {
      for (let v = 0; v < Math.ceil(segLen / 4); v++) out.push(`let s${v} = b[xo / 4u + ${v}u];`);
      for (let e = 0; e < segLen; e++)
        out.push(`let g${e} = select(0.0, s${e >> 2}.${LANES[e & 3]}, ${e}u < nv + ${(kw - 1) * dw}u);`);
    }
    for (let r = 0; r < mr; r++) {
      for (let h = 0; h < 2; h++) out.push(`let a${r}_${h} = ${aOf(r, h)};`);
      for (let t = 0; t < taps; t++) {
        for (let j = 0; j < 8; j++)
          out.push(`c${r}_${t} = fma(a${r}_${j >> 2}.${LANES[j & 3]}, ${comp(t * dw + j)}, c${r}_${t});`);
      }
    }
    return out;
  };
  // dy rows of step s: vec4 h (0, 1) of row m0 + r
  const aIdx = (s: string, r: number, h: number) =>
    `(stab[3u * ${s} + 1u] + (g * u.Og + min(m0 + ${r}u, u.M - 1u)) * u.dyPlane) / 4u + ${h}u`;
  const loop = sg
    ? `for (var s0 = sLo; s0 < sHi; s0 += ${sg}u) {
    let sl = min(s0 + sgl, u.steps - 1u);
    let xl = stab[3u * sl];
    let nl = stab[3u * sl + 2u];
    ${Array.from({ length: mr }, (_, r) => `let al${r}_0 = ${mask(`a[${aIdx("sl", r, 0)}]`, 0, "nl")};\n    let al${r}_1 = ${mask(`a[${aIdx("sl", r, 1)}]`, 1, "nl")};`).join("\n    ")}
    for (var kk = 0u; kk < min(${sg}u, sHi - s0); kk++) {
      ${step((r, h) => `subgroupShuffle(al${r}_${h}, kk)`, "subgroupShuffle(xl, kk)", "subgroupShuffle(nl, kk)").join("\n      ")}
    }
  }`
    : `for (var s = sLo; s < sHi; s++) {
    ${step((r, h) => mask(`a[${aIdx("s", r, h)}]`, h, "stab[3u * s + 2u]"), "stab[3u * s]", "stab[3u * s + 2u]").join("\n    ")}
  }`;
  return {
    op: `conv.wgradWindow${kw}x${dw}${tapLanes ? "t" : ""}`,
    bindings: [
      { name: "a", type: "vec4<f32>" },
      { name: "b", type: "vec4<f32>" },
      { name: "c", type: "f32", write: true },
      { name: "stab", type: "u32" },
      { name: "ctab", type: "u32" },
      { name: "bs", type: "f32" },
    ],
    uniforms: ["M", "Og", "G", "cols", "steps", "per", "dyPlane", "xGroup", "rowStride", "sliceStride"].map((name) => ({
      name,
      type: "u32" as const,
    })),
    mode: "grid",
    workgroupSize: [wg, 1, 1],
    subgroups: sg > 0,
    helpers: UDIV_WGSL,
    body: `
  let sl0 = wid.z / u.G;
  let g = wid.z % u.G;
  let sLo = sl0 * u.per;
  let sHi = min(u.steps, sLo + u.per);
  let m0 = wid.y * ${mr}u;
  let lc = wid.x * ${wg}u + lid.x;
  let col = ${tapLanes ? `udiv(lc, ${kw}u)` : "lc"};
  let t0 = lc - col * ${tapLanes ? kw : 1}u;
  // lanes past the last column compute a clamped copy (shuffles need every lane), their stores are skipped
  let colOff = ctab[min(col, u.cols - 1u)] + g * u.xGroup + t0 * ${dw}u;
  let cb = sl0 * u.sliceStride + (g * u.Og) * u.rowStride + col * ${kw}u + t0;
  ${accs.join("\n  ")}
  ${loop}
  if (col < u.cols) {
  ${stores.join("\n  ")}
  }`,
  };
}

/**
 * The same sum with lanes on output channels m instead (layers with one or two (c, kd, kh) columns and
 * ≥ 8 output channels: 1-channel 1-D convs): a lane owns row m of one column (wid.x) and all KW taps; per
 * step it loads its 8 dy values and the window, which is the same for every lane of the workgroup
 * (uniform loads, ~4× cheaper than per-lane ones on lavapipe).
 */
export function wgradRowsDecl({ wg, kw, dw }: { wg: number; kw: number; dw: number }): KernelDecl {
  const segLen = 8 + (kw - 1) * dw;
  const acc = Array.from({ length: kw }, (_, t) => `var c${t} = 0.0;`);
  const fmas: string[] = [];
  for (let t = 0; t < kw; t++) {
    for (let j = 0; j < 8; j++) fmas.push(`c${t} = fma(a${j >> 2}.${LANES[j & 3]}, g${t * dw + j}, c${t});`);
  }
  return {
    op: `conv.wgradRows${kw}x${dw}`,
    bindings: [
      { name: "a", type: "vec4<f32>" },
      { name: "b", type: "vec4<f32>" },
      { name: "c", type: "f32", write: true },
      { name: "stab", type: "u32" },
      { name: "ctab", type: "u32" },
    ],
    uniforms: ["M", "Og", "G", "cols", "steps", "per", "dyPlane", "xGroup", "rowStride", "sliceStride"].map((name) => ({
      name,
      type: "u32" as const,
    })),
    mode: "grid",
    workgroupSize: [wg, 1, 1],
    body: `
  let sl0 = wid.z / u.G;
  let g = wid.z % u.G;
  let sLo = sl0 * u.per;
  let sHi = min(u.steps, sLo + u.per);
  let col = wid.x;
  let m = wid.y * ${wg}u + lid.x;
  let mc = min(m, u.M - 1u);
  let colOff = ctab[col] + g * u.xGroup;
  let arow = (g * u.Og + mc) * u.dyPlane;
  ${acc.join("\n  ")}
  for (var s = sLo; s < sHi; s++) {
    let xo = (stab[3u * s] + colOff) / 4u;
    let nv = stab[3u * s + 2u];
    ${Array.from({ length: Math.ceil(segLen / 4) }, (_, v) => `let s${v} = b[xo + ${v}u];`).join("\n    ")}
    ${Array.from({ length: segLen }, (_, e) => `let g${e} = select(0.0, s${e >> 2}.${LANES[e & 3]}, ${e}u < nv + ${(kw - 1) * dw}u);`).join("\n    ")}
    let ao = (stab[3u * s + 1u] + arow) / 4u;
    let a0 = select(vec4<f32>(0.0), a[ao], vec4<u32>(0u, 1u, 2u, 3u) < vec4<u32>(nv));
    let a1 = select(vec4<f32>(0.0), a[ao + 1u], vec4<u32>(4u, 5u, 6u, 7u) < vec4<u32>(nv));
    ${fmas.join("\n    ")}
  }
  if (m < u.M) {
    let cb = sl0 * u.sliceStride + (g * u.Og + m) * u.rowStride + col * ${kw}u;
    ${Array.from({ length: kw }, (_, t) => `c[cb + ${t}u] = c${t};`).join("\n    ")}
  }`,
  };
}
