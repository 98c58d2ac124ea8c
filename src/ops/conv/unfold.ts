/**
 * unfold(x, kernelSize, {stride, padding, dilation}) — im2col ("patches"), PyTorch F.unfold layout,
 * generalised to 1-D/2-D/3-D (Goodfellow 9.8: a convolution is a matrix product with this matrix).
 *
 * x: (N, C, spatial…) (or unbatched (C, spatial…)); the number of spatial dims is kernelSize.length
 * (or x.rank − 2 when kernelSize is a number).
 *   cols[n, c·Πk + k, p] = x̃[n, c, p·stride + k·dilation]       shape (N, C·Πk, L), L = Π outSize
 * so that conv(x, w) = w.reshape(O, C·Πk) @ cols. Gradient: dx = fold(dcols) — the adjoint, which adds
 * every patch entry back onto the pixel it came from (overlaps summed).
 */
import type { TensorLike } from "../../core/coerce";
import { toTensor } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { reshape } from "../shape/view_ops";
import { unfoldGeometry } from "./geometry/conv_geometry";
import { checkOpts, perDim } from "../../core/options";
import { type ConvPadding } from "./geometry/conv_padding";

export interface UnfoldOptions {
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
}

export function unfold(x: TensorLike, kernelSize: number | readonly number[], opts: UnfoldOptions = {}): Tensor {
  const op = "unfold";
  const o = checkOpts(op, opts, ["stride", "padding", "dilation"]);
  const tx = toTensor(op, "x", x);
  if (tx.dtype === "int32") throw opError(op, "expected a float tensor x, got int32");
  if (typeof kernelSize !== "number" && !Array.isArray(kernelSize)) {
    throw opError(op, `expected kernelSize as a positive integer or one per spatial dim, got ${describe(kernelSize)}`);
  }
  const dims = typeof kernelSize === "number" ? tx.rank - 2 : kernelSize.length;
  if (dims < 1 || dims > 3) {
    throw opError(
      op,
      `expected 1 to 3 spatial dims (x of rank 3 to 5, or kernelSize of length 1 to 3), got x shape [${tx.shape}] and kernelSize ${JSON.stringify(kernelSize)}`,
    );
  }
  const k = perDim(op, "kernelSize", kernelSize, dims, 1, 1);
  const geom = unfoldGeometry(op, tx.shape, k, o);
  const batched = tx.rank === dims + 2;
  const cols = run1("unfold", [batched ? tx : reshape(tx, [1, ...tx.shape])], { geom });
  return batched ? cols : reshape(cols, cols.shape.slice(1));
}
