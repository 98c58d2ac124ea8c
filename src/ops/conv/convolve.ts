/**
 * convolve(a, b, {mode, method}) and correlate(a, b, {mode, method}) — N-d (1-3 dims) signal convolution
 * with scipy.signal.convolve / correlate semantics (lecture 000 def. 1.5 / 1.6, eq. 1.6 and 1.10):
 *   full:      (a ∗ b)[u] = Σ_t a[t] · b[u − t]              shape a.shape + b.shape − 1
 *   correlate: (a ⋆ b)[u] = Σ_t a[t + u − (m − 1)] · b[t]    = convolve(a, b reversed)
 *   "same":    the centre of full with a's shape (start ⌊(m − 1)/2⌋ per axis, SciPy's _centered)
 *   "valid":   only positions where one input lies wholly inside the other, shape |n − m| + 1; one input
 *              must be at least as large as the other on every axis (SciPy's rule).
 * method "direct": the conv kernel (cross-correlation of the zero-padded signal with the flipped kernel);
 * "fft": fftConvolve (the convolution theorem, lecture 000 §FFT); "auto": the cheaper by a flop estimate.
 * Gradient: da = correlate(dy, b) restricted to a's support, db likewise — both come from the conv
 * kernel's rules (convTranspose / convWeightGrad) or the FFT's.
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { fftConvolve, nextFastLen, type ConvolveMode } from "../fft/fft_convolve";
import { flip, reshape } from "../shape/view_ops";
import { convGeometry } from "./geometry/conv_geometry";
import { checkOpts } from "../../core/options";

export type ConvolveMethod = "auto" | "direct" | "fft";

export interface ConvolveOptions {
  mode?: ConvolveMode;
  method?: ConvolveMethod;
}

/** start and length of the `mode` output inside the full convolution, per axis */
export function modeWindow(
  op: string,
  mode: ConvolveMode,
  aShape: readonly number[],
  bShape: readonly number[],
): { start: number[]; len: number[] } {
  if (mode === "full") return { start: aShape.map(() => 0), len: aShape.map((n, d) => n + bShape[d] - 1) };
  if (mode === "same") return { start: bShape.map((m) => Math.floor((m - 1) / 2)), len: [...aShape] };
  const bigA = aShape.every((n, d) => n >= bShape[d]),
    bigB = bShape.every((m, d) => m >= aShape[d]);
  if (!bigA && !bigB) {
    throw opError(
      op,
      `mode "valid" expects one input at least as large as the other on every axis, got ${fmtShape(aShape)} and ${fmtShape(bShape)}`,
    );
  }
  return {
    start: aShape.map((n, d) => Math.min(n, bShape[d]) - 1),
    len: aShape.map((n, d) => Math.abs(n - bShape[d]) + 1),
  };
}

/** The full-convolution window [start, start + len) as a zero-padded cross-correlation of s with flip(k). */
function direct(s: Tensor, k: Tensor, start: readonly number[], len: readonly number[]): Tensor | null {
  const dims = s.rank;
  const padLo = k.shape.map((m, d) => m - 1 - start[d]);
  const padHi = k.shape.map((m, d) => len[d] - s.shape[d] + m - 1 - padLo[d]);
  if (padLo.some((p) => p < 0) || padHi.some((p) => p < 0)) return null;
  const x = reshape(s, [1, 1, ...s.shape]),
    w = reshape(flip(k), [1, 1, ...k.shape]);
  const padding = padLo.map((lo, d) => [lo, padHi[d]] as [number, number]);
  const geom = convGeometry("convolve", x.shape, w.shape, { dims, padding });
  return reshape(run1("conv", [x, w], { geom }), [...len]);
}

function signalOp(op: string, a: TensorLike, b: TensorLike, opts: ConvolveOptions, reverseB: boolean): Tensor {
  const o = checkOpts(op, opts, ["mode", "method"]);
  const mode = o.mode ?? "full",
    method = o.method ?? "auto";
  if (!["full", "same", "valid"].includes(mode))
    throw opError(op, `expected mode "full" | "same" | "valid", got ${describe(mode)}`);
  if (!["auto", "direct", "fft"].includes(method))
    throw opError(op, `expected method "auto" | "direct" | "fft", got ${describe(method)}`);
  const ta = toTensor(op, "a", a),
    tb = toTensor(op, "b", b, ta);
  if (ta.dtype === "int32" || tb.dtype === "int32") throw opError(op, "expected float tensors, got int32");
  if (ta.rank !== tb.rank)
    throw opError(op, `expected a and b of equal rank, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  if (ta.rank < 1 || ta.rank > 3)
    throw opError(op, `expected a and b of rank 1 to 3, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  if (ta.size === 0 || tb.size === 0)
    throw opError(op, `expected non-empty a and b, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  const kb = reverseB ? flip(tb) : tb;
  const { start, len } = modeWindow(op, mode, ta.shape, tb.shape);
  if (method === "fft" || (method === "auto" && fftIsCheaper(ta.shape, tb.shape, len)))
    return fftConvolve(ta, kb, { mode }, op);
  // convolution commutes: slide the smaller operand as the kernel when the window allows it (with a as
  // the signal the padding is never negative, so that call always succeeds)
  const swapped = kb.size > ta.size ? direct(kb, ta, start, len) : null;
  return swapped ?? (direct(ta, kb, start, len) as Tensor);
}

/**
 * Direct cost Π len · Π kernel multiply-adds against ~3 real FFTs of the padded full size (each
 * ~2.5·P·log2 P flops, P = Π nextFastLen(full)) plus the pointwise product. The constant 4 reflects
 * that the direct path runs through the cache-friendly gemm while the FFT makes several passes.
 */
export function fftIsCheaper(aShape: readonly number[], bShape: readonly number[], len: readonly number[]): boolean {
  const prod = (v: readonly number[]) => v.reduce((p, q) => p * q, 1);
  const kernel = Math.min(prod(aShape), prod(bShape));
  const directCost = prod(len) * kernel;
  const P = prod(aShape.map((n, d) => nextFastLen(n + bShape[d] - 1)));
  const fftCost = 4 * (3 * 2.5 * P * Math.log2(Math.max(2, P)) + 6 * P);
  return fftCost < directCost;
}

/** N-d convolution, scipy.signal.convolve semantics. See the file comment. */
export function convolve(a: TensorLike, b: TensorLike, opts: ConvolveOptions = {}): Tensor {
  return signalOp("convolve", a, b, opts, false);
}

/** N-d cross-correlation, scipy.signal.correlate semantics: convolve(a, b reversed on every axis). */
export function correlate(a: TensorLike, b: TensorLike, opts: ConvolveOptions = {}): Tensor {
  return signalOp("correlate", a, b, opts, true);
}
