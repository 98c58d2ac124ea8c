/**
 * Every cpu conv loop works on three spatial dims: 1-D and 2-D geometries are padded in front with
 * size-1 dims (kernel 1, stride 1, no padding), which changes no index. One set of loops then serves
 * conv1d/2d/3d, and the innermost (last) dim stays the contiguous one.
 */
import { opError } from "../../../core/errors";
import type { FloatDType } from "../../../core/dtype";
import type { ConvGeometry } from "../../../core/geometry";

export interface ConvGeometry3d {
  N: number;
  C: number;
  O: number;
  G: number;
  /** channels per group on the input and output side */
  Cg: number;
  Og: number;
  inS: [number, number, number];
  k: [number, number, number];
  out: [number, number, number];
  s: [number, number, number];
  dil: [number, number, number];
  pad: [number, number, number];
  /** Π inSize, Π kernelSize, Π outSize */
  inLen: number;
  K: number;
  L: number;
}

function lift(v: readonly number[], fill: number): [number, number, number] {
  const out: [number, number, number] = [fill, fill, fill];
  for (let i = 0; i < v.length; i++) out[3 - v.length + i] = v[i];
  return out;
}

export function convGeometry3d(g: ConvGeometry): ConvGeometry3d {
  if (g.dims < 1 || g.dims > 3) throw opError("conv", `expected 1, 2 or 3 spatial dims, got ${g.dims}`);
  const inS = lift(g.inSize, 1),
    k = lift(g.kernelSize, 1),
    out = lift(g.outSize, 1);
  return {
    N: g.batch,
    C: g.inChannels,
    O: g.outChannels,
    G: g.groups,
    Cg: g.inChannels / g.groups,
    Og: g.outChannels / g.groups,
    inS,
    k,
    out,
    s: lift(g.stride, 1),
    dil: lift(g.dilation, 1),
    pad: lift(g.padLo, 0),
    inLen: inS[0] * inS[1] * inS[2],
    K: k[0] * k[1] * k[2],
    L: out[0] * out[1] * out[2],
  };
}

/**
 * For one tap offset `kOff` (= k·dil − pad) on a dim of input length n, the output positions o with
 * 0 <= o·s + kOff < n form the range [lo, hi).
 */
export function validRange(kOff: number, s: number, n: number, outLen: number): [number, number] {
  const lo = kOff >= 0 ? 0 : Math.ceil(-kOff / s);
  const hi = Math.min(outLen, Math.floor((n - 1 - kOff) / s) + 1);
  return [Math.min(lo, outLen), Math.max(Math.min(lo, outLen), hi)];
}

export type FloatArrayOf<D extends FloatDType> = D extends "float64" ? Float64Array : Float32Array;

export function allocFloat(dtype: FloatDType, n: number): Float32Array | Float64Array {
  return dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
}
