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
import { freshArena, type Arena } from "../../../backends/cpu/wasm/wasm_heap";
import { runShares, threadCount, type Share } from "../../../backends/cpu/wasm/wasm_pool";
import { runChosen, type Candidate } from "./conv_algo.cpu";

/** Below this many flops a thread hand-off costs more than it saves (measured wake-up ~20-50 µs). */
export const WASM_THREAD_MIN_FLOPS = 4e6;

const up = (n: number, m: number) => Math.ceil(n / m) * m;

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

/** How many shares a call of `flops` over `units` splittable units gets. */
function partsFor(flops: number, units: number): number {
  return flops < WASM_THREAD_MIN_FLOPS ? 1 : Math.max(1, Math.min(threadCount(), units));
}

const bound = (p: number, parts: number, total: number) => Math.round((p * total) / parts);

/** Each forward algorithm returns where its output (N·O·L floats) lies in the arena. */
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

/**
 * Below this many flops (direct count) Winograd is not measured: such a conv takes a few ms, and measuring
 * a third candidate (three rounds instead of two; dL/dw's first measured choice at all) costs more than
 * Winograd can save in a notebook that meets each shape a few times — with every 3×3 shape measured, the
 * course's notebooks took 45 s longer in CI. CONVLAB_CONV_ALGO=winograd still forces it on any size.
 */
export const WINOGRAD_MIN_FLOPS = 1e8;

/** Whether Winograd is a candidate for g: it applies and the conv is large enough (or it is forced). */
function winogradCandidate(g: ConvGeometry3d): boolean {
  const flops = 2 * g.N * g.O * g.L * g.Cg * g.K;
  return winogradApplies(g) && (flops >= WINOGRAD_MIN_FLOPS || process.env.CONVLAB_CONV_ALGO === "winograd");
}

/** Winograd F(2×2, 3×3): 2-D 3×3 kernels, stride 1, dilation 1, one group, no cropping padding. */
export function winogradApplies(g: ConvGeometry3d): boolean {
  return (
    g.G === 1 &&
    g.k[0] === 1 &&
    g.k[1] === 3 &&
    g.k[2] === 3 &&
    g.s.every((s) => s === 1) &&
    g.dil.every((d) => d === 1) &&
    g.pad[0] === 0 &&
    g.pad.every((p) => p >= 0) &&
    g.out[1] > 0 &&
    g.out[2] > 0
  );
}

/**
 * U_ξ[o, c] = (G g_oc Gᵀ)[q][r], ξ = 4q + r, for G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1] (float64, rounded once),
 * laid out [16][O][C] for packing as the GEMMs' A operands.
 */
export function winogradFilters(w: Float32Array, O: number, C: number): Float32Array {
  const G = [
    [1, 0, 0],
    [0.5, 0.5, 0.5],
    [0.5, -0.5, 0.5],
    [0, 0, 1],
  ];
  const U = new Float32Array(16 * O * C);
  for (let o = 0; o < O; o++) {
    for (let c = 0; c < C; c++) {
      const g = w.subarray((o * C + c) * 9, (o * C + c) * 9 + 9);
      for (let q = 0; q < 4; q++) {
        // t = G·g (row q), then (G g)·Gᵀ
        const t = [0, 1, 2].map((b) => G[q][0] * g[b] + G[q][1] * g[3 + b] + G[q][2] * g[6 + b]);
        for (let r = 0; r < 4; r++) U[((4 * q + r) * O + o) * C + c] = G[r][0] * t[0] + G[r][1] * t[1] + G[r][2] * t[2];
      }
    }
  }
  return U;
}

