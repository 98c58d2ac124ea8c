/**
 * The "lines" of an n-d array along one axis: every 1-d run x[i₀, …, :, …, i_r] the FFT kernel
 * transforms. Offsets are listed once (an odometer over the other axes, last fastest), so consecutive
 * lines of a column-wise transform are neighbours in memory and can be gathered a block at a time:
 * reading t-major over a block touches whole cache lines instead of one value per line.
 */
import type { TypedArray } from "../../core/dtype";

/** Offsets of every line along `axis` for an array of `shape` with `strides` and base `offset`. */
export function lineOffsets(shape: readonly number[], strides: readonly number[], offset: number, axis: number): Float64Array {
  const others = shape.map((_, d) => d).filter((d) => d !== axis);
  const count = others.reduce((p, d) => p * shape[d], 1);
  const out = new Float64Array(count);
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

/** dst[b][t] = src[offs[first + b] + t·stride] for the lines of one block. */
export function gatherLines(src: TypedArray, offs: Float64Array, first: number, stride: number, dst: readonly Float64Array[], nb: number): void {
  const n = dst[0].length;
  if (stride === 1) {
    for (let b = 0; b < nb; b++) dst[b].set(src.subarray(offs[first + b], offs[first + b] + n));
    return;
  }
  for (let t = 0; t < n; t++) {
    const at = t * stride;
    for (let b = 0; b < nb; b++) dst[b][t] = src[offs[first + b] + at];
  }
}

/** dst[offs[first + b] + t·stride] = src[b][t] (the inverse of gatherLines). */
export function scatterLines(src: readonly Float64Array[], dst: TypedArray, offs: Float64Array, first: number, stride: number, nb: number): void {
  const n = src[0].length;
  if (stride === 1) {
    for (let b = 0; b < nb; b++) dst.set(src[b], offs[first + b]);
    return;
  }
  for (let t = 0; t < n; t++) {
    const at = t * stride;
    for (let b = 0; b < nb; b++) dst[offs[first + b] + at] = src[b][t];
  }
}
