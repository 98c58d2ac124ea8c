/**
 * Host-side description of the conv family as k-major GEMMs (gemm_kn.wgsl.ts), per z = n·G + g
 * (dL/dw: z = g). With taps t (offset off_t = (kd, kh, kw)·dilation), output positions l (p_l = their
 * coordinates), input positions i:
 *   conv:            y[n, g·Og + m, l]   = Σ_{k=(c,t)}  w[g·Og + m, c, t] · x[n, g·Cg + c, p_l·s − pad + off_t]
 *   convTranspose:   dx[n, g·Cg + m, i]  = Σ_{k=(o,t)}  w[g·Og + o, m, t] · dy[n, g·Og + o, (i + pad − off_t) / s]
 *   convWeightGrad:  dw[g·Og + m, c, t]  = Σ_{k=(n,l)}  dy[n, g·Og + m, l] · x[n, g·Cg + c, p_l·s − pad + off_t]
 * A (At) depends on z only through g = z % zDiv (for dL/dw zDiv = G and z = g).
 * (terms whose x / dy position falls outside, or is not divisible by the stride, are 0). `atab` / `ktab`
 * are per depth index k and `ntab` per column: the tables that conv_pack.wgsl.ts adds up.
 */
import type { ConvKernelName } from "../../../core/kernels";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";

/** the three GEMMs of a convolution, one per kernel */
export type ConvVariant = ConvKernelName;

export interface ConvGemmSpec {
  M: number;
  N: number;
  K: number;
  Z: number;
  zDiv: number;
  /** packA: source offsets per zA, per row m; zA count (groups) */
  aZ: number;
  aM: number;
  zA: number;
  /** packB: base(z) = s0 + (z / zDiv)·sZq + (z % zDiv)·sZr, strides / bounds of the gathered dims */
  sZq: number;
  sZr: number;
  st: number[];
  bound: number[];
  /** output C: cZ0 + zq·cZq + zr·cZr + m·cM + n */
  cZq: number;
  cZr: number;
  cM: number;
  tables: () => { atab: Int32Array; ktab: Int32Array; ntab: Int32Array };
}

function coords(l: number, dims: readonly number[]): [number, number, number] {
  return [Math.floor(l / (dims[1] * dims[2])), Math.floor(l / dims[2]) % dims[1], l % dims[2]];
}

function table(n: number, width: number, row: (i: number) => number[]): Int32Array {
  const t = new Int32Array(Math.max(1, n) * width);
  for (let i = 0; i < n; i++) t.set(row(i), width * i);
  return t;
}

/** Tap offsets and output positions of a lifted geometry, shared by the three GEMMs. */
interface Taps {
  k: ConvGeometry3d;
  taps: number;
  off: (t: number) => number[];
  outPos: (l: number) => number[];
}

/** The GEMM of each variant: a variant without one does not compile. */
const SPECS: { readonly [V in ConvVariant]: (t: Taps) => ConvGemmSpec } = {
  conv: ({ k, taps, off, outPos }) => ({
    M: k.Og,
    N: k.L,
    K: k.Cg * taps,
    Z: k.N * k.G,
    zDiv: k.G,
    aZ: k.Og * k.Cg * taps,
    aM: k.Cg * taps,
    zA: k.G,
    sZq: k.C * k.inLen,
    sZr: k.Cg * k.inLen,
    st: [1, 1, 1],
    bound: k.inS,
    cZq: k.O * k.L,
    cZr: k.Og * k.L,
    cM: k.L,
    tables: () => ({
      atab: table(k.Cg * taps, 1, (i) => [i]),
      ktab: table(k.Cg * taps, 4, (i) => [Math.floor(i / taps) * k.inLen, ...off(i % taps)]),
      ntab: table(k.L, 4, (l) => [0, ...outPos(l).map((p, d) => p - k.pad[d])]),
    }),
  }),
  convTranspose: ({ k, taps, off }) => ({
    M: k.Cg,
    N: k.inLen,
    K: k.Og * taps,
    Z: k.N * k.G,
    zDiv: k.G,
    aZ: k.Og * k.Cg * taps,
    aM: taps,
    zA: k.G,
    sZq: k.O * k.L,
    sZr: k.Og * k.L,
    st: k.s,
    bound: k.out,
    cZq: k.C * k.inLen,
    cZr: k.Cg * k.inLen,
    cM: k.inLen,
    tables: () => ({
      atab: table(k.Og * taps, 1, (i) => [Math.floor(i / taps) * k.Cg * taps + (i % taps)]),
      ktab: table(k.Og * taps, 4, (i) => [Math.floor(i / taps) * k.L, ...off(i % taps).map((o) => -o)]),
      ntab: table(k.inLen, 4, (i) => [0, ...coords(i, k.inS).map((c, d) => c + k.pad[d])]),
    }),
  }),
  convWeightGrad: ({ k, taps, off, outPos }) => ({
    M: k.Og,
    N: k.Cg * taps,
    K: k.N * k.L,
    Z: k.G,
    zDiv: k.G,
    aZ: k.Og * k.L,
    aM: k.L,
    zA: k.G,
    sZq: 0,
    sZr: k.Cg * k.inLen,
    st: [1, 1, 1],
    bound: k.inS,
    cZq: 0,
    cZr: k.Og * k.Cg * taps,
    cM: k.Cg * taps,
    tables: () => ({
      atab: table(k.N * k.L, 1, (i) => [Math.floor(i / k.L) * k.O * k.L + (i % k.L)]),
      ktab: table(k.N * k.L, 4, (i) => [Math.floor(i / k.L) * k.C * k.inLen, ...outPos(i % k.L)]),
      ntab: table(k.Cg * taps, 4, (n) => [
        Math.floor(n / taps) * k.inLen,
        ...off(n % taps).map((o, d) => o - k.pad[d]),
      ]),
    }),
  }),
};

/** The GEMM of variant v; its tables are built on demand (costly: callers cache them on the device). */
export function convGemmSpec(v: ConvVariant, k: ConvGeometry3d): ConvGemmSpec {
  const off = (t: number) => coords(t, k.k).map((c, d) => c * k.dil[d]);
  const outPos = (l: number) => coords(l, k.out).map((c, d) => c * k.s[d]);
  return SPECS[v]({ k, taps: k.K, off, outPos });
}

export interface Chunking {
  kc: number;
  zc: number;
  w: number;
}

/**
 * How much of B to pack at once (at most `budget` floats): all of it when it fits; else all columns for
 * a slab of depth indices (results accumulate over slabs); else a few depth steps for a band of columns.
 * Counts are rounded to the GEMM's granules: depth to `kStep` (the subgroup size), columns to `nr`.
 */
export function chunking(
  Kp: number,
  N: number,
  Z: number,
  kStep: number,
  nr: number,
  budget: number,
  maxDim: number,
): Chunking {
  const up = (x: number, g: number) => Math.ceil(x / g) * g;
  const down = (x: number, g: number) => Math.max(g, Math.floor(x / g) * g);
  const ldb = up(N, nr);
  const kCap = down(maxDim, kStep);
  if (Kp * ldb <= budget && Kp <= kCap)
    return { kc: Kp, zc: Math.max(1, Math.min(Z, maxDim, Math.floor(budget / (Kp * ldb)))), w: ldb };
  if (kStep * ldb <= budget) return { kc: Math.min(kCap, down(budget / ldb, kStep)), zc: 1, w: ldb };
  return { kc: kStep, zc: 1, w: down(budget / kStep, nr) };
}
