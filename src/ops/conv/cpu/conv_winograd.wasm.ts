/**
 * Winograd convolutions on the WebAssembly kernels (wasm/assembly/winograd.ts), candidates of conv.wasm.ts's
 * measured choice for 3×3 kernels, stride 1:
 *   forward (and the stride-1 dL/dx, a forward conv of dy): F(2×2, 3×3), Y = Aᵀ [Σ_c (G g Gᵀ) ⊙ (Bᵀ d B)] A
 *   dL/dw: F(3×3, 2×2), dW = Gᵀ [Σ_t (A e Aᵀ) ⊙ (Bᵀ d B)] G
 * Both tile the output in 2×2 tiles over the same zero-padded input planes.
 */
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import type { WasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { up, type Arena } from "../../../backends/cpu/wasm/wasm_heap";
import { bound, partsFor, runShares, threadCount, type Share } from "../../../backends/cpu/wasm/wasm_pool";

/**
 * Below this many flops (direct count) Winograd is not measured: such a conv takes a few ms, and measuring
 * a third candidate (three rounds instead of two; dL/dw's first measured choice at all) costs more than
 * Winograd can save in a notebook that meets each shape a few times — with every 3×3 shape measured, the
 * course's notebooks took 45 s longer in CI. CONVLAB_CONV_ALGO=winograd still forces it on any size.
 */
export const WINOGRAD_MIN_FLOPS = 1e8;

/** The filter transform of F(2×2, 3×3), which is also the output transform (Gᵀ·G) of F(3×3, 2×2). */
const G = [
  [1, 0, 0],
  [0.5, 0.5, 0.5],
  [0.5, -0.5, 0.5],
  [0, 0, 1],
];

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

/** Whether Winograd is a candidate for g: it applies and the conv is large enough (or it is forced). */
export function winogradCandidate(g: ConvGeometry3d): boolean {
  const flops = 2 * g.N * g.O * g.L * g.Cg * g.K;
  return winogradApplies(g) && (flops >= WINOGRAD_MIN_FLOPS || process.env.CONVLAB_CONV_ALGO === "winograd");
}

/**
 * U_ξ[o, c] = (G g_oc Gᵀ)[q][r], ξ = 4q + r (float64, rounded once), laid out [16][O][C] for packing as the
 * GEMMs' A operands.
 */
export function winogradFilters(w: Float32Array, O: number, C: number): Float32Array {
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

/** The 2×2 tiling of the output and the padded input planes both algorithms read. */
interface Tiles {
  OH: number;
  OW: number;
  /** tiles down and across */
  th: number;
  tw: number;
  /** the padded planes: every tile's 4×4 patch in bounds, plus the 2 extra values a 4-tile row read takes */
  Hp: number;
  Wp: number;
  /** where the padded planes [N·C, Hp, Wp] lie in the arena */
  xpad: number;
}

/** Copies x into the arena and pads it into planes every tile can read (shares of planes). */
function paddedTiles(rt: WasmRuntime, ar: Arena, g: ConvGeometry3d, x: Float32Array, flops: number, op: string): Tiles {
  const [, OH, OW] = g.out,
    [, H, W] = g.inS,
    [, ph, pw] = g.pad;
  const th = Math.ceil(OH / 2),
    tw = Math.ceil(OW / 2);
  const Hp = 2 * th + 2,
    Wp = 2 * tw + 4,
    planes = g.N * g.C;
  const xp = ar.putF32(x),
    xpad = ar.alloc(4 * (planes * Hp * Wp + 16));
  const parts = partsFor(flops, planes),
    pads: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const [q0, q1] = [bound(p, parts, planes), bound(p + 1, parts, planes)];
    pads.push({ fn: "padPlanes", args: [xp, xpad, q0, q1, 1, H, W, 1, Hp, Wp, 0, ph, pw] });
  }
  runShares(rt, op, pads);
  return { OH, OW, th, tw, Hp, Wp, xpad };
}

/** Forward conv by F(2×2, 3×3): pad, transform, 16 GEMMs, transform back; returns the output's arena place. */
export function forwardWinograd(
  rt: WasmRuntime,
  ar: Arena,
  g: ConvGeometry3d,
  x: Float32Array,
  w: Float32Array,
): number {
  const yLen = g.N * g.O * g.L,
    flops = 2 * yLen * g.C * 9;
  const { OH, OW, th, tw, Hp, Wp, xpad } = paddedTiles(rt, ar, g, x, flops, "conv");
  const uBytes = 4 * up(g.O, 6) * g.C,
    Uh = ar.putF32(winogradFilters(w, g.O, g.C)),
    Up = ar.alloc(16 * uBytes);
  for (let xi = 0; xi < 16; xi++) rt.kernels.packA(g.O, g.C, Uh + 4 * xi * g.O * g.C, g.C, 1, Up + xi * uBytes);
  const yp = ar.alloc(4 * yLen);
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

/**
 * dW by F(3×3, 2×2): the tiles' transforms into the GEMMs' panels (shares of tile rows), 16 GEMMs of depth T
 * (shares of ξ: each sum over tiles stays on one thread, so the bits do not depend on the thread count),
 * then dW[o, c] = Gᵀ M G here; returns dW's arena place.
 */
export function weightGradWinograd(
  rt: WasmRuntime,
  ar: Arena,
  g: ConvGeometry3d,
  x: Float32Array,
  dy: Float32Array,
): number {
  const rows = g.N * Math.ceil(g.out[1] / 2),
    flops = 2 * 16 * g.O * g.C * rows * Math.ceil(g.out[2] / 2);
  const { OH, OW, th, tw, Hp, Wp, xpad } = paddedTiles(rt, ar, g, x, flops, "convWeightGrad");
  // blocks of whole tile rows, ~4,096 tiles: the panels (16 × (O + C) × tiles floats) stay a bounded size
  // whatever the batch (the wasm memory never shrinks); the block size depends on the shape only, so the
  // GEMMs' accumulation order, and with it every bit, does not depend on the thread count
  const RB = Math.max(1, Math.floor(4096 / tw)),
    TMAX = Math.min(RB, rows) * tw;
  const dyp = ar.putF32(dy);
  const Ap = ar.alloc(4 * 16 * up(g.O, 6) * TMAX),
    Bp = ar.alloc(4 * 16 * up(g.C, 8) * TMAX),
    M = ar.alloc(4 * 16 * g.O * g.C);
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
  // dW[o, c][a][b] = Σ_{q,s} G[q][a] · M_{4q+s}[o, c] · G[s][b]
  const OC = g.O * g.C,
    m = ar.f32(M, 16 * OC),
    dwp = ar.alloc(4 * OC * 9),
    dw = ar.f32(dwp, OC * 9);
  for (let oc = 0; oc < OC; oc++) {
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let sum = 0;
        for (let q = 0; q < 4; q++) {
          if (G[q][a] === 0) continue;
          let row = 0;
          for (let s = 0; s < 4; s++) row += m[(4 * q + s) * OC + oc] * G[s][b];
          sum += G[q][a] * row;
        }
        dw[oc * 9 + 3 * a + b] = sum;
      }
    }
  }
  return dwp;
}
