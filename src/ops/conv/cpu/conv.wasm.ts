/**
 * float32 convolutions on the WebAssembly kernels (src/backends/cpu/wasm/assembly/conv.ts), split over
 * the wasm thread pool. Same formulas as conv.cpu.ts (conv_gemm.cpu.ts), which stays the reference they are tested against
 * (and the path for float64 and CONVLAB_CPU_KERNELS=js).
 *   conv:           shares of the flat (n, group, position) range
 *   convTranspose:  stride 1 → a forward conv of dy with the flipped, transposed kernel (dx is a "full"
 *                   correlation: w̃[c, o, t] = w[o, c, K−1−t], padding dil·(k−1) − pad), so it gets the
 *                   forward's kernels; other strides → W_gᵀ·dY then col2im, shares of (n, group) blocks
 *   convWeightGrad: shares of 8-column panels of Cg·K (each thread builds only its own columns)
 */
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import type { SplitKernel } from "./conv_worker.cpu";
import { wasmRuntime, type WasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena, up, type Arena } from "../../../backends/cpu/wasm/wasm_heap";
import { bound, partsFor, runShares, type Share } from "../../../backends/cpu/wasm/wasm_pool";
import { runChosen, type Candidate } from "./conv_algo.cpu";
import { forwardWinograd, weightGradWinograd, winogradCandidate } from "./conv_winograd.wasm";

/** Columns of the column matrix built at a time: its panel (depth × columns) about 256 KB, in L2. */
const chunkFor = (depth: number) => Math.max(8, Math.floor(65536 / Math.max(1, depth)) & ~7);

/** The geometry as wasm/assembly/geom.ts reads it: one i32 per field. */
function geomPtr(ar: Arena, g: ConvGeometry3d): number {
  return ar.putI32([
    g.N,
    g.C,
    g.O,
    g.G,
    g.Cg,
    g.Og,
    ...g.inS,
    ...g.k,
    ...g.out,
    ...g.s,
    ...g.dil,
    ...g.pad,
    g.inLen,
    g.K,
    g.L,
  ]);
}

/** Each forward algorithm (and conv_winograd.wasm.ts's) returns where its output (N·O·L floats) lies in the arena. */
function forward(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, w: Float32Array): number {
  const CK = g.Cg * g.K,
    chunk = Math.min(chunkFor(CK), up(g.L, 8)),
    aBytes = 4 * up(g.Og, 6) * CK;
  const gp = geomPtr(ar, g),
    xp = ar.putF32(x),
    wp = ar.putF32(w),
    Ap = ar.alloc(g.G * aBytes);
  for (let grp = 0; grp < g.G; grp++) rt.kernels.packA(g.Og, CK, wp + 4 * grp * g.Og * CK, CK, 1, Ap + grp * aBytes);
  const yLen = g.N * g.O * g.L,
    yp = ar.alloc(4 * yLen),
    total = g.N * g.G * g.L;
  const parts = partsFor(2 * yLen * CK, Math.ceil(total / 8));
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const Bp = ar.alloc(4 * up(chunk, 8) * CK);
    shares.push({
      fn: "convForward",
      args: [gp, xp, Ap, yp, bound(p, parts, total), bound(p + 1, parts, total), Bp, chunk],
    });
  }
  runShares(rt, "conv", shares);
  return yp;
}

/** The direct kernel needs stride 1 along the innermost dim and no negative (cropping) padding. */
export function directApplies(g: ConvGeometry3d): boolean {
  return g.s[2] === 1 && g.pad.every((p) => p >= 0);
}

