/**
 * A barrier-free register-blocked GEMM with k-major operands (conv.webgpu.ts prepares them):
 *   C[z][m, n] (+)= Σ_{kBeg ≤ k < kEnd} At[z][k, m] · B[z][k, n]
 * At: rows of lda floats (m contiguous; lda a multiple of MR), allocated to a multiple of S rows (lanes
 * load whole subgroups of rows; rows ≥ kEnd are loaded, never used). B comes in one of two forms:
 *  - "packed": rows of ldb floats (n contiguous, ldb a multiple of NR), rows ≥ K zero;
 *  - "window" (stride-1 convolutions): B is never written, not even padded. Depth runs over k = k'·KW + kw,
 *    k' = (channel, kd, kh), and B[k, n] = X[chan + (od + dOff, oh + hOff, w + wOff + kw·DW)] (kw·DW
 *    flipped to (KW−1−kw)·DW for dL/dx) is read straight from the input X, 0 outside it; ktab[k'] =
 *    (chan, dOff, hOff, wOff). Columns are output positions (od, oh, w) with w padded to W8 (a multiple of
 *    8), so an invocation's 8 columns are 8 neighbours of one output row, and the 8 + (KW−1)·DW values its
 *    KW taps need are loaded once per k' (as aligned vec4s, the misalignment picked out and the padding
 *    masked with selects) and slid over in registers (on lavapipe a vec4 is four SIMD registers, so the
 *    shifted vec4s cost nothing).
 * Each invocation accumulates an MR×NR block (MR = 1, 2, 4, 8 or 16; NR = 8) in registers (MR·NR/4
 * vec4s, literal names so LLVM keeps them out of stack memory); a workgroup is one row of `wg` invocations
 * side by side along n. The B forms' code is generated in gemm_kn_b.wgsl.ts.
 *
 * Why not workgroup-memory tiles: on lavapipe (the CI device, a CPU) every buffer or workgroup load costs
 * tens of cycles per 8-lane vector and every barrier suspends all coroutines of a workgroup; the tiled
 * kernel this replaced reached 2.8 GFLOP/s on 8x64x56² → 64 3x3. Here, with subgroups, lane l of each
 * subgroup of S lanes loads the A rows (and table entry) of depth k0 + l once, and `subgroupShuffle` hands
 * them to the other lanes for S depth steps: A costs one vec4 load per S·MR·NR/4 FMAs; B one vec4 load per
 * MR FMAs. Measured on lavapipe: 17 GFLOP/s (16×8 block, S = 8), against 10 with per-lane A loads (the
 * variant used when the device has no fixed-size subgroups) and 2.8 for the tiled kernel.
 * wid.z = sl·zn + zl; z = zBase + zl, zq = z / zDiv, zr = z % zDiv: A starts at zr·aZr, B at
 * (zl / zDiv)·bZq + (zl % zDiv)·bZr (packed B holds only this dispatch's z; window: zq·bZq + zr·bZr),
 * C at cZ0 + sl·sliceStride + zq·cZq + zr·cZr with row stride cM. sl > 0 only for split-K: slice sl sums
 * depth kBeg + sl·kPer … into its own copy of C (sliceSumDecl adds the copies).
 */
import type { BindingDecl, KernelDecl } from "../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../backends/webgpu/wgsl_index";
import { columns, LANES, step, type GemmBForm } from "./gemm_kn_b.wgsl";

export interface GemmKnShape {
  /** rows per invocation (1, 2, 4, 8, 16; the packed form needs a multiple of 4) and columns (8) */
  readonly mr: number;
  readonly nr: number;
  /** invocations per workgroup (= the subgroup size when `sg`) */
  readonly wg: number;
  /** subgroup size, or 0 for per-lane A loads */
  readonly sg: number;
}

export type { GemmBForm } from "./gemm_kn_b.wgsl";

/**
 * Store options, fixed per pipeline (a uniform flag inside a divergent branch makes lavapipe run both
 * sides): `accumulate` adds to C; `vec4Out` (window form, output rows a multiple of 4 wide) writes whole
 * vec4s — a lane's 8 columns are two aligned vec4s, each all valid or all past the row's end.
 */
export interface GemmKnStore {
  accumulate?: boolean;
  vec4Out?: boolean;
}

