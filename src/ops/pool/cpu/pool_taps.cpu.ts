/**
 * Per-dim window taps of a pooling geometry, precomputed once per kernel call.
 * For output index o on a dim of size n: the window starts at s = o·stride − pad and its taps are
 * s + k·dilation, k < kernelSize; `pos[first[o] … first[o] + count[o])` lists the in-bounds ones, and
 * span[o] = min(s + kernelSize, n + pad) − s is PyTorch's countIncludePad extent (avg pooling has
 * dilation 1; the window is clipped to the padded input, which ceilMode windows may overrun).
 */
import type { PoolGeometry } from "../../../core/geometry";

export interface Taps {
  /** size of this dim in the input */
  readonly n: number;
  /** (D, H, W) of the input with 1-d/2-d pooling padded by leading 1s */
  readonly inSize3: readonly [number, number, number];
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly pos: Int32Array;
  readonly span: Int32Array;
  /** the window's first non-negative tap (PyTorch's index for a window with no in-bounds tap) */
  readonly lead: Int32Array;
  /** 1 where all kernelSize taps are in bounds (then pos[first[o]] is the window start) */
  readonly full: Uint8Array;
  readonly kernelSize: number;
  readonly dilation: number;
  readonly maxCount: number;
}

function dimTaps(
  n: number,
  out: number,
  k: number,
  stride: number,
  pad: number,
  dil: number,
  inSize3: [number, number, number],
): Taps {
  const first = new Int32Array(out),
    count = new Int32Array(out),
    span = new Int32Array(out),
    lead = new Int32Array(out);
  const full = new Uint8Array(out);
  const pos: number[] = [];
  let maxCount = 0;
  for (let o = 0; o < out; o++) {
    const s = o * stride - pad;
    first[o] = pos.length;
    for (let t = 0; t < k; t++) {
      const i = s + t * dil;
      if (i >= 0 && i < n) pos.push(i);
    }
    count[o] = pos.length - first[o];
    span[o] = Math.min(s + k, n + pad) - s;
    lead[o] = s < 0 ? s + Math.ceil(-s / dil) * dil : s;
    full[o] = count[o] === k ? 1 : 0;
    maxCount = Math.max(maxCount, count[o]);
  }
  return {
    n,
    inSize3,
    first,
    count,
    pos: Int32Array.from(pos),
    span,
    lead,
    full,
    kernelSize: k,
    dilation: dil,
    maxCount,
  };
}

/** Taps for (D, H, W): the geometry's dims right-aligned, missing leading dims of size 1 and kernel 1. */
export function poolTaps3(g: PoolGeometry): [Taps, Taps, Taps] {
  const lead = 3 - g.dims;
  const at = (arr: readonly number[], d: number, dflt: number) => (d < lead ? dflt : arr[d - lead]);
  const inSize3: [number, number, number] = [at(g.inSize, 0, 1), at(g.inSize, 1, 1), at(g.inSize, 2, 1)];
  const mk = (d: number) =>
    dimTaps(
      inSize3[d],
      at(g.outSize, d, 1),
      at(g.kernelSize, d, 1),
      at(g.stride, d, 1),
      at(g.padLo, d, 0),
      at(g.dilation, d, 1),
      inSize3,
    );
  return [mk(0), mk(1), mk(2)];
}

/** Offsets of a full window's taps from its start, (kd·dd·H + kh·dh)·W + kw·dw, row-major. */
export function fullWindowOffsets(taps: readonly Taps[]): Int32Array {
  const [td, th, tw] = taps,
    [, H, W] = td.inSize3;
  const offs: number[] = [];
  for (let a = 0; a < td.kernelSize; a++) {
    for (let b = 0; b < th.kernelSize; b++) {
      for (let c = 0; c < tw.kernelSize; c++) offs.push((a * td.dilation * H + b * th.dilation) * W + c * tw.dilation);
    }
  }
  return Int32Array.from(offs);
}
