/**
 * fftConvolve(a, b, {mode}): N-d linear convolution of two real arrays of equal rank through the FFT
 * (scipy.signal.fftconvolve semantics).
 *   (a ∗ b)[p] = Σ_q a[q] · b[p − q],   full shape a.shape + b.shape − 1
 * Both inputs are zero-padded to a length L ≥ full on every axis, so the circular convolution that the
 * DFT diagonalises, irfftn(rfftn(a) · rfftn(b)), equals the linear one on its first `full` entries.
 * L is the next 2^a·3^b·5^c length (fast Stockham radices), as SciPy's next_fast_len.
 * mode "same": the centre of `full` with a's shape; "valid": the centre with shape |a − b| + 1 (one input
 * must be at least as large as the other on every axis).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { narrow } from "../shape/view_ops";
import { complexMul } from "./complex";
import { irfftn, rfftn } from "./fftn";

export type ConvolveMode = "full" | "same" | "valid";

export interface FftConvolveOptions {
  mode?: ConvolveMode;
}

/** Smallest 2^a·3^b·5^c ≥ n. */
export function nextFastLen(n: number): number {
  let best = Infinity;
  for (let p5 = 1; p5 < 2 * n; p5 *= 5) {
    for (let p35 = p5; p35 < 2 * n; p35 *= 3) {
      let v = p35;
      while (v < n) v *= 2;
      if (v < best) best = v;
    }
  }
  return n <= 1 ? 1 : best;
}

/**
 * The transform length for a linear convolution of full length n on `backend`: nextFastLen on the cpu
 * (its mixed-radix FFT handles 3s and 5s), the next power of two on webgpu, whose other lengths go through
 * Bluestein (~4 transforms of the next power of two beyond 2n: fftConv of 256² by 15² on lavapipe spent most
 * of its time there).
 */
export function transformLen(n: number, backend: string): number {
  return backend === "webgpu" ? 2 ** Math.ceil(Math.log2(Math.max(1, n))) : nextFastLen(n);
}

function centred(t: Tensor, shape: readonly number[]): Tensor {
  let y = t;
  shape.forEach((n, d) => {
    const start = Math.floor((t.shape[d] - n) / 2);
    if (n !== t.shape[d]) y = narrow(y, d, start, n);
  });
  return y;
}

export function fftConvolve(a: TensorLike, b: TensorLike, opts: FftConvolveOptions = {}, op = "fftConvolve"): Tensor {
  const ta = toTensor(op, "a", a),
    tb = toTensor(op, "b", b, ta);
  const mode = opts.mode ?? "full";
  if (!["full", "same", "valid"].includes(mode))
    throw opError(op, `expected mode "full" | "same" | "valid", got ${describe(mode)}`);
  if (ta.rank !== tb.rank) {
    throw opError(op, `expected a and b of equal rank, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  }
  if (ta.rank === 0) throw opError(op, "expected a and b of rank >= 1, got scalars");
  if (ta.size === 0 || tb.size === 0)
    throw opError(op, `expected non-empty a and b, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  if (ta.dtype === "int32" || tb.dtype === "int32") throw opError(op, "expected float tensors, got int32");
  const bigA = ta.shape.every((n, d) => n >= tb.shape[d]),
    bigB = tb.shape.every((n, d) => n >= ta.shape[d]);
  if (mode === "valid" && !bigA && !bigB) {
    throw opError(
      op,
      `mode "valid" expects one input at least as large as the other on every axis, got ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`,
    );
  }
  const full = ta.shape.map((n, d) => n + tb.shape[d] - 1);
  const s = full.map((n) => transformLen(n, ta.backend));
  const dims = full.map((_, d) => d);
  const y = irfftn(complexMul(rfftn(ta, { s, dims }), rfftn(tb, { s, dims })), { s, dims });
  const yFull = cropFront(y, full);
  if (mode === "full") return yFull;
  if (mode === "same") return centred(yFull, ta.shape);
  return centred(
    yFull,
    ta.shape.map((n, d) => Math.abs(n - tb.shape[d]) + 1),
  );
}

/** The first `shape` entries on every axis (drops the FFT padding beyond the full convolution). */
function cropFront(t: Tensor, shape: readonly number[]): Tensor {
  let y = t;
  shape.forEach((n, d) => {
    if (n !== t.shape[d]) y = narrow(y, d, 0, n);
  });
  return y;
}