export function gemmKnDecl(
  { mr, nr, wg, sg }: GemmKnShape,
  form: GemmBForm = { kind: "packed" },
  store: GemmKnStore = {},
): KernelDecl {
  const col = columns(form, nr);
  const win = form.kind === "window";
  const vec4Out = win && !!store.vec4Out;
  const taps = win ? form.kw : 1;
  const aVecs = Math.ceil(mr / 4);
  const accs: string[] = [],
    stores: string[] = [];
  for (let r = 0; r < mr; r++) {
    for (let j = 0; j < nr / 4; j++) {
      accs.push(`var c${r}_${j} = vec4<f32>(0.0);`);
      if (vec4Out) {
        stores.push(
          `if (m0 + ${r}u < u.M && n0 < u.nLoc && w0 + ${4 * j}u < u.R2) { c[(cb + (m0 + ${r}u) * u.cM + outCol) / 4u + ${j}u] = c${r}_${j}; }`,
        );
        continue;
      }
      for (let q = 0; q < 4; q++) {
        const at = `cb + (m0 + ${r}u) * u.cM + ${col.at(4 * j + q)}`;
        const v = `c${r}_${j}.${LANES[q]}`;
        stores.push(
          `if (m0 + ${r}u < u.M && ${col.ok(4 * j + q)}) { ${store.accumulate ? `c[${at}] += ${v};` : `c[${at}] = ${v};`} }`,
        );
      }
    }
  }
  // A row of depth index k (window: k' and tap kw, row k'·KW + kw), as vec4 i of the MR rows from m0
  const aIdx = (k: string, kw: number, i: number) => `ab + ((${k} * ${taps}u + ${kw}u) * u.lda + m0) / 4u + ${i}u`;
  const kbOf = (k: string, t: string) => (win ? t : `(bb + ${k} * u.ldb + nc) / 4u`);
  const loop = sg
    ? `for (var k0 = kLo; k0 < kHi; k0 += ${sg}u) {
    ${Array.from({ length: taps }, (_, kw) => Array.from({ length: aVecs }, (_, i) => `let al${kw}_${i} = a[${aIdx("(k0 + sgl)", kw, i)}];`).join("\n    ")).join("\n    ")}
    let tl = ${win ? "ktab[k0 + sgl]" : "0u"};
    for (var kk = 0u; kk < min(${sg}u, kHi - k0); kk++) {
      ${step(form, mr, nr, kbOf("(k0 + kk)", "subgroupShuffle(tl, kk)"), (kw, i) => `subgroupShuffle(al${kw}_${i}, kk)`).join("\n      ")}
    }
  }`
    : `for (var k = kLo; k < kHi; k++) {
    ${step(form, mr, nr, kbOf("k", "ktab[k]"), (kw, i) => `a[${aIdx("k", kw, i)}]`).join("\n    ")}
  }`;
  const bindings: BindingDecl[] = [
    { name: "a", type: "vec4<f32>" },
    { name: "b", type: "vec4<f32>" },
    { name: "c", type: vec4Out ? "vec4<f32>" : "f32", write: true },
  ];
  if (win) bindings.push({ name: "ktab", type: "vec4<i32>" });
  const extra = win ? ["W8", "R1", "R2", "S0", "S1", "S2"] : ["nBase", "ldb"];
  return {
    op: `${win ? `gemm.window${form.kw}x${form.dw}${form.flip ? "f" : ""}` : "gemm.packed"}${store.accumulate ? "+" : ""}${vec4Out ? "4" : ""}`,
    bindings,
    uniforms: [
      "M",
      "nLoc",
      "kBeg",
      "kEnd",
      "kPer",
      "zn",
      "sliceStride",
      "lda",
      "zBase",
      "zDiv",
      "aZr",
      "bZq",
      "bZr",
      "cZ0",
      "cZq",
      "cZr",
      "cM",
      ...extra,
    ].map((name) => ({ name, type: "u32" as const })),
    mode: "grid",
    workgroupSize: [wg, 1, 1],
    subgroups: sg > 0,
    helpers: UDIV_WGSL,
    body: `
  // split-K: wid.z = slice · zn + zl; slice sl covers depth kBeg + sl·kPer … and writes C at + sl·sliceStride
  let sl = wid.z / u.zn;
  let zl = wid.z % u.zn;
  let kLo = u.kBeg + sl * u.kPer;
  let kHi = min(u.kEnd, kLo + u.kPer);
  let z = zl + u.zBase;
  let zq = z / u.zDiv;
  let zr = z % u.zDiv;
  let m0 = wid.y * ${mr}u;
  let n0 = (wid.x * ${wg}u + lid.x) * ${nr}u;
  // lanes past the last column compute a clamped copy (no divergent exit: shuffles need every lane)
  ${col.setup}
  let ab = zr * u.aZr / 4u;
  // packed B holds this dispatch's z only; the window form reads the whole input
  let bb = ${win ? "zq * u.bZq + zr * u.bZr" : "(zl / u.zDiv) * u.bZq + (zl % u.zDiv) * u.bZr"};
  let cb = u.cZ0 + sl * u.sliceStride + zq * u.cZq + zr * u.cZr;
  ${accs.join("\n  ")}
  ${loop}
  ${stores.join("\n  ")}`,
  };
}

/** The block shape for M rows: MR grows with M up to 16 (a conv with 1-8 output channels wastes less);
 *  the packed form loads A as whole vec4s of rows, so its MR is at least 4. */
export function gemmKnShape(M: number, subgroupSize: number | null, form: GemmBForm["kind"] = "packed"): GemmKnShape {
  const small = form === "window" ? (M <= 1 ? 1 : M <= 2 ? 2 : 4) : 4;
  const mr = M <= 4 ? small : M <= 8 ? 8 : 16;
  return subgroupSize
    ? { mr, nr: 8, wg: subgroupSize, sg: subgroupSize }
    : { mr: Math.min(mr, 8), nr: 8, wg: 32, sg: 0 };
}

/**
 * Split-K: when a GEMM has too few output blocks to keep the device busy (dL/dw: a few thousand outputs,
 * a depth of N·L), `slices` dispatches each cover a range of k into their own copy of C; this adds them up:
 *   c[i] (+)= Σ_{s < slices} parts[s·total + i]
 */
export const sliceSumDecl: KernelDecl = {
  op: "gemm.sliceSum",
  bindings: [
    { name: "parts", type: "f32" },
    { name: "c", type: "f32", write: true },
  ],
  uniforms: [
    { name: "slices", type: "u32" },
    { name: "accumulate", type: "u32" },
  ],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `
  var v = 0.0;
  if (u.accumulate != 0u) { v = c[i]; }
  for (var s = 0u; s < u.slices; s++) { v += parts[s * u.total + i]; }
  c[i] = v;`,
};