/** Forward conv on the direct kernel (wasm/assembly/direct.ts): pad the input once, no column matrix. */
function forwardDirect(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, w: Float32Array): number {
  const CK = g.Cg * g.K,
    aBytes = 4 * up(g.Og, 6) * CK,
    [pd, ph, pw] = g.pad;
  // padded planes large enough for every read, including the 8-wide tail segment of an output row
  const Dp = Math.max(g.inS[0] + pd, (g.out[0] - 1) * g.s[0] + (g.k[0] - 1) * g.dil[0] + 1);
  const Hp = Math.max(g.inS[1] + ph, (g.out[1] - 1) * g.s[1] + (g.k[1] - 1) * g.dil[1] + 1);
  const Wp = Math.max(g.inS[2] + pw, up(g.out[2], 8) + (g.k[2] - 1) * g.dil[2]);
  const plane = Dp * Hp * Wp,
    planes = g.N * g.C;
  const xp = ar.putF32(x),
    wp = ar.putF32(w),
    Ap = ar.alloc(g.G * aBytes);
  for (let grp = 0; grp < g.G; grp++) rt.kernels.packA(g.Og, CK, wp + 4 * grp * g.Og * CK, CK, 1, Ap + grp * aBytes);
  const tab: number[] = [];
  for (let c = 0; c < g.Cg; c++) {
    for (let kd = 0; kd < g.k[0]; kd++)
      for (let kh = 0; kh < g.k[1]; kh++)
        for (let kw = 0; kw < g.k[2]; kw++) {
          tab.push(c * plane + (kd * g.dil[0] * Hp + kh * g.dil[1]) * Wp + kw * g.dil[2]);
        }
  }
  const tabp = ar.putI32(tab),
    xpad = ar.alloc(4 * (planes * plane + 16));
  const pp = ar.putI32([g.N, g.C, g.O, g.G, g.Cg, g.Og, ...g.out, g.s[0], g.s[1], Dp, Hp, Wp, g.K]);
  const yLen = g.N * g.O * g.L,
    yp = ar.alloc(4 * yLen),
    flops = 2 * yLen * CK;
  const padParts = partsFor(flops, planes),
    pads: Share[] = [];
  for (let p = 0; p < padParts; p++) {
    pads.push({
      fn: "padPlanes",
      args: [xp, xpad, bound(p, padParts, planes), bound(p + 1, padParts, planes), ...g.inS, Dp, Hp, Wp, pd, ph, pw],
    });
  }
  runShares(rt, "conv", pads);
  const rows = g.N * g.G * g.out[0] * g.out[1],
    parts = partsFor(flops, rows),
    shares: Share[] = [];
  for (let p = 0; p < parts; p++)
    shares.push({ fn: "convDirect", args: [pp, xpad, Ap, tabp, yp, bound(p, parts, rows), bound(p + 1, parts, rows)] });
  runShares(rt, "conv", shares);
  return yp;
}

/** The forward conv by the algorithm measured fastest for this shape (conv_algo.ts). */
function forwardChosen(
  rt: WasmRuntime,
  ar: Arena,
  g: ConvGeometry3d,
  x: Float32Array,
  w: Float32Array,
  kind: string,
): Float32Array {
  const shape = `${kind} N${g.N} C${g.C} ${g.inS.join("x")} -> O${g.O} ${g.out.join("x")} k${g.k.join("x")} s${g.s.join(",")} d${g.dil.join(",")} p${g.pad.join(",")} G${g.G}`;
  // each run starts from an empty arena: its inputs are copied in again, and a measuring call's second
  // round reuses the pages the first touched (their first touch would dominate the timing)
  type Algo = typeof forward;
  const run = (f: Algo) => () => (ar.reset(), f(rt, ar, g, x, w));
  const candidates: Candidate<number>[] = [{ algo: "im2col", run: run(forward) }];
  if (directApplies(g)) candidates.unshift({ algo: "direct", run: run(forwardDirect) });
  if (winogradCandidate(g)) candidates.push({ algo: "winograd", run: run(forwardWinograd), inexact: true });
  return ar.takeF32(runChosen(shape, candidates), g.N * g.O * g.L);
}

/** dx of a stride-1 conv as the forward conv of dy with w̃[g·Cg + c, o, t] = w[g·Og + o, c, K−1−t]. */
function transposeAsForward(
  rt: WasmRuntime,
  ar: Arena,
  g: ConvGeometry3d,
  dy: Float32Array,
  w: Float32Array,
): Float32Array {
  const wt = new Float32Array(w.length);
  for (let grp = 0; grp < g.G; grp++) {
    for (let o = 0; o < g.Og; o++) {
      for (let c = 0; c < g.Cg; c++) {
        const src = ((grp * g.Og + o) * g.Cg + c) * g.K,
          dst = ((grp * g.Cg + c) * g.Og + o) * g.K;
        for (let t = 0; t < g.K; t++) wt[dst + t] = w[src + g.K - 1 - t];
      }
    }
  }
  const pad = g.k.map((k, d) => g.dil[d] * (k - 1) - g.pad[d]) as [number, number, number];
  const gt: ConvGeometry3d = {
    ...g,
    C: g.O,
    O: g.C,
    Cg: g.Og,
    Og: g.Cg,
    inS: g.out,
    out: g.inS,
    pad,
    inLen: g.L,
    L: g.inLen,
  };
  return forwardChosen(rt, ar, gt, dy, wt, "convTranspose");
}

