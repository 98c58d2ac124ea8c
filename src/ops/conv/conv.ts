/**
 * conv1d / conv2d / conv3d (Goodfellow ch. 9.1 and 9.5; lecture 000 §1, lecture 004 "conv2D").
 *
 * Forward (cross-correlation, as in every deep-learning library), x: (N, C, spatial…), w: (O, C/G, k…):
 *   y[n, o, p] = b[o] + Σ_{c ∈ group(o)} Σ_k x̃[n, c, p·stride + k·dilation] · w[o, c − g·C/G, k]
 * where x̃ is x padded by `padding` (zeros, or reflect/replicate/circular copies with `paddingMode`).
 * `flip: true` flips w on every spatial axis first: the mathematical convolution Σ x[p − k] w[k].
 * Gradient (lecture 004 "backpropagating convolutions", lecture 000 eq. 1.15 weight sharing):
 *   dx = convTranspose(dy, w)  (the same geometry; then the pad's adjoint for other padding modes)
 *   dw[o, c, k] = Σ_n Σ_p dy[n, o, p] · x̃[n, c, p·stride + k·dilation]   (convWeightGrad)
 *   db[o] = Σ_{n, p} dy[n, o, p];   with flip, dw is flipped back.
 * Unbatched input (C, spatial…) is accepted and gives unbatched output.
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { checkAlloc, guardAlloc } from "../../core/alloc";
import { pickBackend, run1 } from "../../core/dispatch";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { add } from "../elementwise/binary";
import { pad } from "../shape/pad";
import { flip as flipView, reshape } from "../shape/view_ops";
import { convGeometry } from "./geometry/conv_geometry";
import type { ConvGeometry } from "../../core/geometry";
import { checkOpts } from "../../core/options";
import { type ConvPadding } from "./geometry/conv_padding";

export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

export interface ConvOptions {
  /** (O,) added to every output position of channel o */
  bias?: TensorLike;
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
  /** true: flip the kernel on every spatial axis (mathematical convolution) */
  flip?: boolean;
  paddingMode?: PaddingMode;
}
export type Conv1dOptions = ConvOptions;
export type Conv2dOptions = ConvOptions;
export type Conv3dOptions = ConvOptions;

export const CONV_KEYS = ["bias", "stride", "padding", "dilation", "groups", "flip", "paddingMode"] as const;
const MODES: readonly PaddingMode[] = ["zeros", "reflect", "replicate", "circular"];

/** Coerces x and w, rejecting int32. */
export function convOperands(op: string, x: TensorLike, w: TensorLike, wName = "w"): [Tensor, Tensor] {
  const tx = toTensor(op, "x", x),
    tw = toTensor(op, wName, w, tx);
  if (tx.dtype === "int32" || tw.dtype === "int32")
    throw opError(op, `expected float tensors, got x ${tx.dtype} and ${wName} ${tw.dtype}`);
  return [tx, tw];
}

/** Adds a per-channel bias (O,) to y (N, O, spatial…). */
export function addBias(op: string, y: Tensor, bias: TensorLike | undefined, channels: number, like: Tensor): Tensor {
  if (bias === undefined || bias === null) return y;
  const tb = toTensor(op, "bias", bias, like);
  if (tb.rank !== 1 || tb.shape[0] !== channels) {
    throw opError(op, `expected bias of shape [${channels}] (one per output channel), got shape ${fmtShape(tb.shape)}`);
  }
  return add(y, reshape(tb, [channels, ...y.shape.slice(2).map(() => 1)]));
}

/** The shared body of conv1d/2d/3d. Returns y and the geometry the conv kernel ran with. */
export function convNd(op: string, dims: number, x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  const o = checkOpts(op, opts, CONV_KEYS);
  const [tx, tw] = convOperands(op, x, w);
  const geom = convGeometry(op, tx.shape, tw.shape, {
    dims,
    stride: o.stride,
    padding: o.padding,
    dilation: o.dilation,
    groups: o.groups,
  });
  const flip = o.flip ?? false,
    mode = o.paddingMode ?? "zeros";
  if (typeof flip !== "boolean") throw opError(op, `expected flip as a boolean, got ${describe(flip)}`);
  if (!MODES.includes(mode))
    throw opError(op, `expected paddingMode "zeros" | "reflect" | "replicate" | "circular", got ${describe(mode)}`);
  const batched = tx.rank === dims + 2;
  let xb = batched ? tx : reshape(tx, [1, ...tx.shape]);
  const spatial = Array.from({ length: dims }, (_, d) => d + 2);
  const wk = flip ? flipView(tw, spatial) : tw;
  let g: ConvGeometry = geom;
  if (mode !== "zeros" && geom.padLo.some((p, d) => p > 0 || geom.padHi[d] > 0)) {
    // other padding modes are materialised by the pad kernel; the conv itself is then a valid one
    xb = pad(
      xb,
      geom.padLo.map((lo, d) => [lo, geom.padHi[d]] as [number, number]),
      { mode },
      op,
    );
    g = { ...geom, inSize: xb.shape.slice(2), padLo: geom.padLo.map(() => 0), padHi: geom.padHi.map(() => 0) };
  }
  checkAlloc(op, "an output", [g.batch, g.outChannels, ...g.outSize], tx.dtype, pickBackend([xb, wk]));
  let y = guardAlloc(op, () => run1("conv", [xb, wk], { geom: g }));
  y = addBias(op, y, o.bias, geom.outChannels, tx);
  return batched ? y : reshape(y, y.shape.slice(1));
}

/** 1-D convolution, x: (N, C, L) or (C, L), w: (O, C/groups, k). See the file comment for formulas. */
export function conv1d(x: TensorLike, w: TensorLike, opts: Conv1dOptions = {}): Tensor {
  return convNd("conv1d", 1, x, w, opts);
}

/** 2-D convolution, x: (N, C, H, W) or (C, H, W), w: (O, C/groups, kh, kw). See the file comment. */
export function conv2d(x: TensorLike, w: TensorLike, opts: Conv2dOptions = {}): Tensor {
  return convNd("conv2d", 2, x, w, opts);
}

/** 3-D convolution, x: (N, C, D, H, W) or (C, D, H, W), w: (O, C/groups, kd, kh, kw). See the file comment. */
export function conv3d(x: TensorLike, w: TensorLike, opts: Conv3dOptions = {}): Tensor {
  return convNd("conv3d", 3, x, w, opts);
}
