/**
 * A barrier-free register-blocked GEMM with k-major operands (conv.webgpu.ts prepares them):
 *   C[z][m, n] (+)= Σ_{kBeg ≤ k < kEnd} At[z][k, m] · B[z][k, n]
 * At: rows of lda floats (m contiguous; lda a multiple of MR), allocated to a multiple of S rows (lanes
 * load whole subgroups of rows; rows ≥ kEnd are loaded, never used). B comes in one of two forms:
 *  - "packed": rows of ldb floats (n contiguous, ldb a multiple of NR), rows ≥ K zero;
 *  - "shifted": B[k, n] = X[colOff(n) + ktab[k]] read straight from a zero-padded copy X of the input
 *    (conv_shift.wgsl.ts) — the im2col matrix is never written. Columns are output positions laid out
 *    (d, h, w) with w padded to W8 (a multiple of 8), so an invocation's 8 columns are 8 neighbours of one
 *    output row; X is stored as 4 copies shifted by 0-3 floats so those 8 values are two aligned vec4s of
 *    one copy (the host folds the copy choice into ktab).
 * Each invocation accumulates an MR×NR block in registers (MR·NR/4 vec4s, literal names so LLVM keeps
 * them out of stack memory); a workgroup is one row of `wg` invocations side by side along n.
 *
 * Why not workgroup-memory tiles: on lavapipe (the CI device, a CPU) every buffer or workgroup load costs
 * tens of cycles per 8-lane vector and every barrier suspends all coroutines of a workgroup; the tiled
 * kernel this replaced reached 2.8 GFLOP/s on 8x64x56² → 64 3x3. Here, with subgroups, lane l of each
 * subgroup of S lanes loads the A rows (and table entry) of depth k0 + l once, and `subgroupShuffle` hands
 * them to the other lanes for S depth steps: A costs one vec4 load per S·MR·NR/4 FMAs; B one vec4 load per
 * MR FMAs. Measured on lavapipe: 17 GFLOP/s (16×8 block, S = 8), against 10 with per-lane A loads (the
 * variant used when the device has no fixed-size subgroups) and 2.8 for the tiled kernel.
 * wid.z = sl·zn + zl; z = zBase + zl, zq = z / zDiv, zr = z % zDiv: A starts at zr·aZr, B at
 * (zl / zDiv)·bZq + (zl % zDiv)·bZr (B holds only this dispatch's z), C at cZ0 + sl·sliceStride + zq·cZq +
 * zr·cZr with row stride cM; `accumulate` adds to C. sl > 0 only for split-K: slice sl sums depth
 * kBeg + sl·kPer … into its own copy of C (sliceSumDecl adds the copies).
 */
import type { BindingDecl, KernelDecl } from "../../backends/webgpu/shader";

export interface GemmKnShape {
  /** rows and columns per invocation (multiples of 4; NR = 8 in "shifted" form) */
  readonly mr: number;
  readonly nr: number;
  /** invocations per workgroup (= the subgroup size when `sg`) */
  readonly wg: number;
  /** subgroup size, or 0 for per-lane A loads */
  readonly sg: number;
}

export type GemmBForm = "packed" | "shifted";

const LANES = "xyzw";

function fmaBlock(mr: number, nr: number, aOf: (i: number) => string, kb: string): string[] {
  const out: string[] = [`let kb = ${kb};`];
  for (let j = 0; j < nr / 4; j++) out.push(`let b${j} = b[kb + ${j}u];`);
  for (let i = 0; i < mr / 4; i++) out.push(`let a${i} = ${aOf(i)};`);
  for (let r = 0; r < mr; r++) {
    for (let j = 0; j < nr / 4; j++) out.push(`c${r}_${j} = fma(vec4<f32>(a${r >> 2}.${LANES[r & 3]}), b${j}, c${r}_${j});`);
  }
  return out;
}

const COLUMNS = {
  // packed: column n0 + j of this dispatch's band is column nBase + n0 + j of C
  packed: { setup: "let nc = min(n0, u.ldb - NRu);", ok: (j: number) => `n0 + ${j}u < u.nLoc`, at: (j: number) => `u.nBase + n0 + ${j}u`,
    kb: (k: string, _t: string) => `(bb + ${k} * u.ldb + nc) / 4u`, ktab: (_k: string) => "0" },
  // shifted: padded column n0 = (row, w0) → X offset of its window origin; C column row·R2 + w0 + j
  shifted: { setup: `let n0c = min(n0, u.nLoc - NRu);
  let row = n0c / u.W8;
  let w0 = n0c % u.W8;
  let colOff = (row / u.R1) * u.P12 + (row % u.R1) * u.P2 + w0;
  let outCol = row * u.R2 + w0;`,
    ok: (j: number) => `n0 < u.nLoc && w0 + ${j}u < u.R2`, at: (j: number) => `outCol + ${j}u`,
    kb: (_k: string, t: string) => `(bb + colOff + ${t}) / 4u`, ktab: (k: string) => `ktab[${k}]` },
};