/** Forward conv by Winograd F(2×2, 3×3) (wasm/assembly/winograd.ts): pad, transform, 16 GEMMs, transform back. */
function forwardWinograd(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, w: Float32Array): number {
  const [, OH, OW] = g.out,
    [, H, W] = g.inS,
    [, ph, pw] = g.pad;
  const th = Math.ceil(OH / 2),
    tw = Math.ceil(OW / 2);
  // every tile's 4×4 patch in bounds, plus the 2 extra values a 4-tile row read takes
  const Hp = 2 * th + 2,
    Wp = 2 * tw + 4,
    plane = Hp * Wp,
    planes = g.N * g.C;
  const xp = ar.putF32(x),
    xpad = ar.alloc(4 * (planes * plane + 16));
  const uBytes = 4 * up(g.O, 6) * g.C,
    Uh = ar.putF32(winogradFilters(w, g.O, g.C)),
    Up = ar.alloc(16 * uBytes);
  for (let xi = 0; xi < 16; xi++) rt.kernels.packA(g.O, g.C, Uh + 4 * xi * g.O * g.C, g.C, 1, Up + xi * uBytes);
  const yLen = g.N * g.O * g.L,
    yp = ar.alloc(4 * yLen),
    flops = 2 * yLen * g.C * 9;
  const padParts = partsFor(flops, planes),
    pads: Share[] = [];
  for (let p = 0; p < padParts; p++) {
    const [q0, q1] = [bound(p, padParts, planes), bound(p + 1, padParts, planes)];
    pads.push({ fn: "padPlanes", args: [xp, xpad, q0, q1, 1, H, W, 1, Hp, Wp, 0, ph, pw] });
  }
  runShares(rt, "conv", pads);
  // tile rows per GEMM block: ~192 tiles, so that V (16·C·tiles) and M (16·O·tiles) stay near L2
  const RB = Math.max(1, Math.floor(192 / tw)),
    TB = RB * tw,
    rows = g.N * th;
  const pp = ar.putI32([g.N, g.C, g.O, OH, OW, Hp, Wp, th, tw, RB]);
  const parts = partsFor(flops, rows),
    shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const V = ar.alloc(4 * 16 * up(TB, 8) * g.C),
      M = ar.alloc(4 * 16 * g.O * TB),
      tmp = ar.alloc(256);
    shares.push({
      fn: "winogradForward",
      args: [pp, xpad, Up, yp, bound(p, parts, rows), bound(p + 1, parts, rows), V, M, tmp],
    });
  }
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

/** dW by the GEMM over column panels (exact: the same bits on any thread count); returns its arena place. */
function weightGrad(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, dy: Float32Array): number {
  const CK = g.Cg * g.K,
    chunk = Math.min(chunkFor(CK), up(g.L, 8)),
    panels = Math.ceil(CK / 8);
  const gp = geomPtr(ar, g),
    xp = ar.putF32(x),
    dyp = ar.putF32(dy);
  const dwLen = g.O * CK,
    dwp = ar.alloc(4 * dwLen);
  const parts = partsFor(2 * g.N * g.O * g.L * CK, panels);
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const p0 = 8 * bound(p, parts, panels),
      p1 = Math.min(CK, 8 * bound(p + 1, parts, panels));
    const Ap = ar.alloc(4 * up(g.Og, 6) * chunk),
      Bp = ar.alloc(4 * up(p1 - p0, 8) * chunk);
    shares.push({ fn: "convWeightGrad", args: [gp, xp, dyp, dwp, p0, p1, Ap, Bp, chunk] });
  }
  runShares(rt, "convWeightGrad", shares);
  return dwp;
}

/**
 * dW by Winograd F(3×3, 2×2) (wasm/assembly/winograd.ts): the tiles' transforms into the GEMMs' panels
 * (shares of tile rows), 16 GEMMs of depth T (shares of ξ: each sum over tiles stays on one thread, so the
 * bits do not depend on the thread count), then dW[o, c] = Gᵀ M G here.
 */