function transposeCols(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, dy: Float32Array, w: Float32Array): Float32Array {
  const CK = g.Cg * g.K,
    chunk = Math.min(chunkFor(CK), up(g.L, 8)),
    aBytes = 4 * up(CK, 6) * g.Og;
  const gp = geomPtr(ar, g),
    dyp = ar.putF32(dy),
    wp = ar.putF32(w),
    Ap = ar.alloc(g.G * aBytes);
  for (let grp = 0; grp < g.G; grp++) rt.kernels.packA(CK, g.Og, wp + 4 * grp * g.Og * CK, 1, CK, Ap + grp * aBytes);
  const dxLen = g.N * g.C * g.inLen,
    dxp = ar.alloc(4 * dxLen),
    total = g.N * g.G;
  const parts = partsFor(2 * g.N * g.O * g.L * CK, total);
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const Bp = ar.alloc(4 * up(chunk, 8) * g.Og),
      cols = ar.alloc(4 * CK * chunk);
    shares.push({
      fn: "convCols",
      args: [gp, dyp, Ap, dxp, bound(p, parts, total), bound(p + 1, parts, total), Bp, cols, chunk],
    });
  }
  runShares(rt, "convTranspose", shares);
  return ar.takeF32(dxp, dxLen);
}

/**
 * dW by the GEMM dY · colsᵀ (exact: the same bits on any thread count); returns its arena place. Threads
 * split the output's rows (6-row panels of Og) when Og > Cg·K, else its columns (8-column panels of
 * Cg·K): each packs its own part of A (dY, Og × L) or of B (colsᵀ, Cg·K × L) and all of the other, so
 * the split that leaves the smaller operand to pack twice wins (VGG1: Og 64, Cg·K 27).
 */
function weightGrad(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, dy: Float32Array): number {
  const CK = g.Cg * g.K,
    chunk = Math.min(chunkFor(CK), up(g.L, 8));
  const byRows = g.Og > CK,
    panels = byRows ? Math.ceil(g.Og / 6) : Math.ceil(CK / 8);
  const gp = geomPtr(ar, g),
    xp = ar.putF32(x),
    dyp = ar.putF32(dy);
  const dwLen = g.O * CK,
    dwp = ar.alloc(4 * dwLen);
  const parts = partsFor(2 * g.N * g.O * g.L * CK, panels);
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const [m0, m1] = byRows
      ? [6 * bound(p, parts, panels), Math.min(g.Og, 6 * bound(p + 1, parts, panels))]
      : [0, g.Og];
    const [p0, p1] = byRows ? [0, CK] : [8 * bound(p, parts, panels), Math.min(CK, 8 * bound(p + 1, parts, panels))];
    const Ap = ar.alloc(4 * up(m1 - m0, 6) * chunk),
      Bp = ar.alloc(4 * 2 * up(p1 - p0, 8) * chunk); // the panels, then the row-major staging (im2col.ts)
    shares.push({ fn: "convWeightGrad", args: [gp, xp, dyp, dwp, m0, m1, p0, p1, Ap, Bp, chunk] });
  }
  runShares(rt, "convWeightGrad", shares);
  return dwp;
}

/** dW by the algorithm measured fastest for this shape (conv_algo.ts; Winograd only by its margin). */
function weightGradChosen(
  rt: WasmRuntime,
  ar: Arena,
  g: ConvGeometry3d,
  x: Float32Array,
  dy: Float32Array,
): Float32Array {
  const shape = `convWeightGrad N${g.N} C${g.C} ${g.inS.join("x")} -> O${g.O} ${g.out.join("x")} k${g.k.join("x")} s${g.s.join(",")} d${g.dil.join(",")} p${g.pad.join(",")} G${g.G}`;
  type Algo = typeof weightGrad;
  const run = (f: Algo) => () => (ar.reset(), f(rt, ar, g, x, dy));
  const candidates: Candidate<number>[] = [{ algo: "im2col", run: run(weightGrad) }];
  if (winogradCandidate(g)) candidates.push({ algo: "winograd", run: run(weightGradWinograd), inexact: true });
  return ar.takeF32(runChosen(shape, candidates), g.O * g.Cg * g.K);
}

/**
 * kind(a, b) on the wasm kernels — conv(x, w), convTranspose(dy, w) or convWeightGrad(x, dy) — or null
 * when they do not run here (the caller then runs the TypeScript kernels).
 */
export function convWasm(kind: SplitKernel, g: ConvGeometry3d, a: Float32Array, b: Float32Array): Float32Array | null {
  const rt = wasmRuntime();
  if (!rt) return null;
  const ar = freshArena(rt);
  switch (kind) {
    case "conv":
      return forwardChosen(rt, ar, g, a, b, "conv");
    case "convTranspose":
      return g.s.every((s) => s === 1) ? transposeAsForward(rt, ar, g, a, b) : transposeCols(rt, ar, g, a, b);
    case "convWeightGrad":
      return weightGradChosen(rt, ar, g, a, b);
    default: {
      const never: never = kind;
      return never;
    }
  }
}
