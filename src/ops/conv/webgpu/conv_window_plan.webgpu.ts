/**
 * Geometry of the "window" GEMM (gemm_kn.wgsl.ts) for stride-1 conv and stride-1 convTranspose (dL/dx),
 * per z = n·G + g, on three lifted spatial dims (off_t = tap t's offsets · dilation, maxoff = (kernel − 1)
 * · dilation; values outside the source are 0):
 *   conv:           y[n, g·Og + m, r]  = Σ_{k=(c,t)} w[g·Og + m, c, t] · x[n, g·Cg + c, r + off_t − pad]
 *   convTranspose:  dx[n, g·Cg + m, r] = Σ_{k=(o,t)} w[g·Og + o, m, t] · dy[n, g·Og + o, r + pad − off_t]
 * Depth rows k' = (channel, kd, kh) carry ktab[k'] = (channel offset, dOff, hOff, wOff); the kw taps are
 * the GEMM's register window (dL/dx walks it backwards: `flip`).
 */
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";

/** Windows (kernel width · dilation) wider than this take the packed paths: the kernels unroll the window in registers. */
export const MAX_WINDOW = 24;

export interface WindowPlan {
  /** source spatial sizes, result spatial sizes, result width padded to a multiple of 8 */
  S: number[];
  R: number[];
  W8: number;
  M: number;
  K: number;
  rows: number;
  kw: number;
  dw: number;
  flip: boolean;
  zDiv: number;
  /** source offsets per image and per group; output strides */
  bZq: number;
  bZr: number;
  cZq: number;
  cZr: number;
  cM: number;
  ktab: Int32Array;
}

/** null when the geometry has a stride (the packed path handles it). */
export function windowPlan(v: "conv" | "convTranspose", k: ConvGeometry3d): WindowPlan | null {
  if (k.s.some((s) => s !== 1)) return null;
  const conv = v === "conv";
  const maxoff = k.k.map((n, d) => (n - 1) * k.dil[d]);
  const S = conv ? k.inS : k.out,
    R = conv ? k.out : k.inS;
  const srcPlane = S[0] * S[1] * S[2];
  const [Cs, Cgs, M, outCh] = conv ? [k.C, k.Cg, k.Og, k.O] : [k.O, k.Og, k.Cg, k.C];
  const per = k.k[0] * k.k[1];
  const ktab = new Int32Array(Cgs * per * 4);
  for (let i = 0; i < Cgs * per; i++) {
    const t = i % per,
      kd = Math.floor(t / k.k[1]) * k.dil[0],
      kh = (t % k.k[1]) * k.dil[1];
    const offs = conv
      ? [kd - k.pad[0], kh - k.pad[1], -k.pad[2]]
      : [k.pad[0] - kd, k.pad[1] - kh, k.pad[2] - maxoff[2]];
    ktab.set([Math.floor(i / per) * srcPlane, ...offs], 4 * i);
  }
  const outLen = R[0] * R[1] * R[2];
  return {
    S,
    R,
    W8: Math.ceil(R[2] / 8) * 8,
    M,
    K: Cgs * k.K,
    rows: Cgs * per,
    kw: k.k[2],
    dw: k.dil[2],
    flip: !conv,
    zDiv: k.G,
    bZq: Cs * srcPlane,
    bZr: Cgs * srcPlane,
    cZq: outCh * outLen,
    cZr: M * outLen,
    cM: outLen,
    ktab,
  };
}

/** ktab padded with zero rows to rowsP entries (lanes load whole subgroups of rows). */
export function padRows(ktab: Int32Array, rowsP: number): Int32Array {
  const t = new Int32Array(Math.max(1, rowsP) * 4);
  t.set(ktab);
  return t;
}
