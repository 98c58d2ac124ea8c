/**
 * The fft kernel's path for strided lines (columns): the output, laid out [outer, n, inner] with the
 * transformed axis in the middle, holds for each outer index `inner` lines interleaved as
 * y[t·inner + b]. That is one length-n transform with an innermost batch index, i.e. the Stockham
 * passes with stride s·inner (twiddles depend only on j), run on a float64 copy of the block, which
 * then goes to the output in one set(). Rows of the input block are read with one set() each when
 * they are contiguous: set() converts float32 ↔ float64 several times faster than a JS loop (measured
 * ~0.3 vs ~2 ns per value), and a per-column gather / scatter would be two such loops.
 */
import type { TypedArray } from "../../../core/dtype";
import { runStockham, type StockhamPass } from "./fft_stockham.cpu";

export interface ColumnArgs {
  passes: readonly StockhamPass[];
  n: number;
  /** lines per outer index (the output stride along the axis) */
  inner: number;
  reData: TypedArray;
  offRe: Int32Array;
  strideRe: number;
  imData: TypedArray;
  offIm: Int32Array;
  strideIm: number;
  outRe: TypedArray;
  outIm: TypedArray;
  real: boolean;
  inverse: boolean;
  /** float64 scratch of at least 4·n·inner + 160 values */
  buf: Float64Array;
}

/** dst[t·inner + b] ← src[offs[first + b] + t·stride], b < inner, t < n. */
function gatherBlock(
  src: TypedArray,
  offs: Int32Array,
  first: number,
  stride: number,
  dst: Float64Array,
  inner: number,
  n: number,
): void {
  // short runs (inner < 8) cost more in set() calls than the loop
  let runs = inner >= 8;
  for (let b = 1; b < inner && runs; b++) runs = offs[first + b] === offs[first] + b;
  if (runs) {
    for (let t = 0, at = offs[first]; t < n; t++, at += stride) dst.set(src.subarray(at, at + inner), t * inner);
    return;
  }
  for (let t = 0, to = 0; t < n; t++) {
    const at = t * stride;
    for (let b = 0; b < inner; b++, to++) dst[to] = src[offs[first + b] + at];
  }
}

export function columnLines(args: ColumnArgs): void {
  const { passes, n, inner, reData, offRe, strideRe, imData, offIm, strideIm, outRe, outIm, real, inverse, buf } = args;
  const m = n * inner,
    outer = offRe.length / inner;
  // 40-value gaps keep the arrays off power-of-two spacings (cache-set aliasing, see fft.cpu.ts)
  const xr = buf.subarray(0, m),
    xi = buf.subarray(m + 40, 2 * m + 40),
    work = buf.subarray(2 * m + 80, 4 * m + 120);
  const batched = passes.map((ps) => ({ ...ps, s: ps.s * inner }));
  for (let o = 0; o < outer; o++) {
    gatherBlock(reData, offRe, o * inner, strideRe, xr, inner, n);
    if (real) xi.fill(0);
    else gatherBlock(imData, offIm, o * inner, strideIm, xi, inner, n);
    // the inverse as forward(im, re): the result's parts come back swapped too
    const [yr, yi] = inverse ? runStockham(batched, xi, xr, work).reverse() : runStockham(batched, xr, xi, work);
    outRe.set(yr, o * m);
    outIm.set(yi, o * m);
  }
}
