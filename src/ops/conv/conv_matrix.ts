/**
 * convMatrix(h, n, {mode}) — the Toeplitz matrix H_n^h of lecture 000 eq. 1.12 / def. 1.7, with
 * H @ f = convolve(f, h, mode) for a signal f of length n:
 *   H[r, j] = h[start + r − j]  when 0 <= start + r − j < m, else 0      (H_ij = c_{i−j}: constant diagonals)
 * with the mode's window (start, rows) from convolve: full (n + m − 1 rows), same (n), valid (|n − m| + 1).
 *
 * convMatrix2d(w, [H, W], opts) — the doubly block-Toeplitz matrix of a single-channel 2-D
 * cross-correlation with conv2d's options (stride, padding, dilation, flip, paddingMode):
 *   conv2d(x, w, opts).flatten() == convMatrix2d(w, [H, W], opts) @ x.flatten()
 *   M[(oh, ow), (ih, iw)] = Σ_{taps (kh, kw) that read input pixel (ih, iw) at output (oh, ow)} w[kh, kw]
 * (a sum because reflect/replicate/circular padding can map two taps onto one pixel).
 *
 * Both are built from kernels — the entries are gathered / scatter-added from the kernel's values with
 * host-computed integer index tensors — so they live on any backend and are differentiable in h / w:
 * dh[t] = Σ_{r, j : index = t} dH[r, j] (the gather's adjoint).
 */
import { makeTensor, toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { pad } from "../shape/pad";
import { broadcastTo, flip, reshape, slice } from "../shape/view_ops";
import { padSourceIndex } from "../shape/geometry/pad_index";
import { convGeometry } from "./geometry/conv_geometry";
import { checkOpts } from "../../core/options";
import { modeWindow } from "./convolve";
import type { ConvolveMode } from "../fft/fft_convolve";
import type { ConvOptions } from "./conv";

export interface ConvMatrixOptions {
  mode?: ConvolveMode;
}

const int32 = (op: string, data: Int32Array, shape: number[]) => makeTensor(op, data, shape, { dtype: "int32" });

export function convMatrix(h: TensorLike, n: number, opts: ConvMatrixOptions = {}): Tensor {
  const op = "convMatrix";
  const o = checkOpts(op, opts, ["mode"]);
  const th = toTensor(op, "h", h);
  if (th.rank !== 1 || th.size === 0)
    throw opError(op, `expected h as a non-empty 1-D kernel, got shape ${fmtShape(th.shape)}`);
  if (th.dtype === "int32") throw opError(op, "expected a float kernel h, got int32");
  if (!Number.isInteger(n) || n < 1)
    throw opError(op, `expected n as a positive integer signal length, got ${describe(n)}`);
  const mode = o.mode ?? "full";
  if (!["full", "same", "valid"].includes(mode))
    throw opError(op, `expected mode "full" | "same" | "valid", got ${describe(mode)}`);
  const m = th.shape[0];
  const {
    start: [start],
    len: [rows],
  } = modeWindow(op, mode, [n], [m]);
  const idx = new Int32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) {
      const t = start + r - j;
      idx[r * n + j] = t >= 0 && t < m ? t : m; // m: the appended zero
    }
  }
  const hz = pad(th, [[0, 1]], {}, op);
  return reshape(run1("gather", [hz, int32(op, idx, [rows * n])], { axis: 0 }), [rows, n]);
}

export type ConvMatrix2dOptions = Omit<ConvOptions, "bias" | "groups">;

export function convMatrix2d(w: TensorLike, size: readonly [number, number], opts: ConvMatrix2dOptions = {}): Tensor {
  const op = "convMatrix2d";
  const o = checkOpts(op, opts, ["stride", "padding", "dilation", "flip", "paddingMode"]);
  let tw = toTensor(op, "w", w);
  if (tw.rank === 4 && tw.shape[0] === 1 && tw.shape[1] === 1) tw = reshape(tw, tw.shape.slice(2));
  if (tw.rank !== 2 || tw.size === 0)
    throw opError(
      op,
      `expected a single-channel kernel of shape (kh, kw) or (1, 1, kh, kw), got shape ${fmtShape(tw.shape)}`,
    );
  if (tw.dtype === "int32") throw opError(op, "expected a float kernel w, got int32");
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v >= 1)) {
    throw opError(
      op,
      `expected the input size as [H, W] of positive integers, got ${Array.isArray(size) ? JSON.stringify(size) : describe(size)}`,
    );
  }
  const mode = o.paddingMode ?? "zeros";
  if (!["zeros", "reflect", "replicate", "circular"].includes(mode))
    throw opError(op, `expected paddingMode "zeros" | "reflect" | "replicate" | "circular", got ${describe(mode)}`);
  const [H, W] = size;
  const g = convGeometry(op, [1, 1, H, W], [1, 1, ...tw.shape], {
    dims: 2,
    stride: o.stride,
    padding: o.padding,
    dilation: o.dilation,
  });
  if (mode === "reflect" && g.padLo.concat(g.padHi).some((p, i) => p >= size[i % 2])) {
    throw opError(
      op,
      `reflect padding expects pad < size on every axis, got pads [${g.padLo}]/[${g.padHi}] for size [${size}]`,
    );
  }
  const wk = o.flip ? flip(tw) : tw;
  const [kh, kw] = tw.shape,
    K = kh * kw,
    [OH, OW] = g.outSize,
    R = OH * OW,
    HW = H * W;
  const padMode = mode === "zeros" ? "constant" : mode;
  const idx = new Int32Array(R * K);
  for (let oh = 0; oh < OH; oh++)
    for (let ow = 0; ow < OW; ow++) {
      for (let a = 0; a < kh; a++)
        for (let b = 0; b < kw; b++) {
          // position in the padded image, then where the padding reads it from (−1: a zero)
          const ih = padSourceIndex(oh * g.stride[0] + a * g.dilation[0], g.padLo[0], H, padMode);
          const iw = padSourceIndex(ow * g.stride[1] + b * g.dilation[1], g.padLo[1], W, padMode);
          idx[(oh * OW + ow) * K + a * kw + b] = ih < 0 || iw < 0 ? HW : ih * W + iw; // HW: a dump column
        }
    }
  const src = broadcastTo(reshape(wk, [1, K]), [R, K]);
  const m = run1("scatterAdd", [src, int32(op, idx, [R, K])], { axis: 1, size: HW + 1 });
  return slice(m, [null, [0, HW]]);
}
