/**
 * N-dimensional transforms (NumPy `fftn` family): the 1-D transform applied along each of `dims`.
 * A separable DFT factors, so X_{k₁…k_d} = Σ x_{j₁…j_d} Π_a e^{−2πi j_a k_a / n_a} is d passes of `fft`;
 * per-axis norms multiply to the N-d norm (e.g. backward ifftn divides by Π n_a).
 *   s: lengths per transformed dim (zero-pad / truncate); dims default: all (fftn) or [-2, -1] (fft2);
 *   fftn given s without dims transforms the last s.length dims (NumPy's rule).
 *   rfftn: rfft on the last of dims, then fft on the others; irfftn: ifft on all but the last, then irfft
 *   on the last with n = s[-1] (default 2(m − 1)).
 */
import { fmtShape, opError } from "../../core/errors";
import { normAxis } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { owned } from "../../core/scope";
import { isComplex, realTensor, toComplex, type Complex, type ComplexLike } from "./complex";
import { checkLength, irfft, rfft, transform, type FftNorm } from "./fft";

export interface FftnOptions {
  s?: readonly number[];
  dims?: readonly number[];
  norm?: FftNorm;
}

interface Plan {
  dims: number[];
  s: (number | undefined)[];
}

function resolve(op: string, rank: number, opts: FftnOptions, defaultDims: number[] | null): Plan {
  const { s } = opts;
  if (s !== undefined && !Array.isArray(s))
    throw opError(op, `expected s as an array of positive integers, got ${JSON.stringify(s)}`);
  if (opts.dims !== undefined && !Array.isArray(opts.dims))
    throw opError(op, `expected dims as an array of integers, got ${JSON.stringify(opts.dims)}`);
  let raw: readonly number[];
  // fft2 family: dims default to [-2, -1] always; fftn family: the last s.length dims, else all
  if (opts.dims) raw = opts.dims;
  else if (defaultDims) raw = defaultDims;
  else if (s) raw = s.map((_, i) => i - s.length);
  else raw = Array.from({ length: rank }, (_, i) => i);
  const dims = raw.map((d) => normAxis(op, d, rank));
  if (new Set(dims).size !== dims.length) throw opError(op, `expected distinct dims, got [${raw}]`);
  if (dims.length === 0) throw opError(op, "expected at least one dim to transform, got none");
  if (s && s.length !== dims.length) {
    throw opError(op, `expected s and dims of equal length, got s ${fmtShape(s)} and dims [${raw}]`);
  }
  return { dims, s: dims.map((_, i) => (s ? checkLength(op, s[i], `s[${i}]`) : undefined)) };
}

function rankOf(op: string, x: ComplexLike): number {
  return (isComplex(x) ? toComplex(op, "x", x).re : realTensor(op, "x", x)).rank;
}

// Each n-d transform runs in an owned() scope: the 1-D passes' intermediate results are internal, disposed as
// soon as no gradient needs them, so their memory is reused by the next pass instead of waiting for the collector.
function cfftn(op: string, x: ComplexLike, opts: FftnOptions, defaultDims: number[] | null, inverse: boolean): Complex {
  return owned(() => {
    let z = toComplex(op, "x", x);
    const { dims, s } = resolve(op, z.re.rank, opts, defaultDims);
    for (let i = dims.length - 1; i >= 0; i--) {
      const o = { n: s[i], dim: dims[i], norm: opts.norm };
      z = transform(op, z, o, inverse);
    }
    return z;
  });
}

export const fftn = (x: ComplexLike, opts: FftnOptions = {}): Complex => cfftn("fftn", x, opts, null, false);
export const ifftn = (x: ComplexLike, opts: FftnOptions = {}): Complex => cfftn("ifftn", x, opts, null, true);
export const fft2 = (x: ComplexLike, opts: FftnOptions = {}): Complex => cfftn("fft2", x, opts, [-2, -1], false);
export const ifft2 = (x: ComplexLike, opts: FftnOptions = {}): Complex => cfftn("ifft2", x, opts, [-2, -1], true);

function realFftn(op: string, x: ComplexLike, opts: FftnOptions, defaultDims: number[] | null): Complex {
  const { dims, s } = resolve(op, rankOf(op, x), opts, defaultDims);
  const last = dims.length - 1;
  return owned(() => {
    let z = rfft(x, { n: s[last], dim: dims[last], norm: opts.norm }, op);
    for (let i = last - 1; i >= 0; i--) z = transform(op, z, { n: s[i], dim: dims[i], norm: opts.norm }, false);
    return z;
  });
}

function realIfftn(op: string, c: ComplexLike, opts: FftnOptions, defaultDims: number[] | null): Tensor {
  return owned(() => {
    let z = toComplex(op, "c", c);
    const { dims, s } = resolve(op, z.re.rank, opts, defaultDims);
    const last = dims.length - 1;
    for (let i = 0; i < last; i++) z = transform(op, z, { n: s[i], dim: dims[i], norm: opts.norm }, true);
    return irfft(z, { n: s[last], dim: dims[last], norm: opts.norm }, op);
  });
}

export const rfftn = (x: ComplexLike, opts: FftnOptions = {}): Complex => realFftn("rfftn", x, opts, null);
export const rfft2 = (x: ComplexLike, opts: FftnOptions = {}): Complex => realFftn("rfft2", x, opts, [-2, -1]);
export const irfftn = (c: ComplexLike, opts: FftnOptions = {}): Tensor => realIfftn("irfftn", c, opts, null);
export const irfft2 = (c: ComplexLike, opts: FftnOptions = {}): Tensor => realIfftn("irfft2", c, opts, [-2, -1]);