export function gemmKnDecl({ mr, nr, wg, sg }: GemmKnShape, form: GemmBForm = "packed"): KernelDecl {
  const col = COLUMNS[form];
  const accs: string[] = [], stores: string[] = [];
  for (let r = 0; r < mr; r++) {
    for (let j = 0; j < nr / 4; j++) {
      accs.push(`var c${r}_${j} = vec4<f32>(0.0);`);
      for (let q = 0; q < 4; q++) {
        stores.push(`if (m0 + ${r}u < u.M && ${col.ok(4 * j + q)}) { put(cb + (m0 + ${r}u) * u.cM + ${col.at(4 * j + q)}, c${r}_${j}.${LANES[q]}); }`);
      }
    }
  }
  const loop = sg
    ? `for (var k0 = kLo; k0 < kHi; k0 += ${sg}u) {
    let ka = ab + ((k0 + sgl) * u.lda + m0) / 4u;
    ${Array.from({ length: mr / 4 }, (_, i) => `let al${i} = a[ka + ${i}u];`).join("\n    ")}
    let tl = ${col.ktab("k0 + sgl")};
    for (var kk = 0u; kk < min(${sg}u, kHi - k0); kk++) {
      ${fmaBlock(mr, nr, (i) => `subgroupShuffle(al${i}, kk)`, col.kb("(k0 + kk)", "subgroupShuffle(tl, kk)")).join("\n      ")}
    }
  }`
    : `for (var k = kLo; k < kHi; k++) {
    let ka = ab + (k * u.lda + m0) / 4u;
    ${fmaBlock(mr, nr, (i) => `a[ka + ${i}u]`, col.kb("k", col.ktab("k"))).join("\n    ")}
  }`;
  const bindings: BindingDecl[] = [{ name: "a", type: "vec4<f32>" }, { name: "b", type: "vec4<f32>" }, { name: "c", type: "f32", write: true }];
  if (form === "shifted") bindings.push({ name: "ktab", type: "u32" });
  const extra = form === "shifted" ? ["W8", "R1", "R2", "P2", "P12"] : ["nBase", "ldb"];
  return {
    op: `gemm.${form}`,
    bindings,
    uniforms: ["M", "nLoc", "kBeg", "kEnd", "kPer", "zn", "sliceStride", "lda", "zBase", "zDiv", "aZr", "bZq", "bZr", "cZ0", "cZq", "cZr", "cM", "accumulate", ...extra]
      .map((name) => ({ name, type: "u32" as const })),
    mode: "grid",
    workgroupSize: [wg, 1, 1],
    subgroups: sg > 0,
    helpers: `fn put(i: u32, v: f32) { if (u.accumulate != 0u) { c[i] += v; } else { c[i] = v; } }`,
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
  ${col.setup.replace("NRu", `${nr}u`)}
  let ab = zr * u.aZr / 4u;
  let bb = (zl / u.zDiv) * u.bZq + (zl % u.zDiv) * u.bZr;
  let cb = u.cZ0 + sl * u.sliceStride + zq * u.cZq + zr * u.cZr;
  ${accs.join("\n  ")}
  ${loop}
  ${stores.join("\n  ")}`,
  };
}

/** The block shape for M rows: MR grows with M up to 16 (a conv with 1-8 output channels wastes less). */
export function gemmKnShape(M: number, subgroupSize: number | null): GemmKnShape {
  const mr = M <= 4 ? 4 : M <= 8 ? 8 : 16;
  return subgroupSize ? { mr, nr: 8, wg: subgroupSize, sg: subgroupSize } : { mr: Math.min(mr, 8), nr: 8, wg: 32, sg: 0 };
}

/**
 * Split-K: when a GEMM has too few output blocks to keep the device busy (dL/dw: a few thousand outputs,
 * a depth of N·L), `slices` dispatches each cover a range of k into their own copy of C; this adds them up:
 *   c[i] (+)= Σ_{s < slices} parts[s·total + i]
 */
export const sliceSumDecl: KernelDecl = {
  op: "gemm.sliceSum",
  bindings: [{ name: "parts", type: "f32" }, { name: "c", type: "f32", write: true }],
  uniforms: [{ name: "slices", type: "u32" }, { name: "accumulate", type: "u32" }],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `
  var v = 0.0;
  if (u.accumulate != 0u) { v = c[i]; }
  for (var s = 0u; s < u.slices; s++) { v += parts[s * u.total + i]; }
  c[i] = v;`,
};