function weightGradWinograd(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, dy: Float32Array): number {
  const [, OH, OW] = g.out,
    [, H, W] = g.inS,
    [, ph, pw] = g.pad;
  const th = Math.ceil(OH / 2),
    tw = Math.ceil(OW / 2);
  const Hp = 2 * th + 2,
    Wp = 2 * tw + 4,
    plane = Hp * Wp,
    planes = g.N * g.C,
    rows = g.N * th;
  // blocks of whole tile rows, ~4,096 tiles: the panels (16 × (O + C) × tiles floats) stay a bounded size
  // whatever the batch (the wasm memory never shrinks); the block size depends on the shape only, so the
  // GEMMs' accumulation order, and with it every bit, does not depend on the thread count
  const RB = Math.max(1, Math.floor(4096 / tw)),
    TMAX = Math.min(RB, rows) * tw;
  const xp = ar.putF32(x),
    dyp = ar.putF32(dy),
    xpad = ar.alloc(4 * (planes * plane + 16));
  const Ap = ar.alloc(4 * 16 * up(g.O, 6) * TMAX),
    Bp = ar.alloc(4 * 16 * up(g.C, 8) * TMAX),
    M = ar.alloc(4 * 16 * g.O * g.C);
  const flops = 2 * 16 * g.O * g.C * rows * tw;
  const padParts = partsFor(flops, planes),
    pads: Share[] = [];
  for (let p = 0; p < padParts; p++) {
    const [q0, q1] = [bound(p, padParts, planes), bound(p + 1, padParts, planes)];
    pads.push({ fn: "padPlanes", args: [xp, xpad, q0, q1, 1, H, W, 1, Hp, Wp, 0, ph, pw] });
  }
  runShares(rt, "convWeightGrad", pads);
  const pp = ar.putI32([g.N, g.C, g.O, OH, OW, Hp, Wp, th, tw, TMAX]);
  const tmps = Array.from({ length: threadCount() }, () => ar.alloc(256));
  for (let b0 = 0; b0 < rows; b0 += RB) {
    const b1 = Math.min(rows, b0 + RB),
      T = (b1 - b0) * tw;
    const tParts = partsFor(flops, b1 - b0),
      transforms: Share[] = [];
    for (let p = 0; p < tParts; p++) {
      const [r0, r1] = [b0 + bound(p, tParts, b1 - b0), b0 + bound(p + 1, tParts, b1 - b0)];
      transforms.push({ fn: "winogradGradTransforms", args: [pp, xpad, dyp, Ap, Bp, r0, r1, b0, T, tmps[p]] });
    }
    runShares(rt, "convWeightGrad", transforms);
    const gParts = partsFor(flops, 16),
      gemms: Share[] = [];
    for (let p = 0; p < gParts; p++) {
      const [x0, x1] = [bound(p, gParts, 16), bound(p + 1, gParts, 16)];
      gemms.push({ fn: "winogradGemms", args: [g.O, g.C, T, TMAX, Ap, Bp, M, x0, x1, b0 > 0 ? 1 : 0] });
    }
    runShares(rt, "convWeightGrad", gemms);
  }
  // dW[o, c][a][b] = Σ_{q,s} G[q][a] · M_{4q+s}[o, c] · G[s][b]  (G: the forward's filter transform)
  const m = ar.f32(M, 16 * g.O * g.C),
    dwp = ar.alloc(4 * g.O * g.C * 9),
    dw = ar.f32(dwp, g.O * g.C * 9),
    OC = g.O * g.C;
  const G = [
    [1, 0, 0],
    [0.5, 0.5, 0.5],
    [0.5, -0.5, 0.5],
    [0, 0, 1],
  ];
  for (let oc = 0; oc < OC; oc++) {
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let sum = 0;
        for (let q = 0; q < 4; q++) {
          if (G[q][a] === 0) continue;
          let row = 0;
          for (let s2 = 0; s2 < 4; s2++) row += m[(4 * q + s2) * OC + oc] * G[s2][b];
          sum += G[q][a] * row;
        }
        dw[oc * 9 + 3 * a + b] = sum;
      }
    }
  }
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
