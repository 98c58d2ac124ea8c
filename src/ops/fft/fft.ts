/**
 * One-dimensional transforms with NumPy / torch.fft semantics, composed from the `fft` kernel and views:
 *   fft:   X_k = s · Σ_j x_j e^{−2πi jk/n}          ifft:  x_j = s' · Σ_k X_k e^{+2πi jk/n}
 *   norm "backward": s = 1, s' = 1/n;  "ortho": s = s' = 1/√n;  "forward": s = 1/n, s' = 1.
 *   rfft(x)  = fft(x)[0 .. ⌊n/2⌋]  (real x: the rest is the Hermitian mirror X_{n−k} = conj X_k; the
 *              kernel outputs only those bins)
 *   irfft(c) = Re ifft(c completed Hermitian to length n), n = 2(m − 1) by default; the imaginary parts
 *              of c_0 (and of c_{n/2} for even n) do not contribute, as in NumPy and PyTorch.
 * `n` zero-pads or truncates the input along `dim` first. Gradients come from the kernel's rule (the
 * adjoint of a DFT is the other DFT) and the views', so every op here is differentiable.
 */
import { runKernel } from "../../core/dispatch";
import { describe, opError } from "../../core/errors";
import { normAxis } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { mul } from "../elementwise/binary";
import { neg } from "../elementwise/unary";
import { concat } from "../shape/concat";
import { pad } from "../shape/pad";
import { flip, narrow } from "../shape/view_ops";
import { isComplex, realTensor, toComplex, type Complex, type ComplexLike } from "./complex";

export type FftNorm = "backward" | "ortho" | "forward";

export interface FftOptions {
  /** transform length: the input is zero-padded or truncated to n along dim */
  n?: number;
  dim?: number;
  norm?: FftNorm;
}

const NORMS: readonly FftNorm[] = ["backward", "ortho", "forward"];

export function checkNorm(op: string, norm: unknown): FftNorm {
  if (norm === undefined || norm === null) return "backward";
  if (!NORMS.includes(norm as FftNorm)) {
    throw opError(op, `expected norm "backward" | "ortho" | "forward", got ${describe(norm)}`);
  }
  return norm as FftNorm;
}

export function checkLength(op: string, n: unknown, what = "n"): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
    throw opError(op, `expected ${what} as a positive integer, got ${describe(n)}`);
  }
  return n;
}

/** Zero-pads or truncates t to length n along axis d. */
export function resizeAxis(t: Tensor, d: number, n: number): Tensor {
  const len = t.shape[d];
  if (n === len) return t;
  if (n < len) return narrow(t, d, 0, n);
  const pads = t.shape.slice(d).map((_, i): [number, number] => (i === 0 ? [0, n - len] : [0, 0]));
  return pad(t, pads);
}

/** The scale a norm mode puts on a forward (inverse = false) or inverse transform of length n. */
function normScale(norm: FftNorm, n: number, inverse: boolean): number {
  if (norm === "ortho") return 1 / Math.sqrt(n);
  return (norm === "forward") !== inverse ? 1 / n : 1;
}

function scaled(z: Complex, s: number): Complex {
  return s === 1 ? z : { re: mul(z.re, s), im: mul(z.im, s) };
}

/**
 * The shared body of fft/ifft/rfft: validate, resize, one kernel call, normalise. A real input goes to the
 * kernel as real (no imaginary part is made: on webgpu that would be a buffer of zeros); `half` keeps the
 * non-negative frequencies only (rfft), inside the kernel.
 */
export function transform(op: string, x: ComplexLike, opts: FftOptions, inverse: boolean, half = false): Complex {
  const z: { re: Tensor; im: Tensor | null } = isComplex(x)
    ? toComplex(op, "x", x)
    : { re: realTensor(op, "x", x), im: null };
  if (z.re.rank === 0) throw opError(op, `expected x of rank >= 1, got shape [] (a scalar)`);
  const d = normAxis(op, opts.dim ?? -1, z.re.rank);
  const n = opts.n === undefined || opts.n === null ? z.re.shape[d] : checkLength(op, opts.n);
  if (n === 0) throw opError(op, `expected a non-empty dim ${d}, got shape [${z.re.shape}]`);
  const norm = checkNorm(op, opts.norm);
  const re = resizeAxis(z.re, d, n);
  const keep = half ? Math.floor(n / 2) + 1 : n;
  const [yr, yi] =
    z.im === null
      ? runKernel("fft", [re, re], { axis: d, inverse, real: true, keep })
      : runKernel("fft", [re, resizeAxis(z.im, d, n)], { axis: d, inverse, keep });
  return scaled({ re: yr, im: yi }, normScale(norm, n, inverse));
}

export function fft(x: ComplexLike, opts: FftOptions = {}): Complex {
  return transform("fft", x, opts, false);
}

export function ifft(x: ComplexLike, opts: FftOptions = {}): Complex {
  return transform("ifft", x, opts, true);
}

/** rfft: the non-negative-frequency half (⌊n/2⌋ + 1 values) of the FFT of a real signal. */
export function rfft(x: ComplexLike, opts: FftOptions = {}, op = "rfft"): Complex {
  if (typeof x === "object" && x !== null && "re" in x && "im" in x) {
    throw opError(op, "expected a real Tensor, got a Complex {re, im} (use fft for complex input)");
  }
  return transform(op, x, opts, false, true);
}

/** irfft: the real signal of length n whose rfft is c (c is truncated / zero-padded to ⌊n/2⌋ + 1 first). */
export function irfft(c: ComplexLike, opts: FftOptions = {}, op = "irfft"): Tensor {
  const z = toComplex(op, "c", c);
  if (z.re.rank === 0) throw opError(op, `expected c of rank >= 1, got shape [] (a scalar)`);
  const d = normAxis(op, opts.dim ?? -1, z.re.rank);
  const m0 = z.re.shape[d];
  const n = opts.n === undefined || opts.n === null ? 2 * (m0 - 1) : checkLength(op, opts.n);
  if (n <= 0) throw opError(op, `expected c with at least 2 values on dim ${d} (or an explicit n), got ${m0}`);
  const m = Math.floor(n / 2) + 1;
  const re = resizeAxis(z.re, d, m),
    im = resizeAxis(z.im, d, m);
  // X_k for k = m … n−1 is conj(c_{n−k}): c_1 … c_{n−m} reversed and conjugated
  const tail = n - m;
  const full: Complex =
    tail === 0
      ? { re, im }
      : {
          re: concat([re, flip(narrow(re, d, 1, tail), d)], d),
          im: concat([im, neg(flip(narrow(im, d, 1, tail), d))], d),
        };
  return transform(op, full, { dim: d, norm: opts.norm }, true).re;
}
