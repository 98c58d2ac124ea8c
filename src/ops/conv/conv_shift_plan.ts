/**
 * Geometry of the "window" GEMM (conv_shift.wgsl.ts, gemm_kn.wgsl.ts) for stride-1 conv and stride-1
 * convTranspose (dL/dx), per z = n·G + g, on three lifted spatial dims:
 *   conv:           y[n, g·Og + m, r]  = Σ_{k=(c,t)} w[g·Og + m, c, t] · xp[n, g·Cg + c, r + off_t]
 *                   xp = x padded by padLo in front (F = padLo), r over the output positions
 *   convTranspose:  dx[n, g·Cg + m, r] = Σ_{k=(o,t)} w[g·Og + o, m, t] · dyp[n, g·Og + o, r + maxoff − off_t]
 *                   dyp = dy with F = maxoff − padLo in front, r over the input positions
 * (off_t = tap t's offsets · dilation, maxoff = (kernel − 1) · dilation). xp's extent P covers every window:
 * P0,1 = R0,1 + maxoff0,1, P2 = roundup(W8 + maxoff2, 4) with W8 = roundup(R2, 8).
 */
import type { Geom3 } from "./conv3";

export interface ShiftPlan {
  /** source channels per image, source and result spatial sizes, front padding, padded extent */
  Cs: number; S: number[]; R: number[]; F: number[]; P: number[]; W8: number; plane: number;
  M: number; K: number; zDiv: number;
  /** channel-group step of the source (floats of xp per group) and of the output */
  bZr: number; cZq: number; cZr: number; cM: number;
  /** kernel width along the last dim and its dilation (the GEMM's window); depth rows k' = (cl, kd, kh) */
  kw: number; dw: number; rows: number;
  /** per k': the window origin cl·plane + (kd, kh) offset in xp */
  koff: Uint32Array;
}

const up = (x: number, g: number) => Math.ceil(x / g) * g;

/** null when the geometry has a stride (the packed path handles it). */
export function shiftPlan(v: "conv" | "convTranspose", k: Geom3): ShiftPlan | null {
  if (k.s.some((s) => s !== 1)) return null;
  const maxoff = k.k.map((n, d) => (n - 1) * k.dil[d]);
  const conv = v === "conv";
  const R = conv ? k.out : k.inS, S = conv ? k.inS : k.out;
  const F = conv ? k.pad : maxoff.map((m, d) => m - k.pad[d]);
  const W8 = up(R[2], 8);
  const P = [R[0] + maxoff[0], R[1] + maxoff[1], up(W8 + maxoff[2], 4)];
  const plane = P[0] * P[1] * P[2];
  const [Cs, Cgs, M] = conv ? [k.C, k.Cg, k.Og] : [k.O, k.Og, k.Cg];
  // k' = (cl, kd, kh); the kw taps are the GEMM's window (dL/dx: flipped, from maxoff down)
  const per = k.k[0] * k.k[1];
  const koff = new Uint32Array(Cgs * per);
  for (let i = 0; i < koff.length; i++) {
    const t = i % per;
    const tap = [Math.floor(t / k.k[1]) * k.dil[0], (t % k.k[1]) * k.dil[1]];
    const q = conv ? tap : tap.map((o, d) => maxoff[d] - o);
    koff[i] = Math.floor(i / per) * plane + (q[0] * P[1] + q[1]) * P[2];
  }
  const outLen = R[0] * R[1] * R[2];
  const outCh = conv ? k.O : k.C;
  return {
    Cs, S, R, F, P, W8, plane, M, K: Cgs * k.K, zDiv: k.G, kw: k.k[2], dw: k.dil[2], rows: koff.length,
    bZr: Cgs * plane, cZq: outCh * outLen, cZr: M * outLen, cM: outLen, koff,
  };
}

/** ktab: koff padded with zeros to rowsP entries (lanes load whole subgroups of rows). */
export function padRows(koff: Uint32Array, rowsP: number): Uint32Array {
  const t = new Uint32Array(Math.max(1, rowsP));
  t.set(koff);
  return t;
}
