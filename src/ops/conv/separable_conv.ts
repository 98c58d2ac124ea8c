/**
 * separableConv2d(x, depthwise, pointwise, opts) — a depthwise convolution (one kh×kw kernel per input
 * channel, channel multiplier M) followed by a 1×1 pointwise convolution that mixes channels
 * (Goodfellow 9.8 "separable kernels"; the MobileNet / Xception block).
 *   x: (N, C, H, W) or (C, H, W); depthwise: (C·M, 1, kh, kw); pointwise: (O, C·M, 1, 1); bias: (O,)
 *   z = conv2d(x, depthwise, {groups: C, stride, padding, dilation, flip, paddingMode})
 *   y[n, o] = b[o] + Σ_j pointwise[o, j] · z[n, j]
 * Cost per output pixel C·M·kh·kw + O·C·M multiply-adds instead of O·C·kh·kw.
 * Gradient: the two convs' rules chained (dz = convTranspose(dy, pointwise), then through the depthwise).
 */
import type { TensorLike } from "../../core/coerce";
import { fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { convNd, convOperands, type ConvOptions } from "./conv";
import { checkOpts } from "../../core/options";

export type SeparableConv2dOptions = Omit<ConvOptions, "groups">;

export function separableConv2d(
  x: TensorLike,
  depthwise: TensorLike,
  pointwise: TensorLike,
  opts: SeparableConv2dOptions = {},
): Tensor {
  const op = "separableConv2d";
  const { bias, ...o } = checkOpts(op, opts, ["bias", "stride", "padding", "dilation", "flip", "paddingMode"]);
  const [tx, tdw] = convOperands(op, x, depthwise, "depthwise");
  const [, tpw] = convOperands(op, tx, pointwise, "pointwise");
  if (tx.rank !== 4 && tx.rank !== 3)
    throw opError(op, `expected x of rank 4 (N,C,H,W) or 3 (C,H,W), got shape ${fmtShape(tx.shape)}`);
  const C = tx.shape[tx.rank - 3];
  if (tdw.rank !== 4 || tdw.shape[1] !== 1 || tdw.shape[0] % C !== 0 || tdw.shape[0] === 0) {
    throw opError(op, `expected depthwise of shape (C·M, 1, kh, kw) with C = ${C}, got shape ${fmtShape(tdw.shape)}`);
  }
  if (tpw.rank !== 4 || tpw.shape[1] !== tdw.shape[0] || tpw.shape[2] !== 1 || tpw.shape[3] !== 1) {
    throw opError(op, `expected pointwise of shape (O, ${tdw.shape[0]}, 1, 1), got shape ${fmtShape(tpw.shape)}`);
  }
  const z = convNd(op, 2, tx, tdw, { ...o, groups: C });
  return convNd(op, 2, z, tpw, { bias });
}
