/**
 * The "lines" of an n-d array along one axis: every 1-d run x[i₀, …, :, …, i_r] the FFT kernel
 * transforms. Offsets are listed once (an odometer over the other axes, last fastest), so consecutive
 * lines of a column-wise transform are neighbours in memory and can be gathered a block at a time:
 * reading t-major over a block touches whole cache lines instead of one value per line.
 */
import type { TypedArray } from "../../../core/dtype";

/** Offsets of every line along `axis` for an array of `shape` with `strides` and base `offset`. */
export function lineOffsets(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  axis: number,
): Int32Array {
  const others = shape.map((_, d) => d).filter((d) => d !== axis);
  const count = others.reduce((p, d) => p * shape[d], 1);
  const out = new Int32Array(count);
  const counter = new Array<number>(others.length).fill(0);
  let off = offset;
  for (let line = 0; line < count; line++) {
    out[line] = off;
    for (let k = others.length - 1; k >= 0; k--) {
      const d = others[k];
      off += strides[d];
      if (++counter[k] < shape[d]) break;
      off -= strides[d] * shape[d];
      counter[k] = 0;
    }
  }
  return out;
}

/** A block of nb lines of length n in one buffer: line b is buf[base + b·gap …+ n). */
export interface LineBlock {
  buf: Float64Array;
  base: number;
  gap: number;
  n: number;
}

/** block line b ← src[offs[first + b] + t·stride], t < n. */
export function gatherLines(
  src: TypedArray,
  offs: Int32Array,
  first: number,
  stride: number,
  blk: LineBlock,
  nb: number,
): void {
  const { buf, base, gap, n } = blk;
  if (stride === 1) {
    for (let b = 0; b < nb; b++) buf.set(src.subarray(offs[first + b], offs[first + b] + n), base + b * gap);
    return;
  }
  for (let t = 0; t < n; t++) {
    const at = t * stride;
    for (let b = 0, to = base + t; b < nb; b++, to += gap) buf[to] = src[offs[first + b] + at];
  }
}

/** dst[offs[first + b] + t·stride] ← block line b (the inverse of gatherLines). */
export function scatterLines(
  blk: LineBlock,
  dst: TypedArray,
  offs: Int32Array,
  first: number,
  stride: number,
  nb: number,
): void {
  const { buf, base, gap, n } = blk;
  if (stride === 1) {
    for (let b = 0; b < nb; b++) dst.set(buf.subarray(base + b * gap, base + b * gap + n), offs[first + b]);
    return;
  }
  for (let t = 0; t < n; t++) {
    const at = t * stride;
    for (let b = 0, from = base + t; b < nb; b++, from += gap) dst[offs[first + b] + at] = buf[from];
  }
}
