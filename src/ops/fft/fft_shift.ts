/**
 * Frequency bookkeeping (NumPy semantics):
 *   fftfreq(n, d)  = [0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1] / (d·n)   the sample frequencies of fft(x, n)
 *   rfftfreq(n, d) = [0, 1, …, ⌊n/2⌋] / (d·n)
 *   fftshift(x, dims)  rolls each dim by ⌊n/2⌋ (zero frequency to the centre); ifftshift rolls by −⌊n/2⌋.
 * The shifts are two slices and a concat per dim, on a Tensor or on both parts of a Complex.
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { describe, opError } from "../../core/errors";
import { normAxis } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { tensor } from "../creation";
import type { DType } from "../../core/dtype";
import { concat } from "../shape/concat";
import { narrow } from "../shape/view_ops";
import { isComplex, toComplex, type Complex } from "./complex";

function roll(t: Tensor, d: number, shift: number): Tensor {
  const n = t.shape[d];
  const k = ((shift % n) + n) % n;
  if (k === 0) return t;
  return concat([narrow(t, d, n - k, k), narrow(t, d, 0, n - k)], d);
}

function shiftAll(op: string, x: Tensor, dims: number | readonly number[] | undefined, inverse: boolean): Tensor {
  const ds = dims === undefined ? x.shape.map((_, i) => i) : typeof dims === "number" ? [dims] : [...dims];
  if (!Array.isArray(ds)) throw opError(op, `expected dims as a number or an array of numbers, got ${describe(dims)}`);
  let y = x;
  for (const raw of ds) {
    const d = normAxis(op, raw, x.rank);
    const half = Math.floor(x.shape[d] / 2);
    if (x.shape[d] > 0) y = roll(y, d, inverse ? -half : half);
  }
  return y;
}

function shiftOp(op: string, inverse: boolean) {
  function shift(x: Complex, dims?: number | readonly number[]): Complex;
  function shift(x: TensorLike, dims?: number | readonly number[]): Tensor;
  function shift(x: TensorLike | Complex, dims?: number | readonly number[]): Tensor | Complex {
    if (isComplex(x)) {
      const z = toComplex(op, "x", x);
      return { re: shiftAll(op, z.re, dims, inverse), im: shiftAll(op, z.im, dims, inverse) };
    }
    return shiftAll(op, toTensor(op, "x", x), dims, inverse);
  }
  return shift;
}

export const fftshift = shiftOp("fftshift", false);
export const ifftshift = shiftOp("ifftshift", true);

export interface FreqOptions {
  dtype?: DType;
}

function checkFreqArgs(op: string, n: unknown, d: unknown): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0)
    throw opError(op, `expected n as a positive integer, got ${describe(n)}`);
  if (typeof d !== "number" || !Number.isFinite(d) || d === 0)
    throw opError(op, `expected d as a finite non-zero number, got ${describe(d)}`);
}

export function fftfreq(n: number, d = 1, opts: FreqOptions = {}): Tensor {
  checkFreqArgs("fftfreq", n, d);
  const pos = Math.ceil(n / 2);
  const v = Array.from({ length: n }, (_, i) => (i < pos ? i : i - n) / (d * n));
  return tensor(v, undefined, { dtype: opts.dtype ?? "float32" });
}

export function rfftfreq(n: number, d = 1, opts: FreqOptions = {}): Tensor {
  checkFreqArgs("rfftfreq", n, d);
  const v = Array.from({ length: Math.floor(n / 2) + 1 }, (_, i) => i / (d * n));
  return tensor(v, undefined, { dtype: opts.dtype ?? "float32" });
}
