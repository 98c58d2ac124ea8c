/**
 * cpu kernel of `fft`: the unnormalised complex DFT along one axis of (re, im), in float64.
 *   forward: X_k = Σ_j x_j e^{−2πi jk/n}      inverse: x_j = Σ_k X_k e^{+2πi jk/n}   (no 1/n here)
 * The inverse reuses the forward plan: swapping re and im is z ↦ i·conj(z), and
 * swap(DFT(swap(x))) = conj(DFT(conj x)) = the e^{+2πi} sum.
 * A real input (im is a broadcast zero, as the public ops pass for real tensors) is transformed two
 * lines per complex FFT: with z = x₁ + i·x₂ and Z = DFT(z),
 *   X₁[k] = (Z[k] + conj Z[n−k]) / 2,   X₂[k] = (Z[k] − conj Z[n−k]) / 2i,
 * and the inverse of a real line is the conjugate of its DFT. Inputs may be strided views (read with
 * their strides); outputs are contiguous and keep the inputs' dtype (float64 if either is float64).
 */
import type { KernelFn } from "../../../core/backend";
import type { KernelAttrs } from "../../../core/kernels";
import { allocArray, promoteTypes, type DType, type TypedArray } from "../../../core/dtype";
import { opError, fmtShape } from "../../../core/errors";
import { contiguousStrides, shapesEqual, sizeOf } from "../../../core/shape";
import { cpuArray, cpuFromData, type CpuArray } from "../../../backends/cpu/cpu_storage";
import type { Tensor } from "../../../core/tensor";
import { getFftPlan, type FftPlan } from "../geometry/fft_plan";
import { gatherLines, lineOffsets, scatterLines } from "./fft_lines.cpu";
import { columnLines } from "./fft_columns.cpu";
import { contiguousLines } from "./fft_contiguous.cpu";
import { fftWasm } from "./fft.wasm";

/**
 * Scratch for lines and plan work, reused across calls: kernels run synchronously and never re-enter,
 * and zero-filling a fresh multi-megabyte buffer per call costs as much as a small transform. Buffers
 * above 16 MB are not kept.
 */
let kept = new Float64Array(0);
function scratch(size: number): Float64Array {
  if (kept.length >= size) return kept;
  const fresh = new Float64Array(Math.max(size, 2 * kept.length));
  if (fresh.length <= 1 << 21) kept = fresh;
  return fresh;
}

/** true when every element of the view is the same stored 0 (a broadcast zero: nothing to read) */
function isBroadcastZero(a: CpuArray): boolean {
  return a.stride.every((s) => s === 0) && a.data[a.offset] === 0;
}

/** Splits Z = DFT(x₁ + i·x₂), held in (zr, zi), into the spectra of x₁ and x₂ (in place safe). */
function splitPair(
  zr: Float64Array,
  zi: Float64Array,
  r1: Float64Array,
  i1: Float64Array,
  r2: Float64Array,
  i2: Float64Array,
  conj: boolean,
): void {
  const n = zr.length,
    sign = conj ? -1 : 1;
  for (let k = 0; k <= n - k; k++) {
    const j = (n - k) % n;
    const a = zr[k],
      b = zi[k],
      c = zr[j],
      d = zi[j];
    r1[k] = (a + c) / 2;
    i1[k] = (sign * (b - d)) / 2;
    r1[j] = (a + c) / 2;
    i1[j] = (sign * (d - b)) / 2;
    r2[k] = (b + d) / 2;
    i2[k] = (sign * (c - a)) / 2;
    r2[j] = (b + d) / 2;
    i2[j] = (sign * (a - c)) / 2;
  }
}

/** Transforms lines (R[b], I[b]) in place, b < nb. */
function transformBlock(
  plan: FftPlan,
  R: Float64Array[],
  I: Float64Array[],
  nb: number,
  work: Float64Array,
  inverse: boolean,
  real: boolean,
): void {
  let b = 0;
  if (real) {
    for (; b + 1 < nb; b += 2) {
      const [zr, zi] = plan.forward(R[b], R[b + 1], work);
      splitPair(zr, zi, R[b], I[b], R[b + 1], I[b + 1], inverse);
    }
    if (b < nb) I[b].fill(0);
  }
  for (; b < nb; b++) {
    // the inverse as forward(im, re): the result's parts come back swapped too
    const [p, q] = inverse ? [I[b], R[b]] : [R[b], I[b]];
    const [xr, xi] = plan.forward(p, q, work);
    if (xr !== p) {
      p.set(xr);
      q.set(xi);
    }
  }
}

/** The first `keep` entries along `axis` of a contiguous array of `shape` (rfft's half spectrum). */
function keepBins(data: TypedArray, dtype: DType, shape: readonly number[], axis: number, keep: number): TypedArray {
  const n = shape[axis],
    inner = sizeOf(shape.slice(axis + 1)),
    outer = sizeOf(shape.slice(0, axis));
  const out = allocArray(dtype, outer * keep * inner);
  for (let o = 0; o < outer; o++) out.set(data.subarray(o * n * inner, (o * n + keep) * inner), o * keep * inner);
  return out;
}

export const fftCpu: KernelFn<"fft"> = ([re, im], attrs) => {
  const { axis, real = false } = attrs;
  if (!real && !shapesEqual(re.shape, im.shape)) {
    throw opError("fft", `expected re and im of equal shape, got ${fmtShape(re.shape)} and ${fmtShape(im.shape)}`);
  }
  const shape = re.shape,
    size = sizeOf(shape),
    n = shape[axis];
  const dtype = promoteTypes(re.dtype, real ? re.dtype : im.dtype) === "float64" ? "float64" : "float32";
  const keep = Math.min(attrs.keep ?? n, n);
  const kept = shape.map((d, k) => (k === axis ? keep : d));
  const fast = size > 0 && dtype === "float32" ? fftWasm(re, im, real || isBroadcastZero(cpuArray(im)), attrs) : null;
  if (fast?.[2]) return [cpuFromData(fast[0], kept, dtype), cpuFromData(fast[1], kept, dtype)];
  const [outRe, outIm] = fast ?? [allocArray(dtype, size), allocArray(dtype, size)];
  if (size > 0 && !fast) transformLines(re, im, outRe, outIm, attrs);
  if (keep === n) return [cpuFromData(outRe, shape, dtype), cpuFromData(outIm, shape, dtype)];
  const cut = (o: TypedArray) => cpuFromData(keepBins(o, dtype, shape, axis, keep), kept, dtype);
  return [cut(outRe), cut(outIm)];
};

/** The transform of every line along `axis` into the contiguous outputs. */
function transformLines(
  re: Tensor,
  im: Tensor,
  outRe: TypedArray,
  outIm: TypedArray,
  { axis, inverse, real: realInput }: KernelAttrs<"fft">,
): void {
  const shape = re.shape,
    n = shape[axis];
  const a = cpuArray(re),
    b = cpuArray(im);
  // a real input: declared by the public ops, or an imaginary part that is a broadcast zero
  const real = realInput === true || isBroadcastZero(b);
  const plan = getFftPlan(n);
  const offA = lineOffsets(shape, a.stride, a.offset, axis),
    offB = lineOffsets(shape, b.stride, b.offset, axis);
  const so = contiguousStrides(shape)[axis],
    offO = lineOffsets(shape, contiguousStrides(shape), 0, axis);
  // contiguous lines (rows): one line at a time, L1-resident (fft_contiguous.cpu.ts); strided lines
  // (columns) of a Stockham length: whole [n, so] blocks interleaved (fft_columns.cpu.ts), up to 2^18
  // values; otherwise (Bluestein, huge blocks) lines are gathered a block at a time, which reads whole
  // cache lines instead of one value per line
  const contiguous = a.stride[axis] === 1 && (real || b.stride[axis] === 1) && so === 1;
  if (contiguous) {
    const buf = scratch(plan.workSize + (real ? 6 : 2) * (n + 40));
    contiguousLines({
      plan,
      reData: a.data,
      offRe: offA,
      imData: b.data,
      offIm: offB,
      outRe,
      outIm,
      offOut: offO,
      real,
      inverse,
      buf,
    });
    return;
  }
  if (plan.passes && n * so <= 1 << 18) {
    // so is the product of the dims after the axis: the output is [outer, n, so]
    const buf = scratch(4 * n * so + 160);
    columnLines({
      passes: plan.passes,
      n,
      inner: so,
      reData: a.data,
      offRe: offA,
      strideRe: a.stride[axis],
      imData: b.data,
      offIm: offB,
      strideIm: b.stride[axis],
      outRe,
      outIm,
      real,
      inverse,
      buf,
    });
    return;
  }
  const B = Math.min(offA.length, Math.max(2, Math.min(16, Math.floor(32768 / n))));
  // buffers spaced by n + 40, not n: power-of-two spacings map every butterfly operand to the same
  // cache sets and the transform runs 2-3x slower (measured)
  const gap = n + 40,
    buf = scratch(plan.workSize + 40 + 2 * B * gap);
  const work = buf.subarray(0, plan.workSize);
  const blkR = { buf, base: plan.workSize + 40, gap, n },
    blkI = { ...blkR, base: blkR.base + B * gap };
  const view = (blk: typeof blkR, k: number) => buf.subarray(blk.base + k * gap, blk.base + k * gap + n);
  const R = Array.from({ length: B }, (_, k) => view(blkR, k)),
    I = Array.from({ length: B }, (_, k) => view(blkI, k));
  for (let first = 0; first < offA.length; first += B) {
    const nb = Math.min(B, offA.length - first);
    gatherLines(a.data, offA, first, a.stride[axis], blkR, nb);
    if (!real) gatherLines(b.data, offB, first, b.stride[axis], blkI, nb);
    transformBlock(plan, R, I, nb, work, inverse, real);
    scatterLines(blkR, outRe, offO, first, so, nb);
    scatterLines(blkI, outIm, offO, first, so, nb);
  }
}
