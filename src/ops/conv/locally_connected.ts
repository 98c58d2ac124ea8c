/**
 * locallyConnected1d / 2d(x, w, {bias, stride, padding, dilation}) — unshared convolution (Goodfellow
 * 9.5, fig. 9.14 top): the same sparse connectivity as a convolution, but every output position has its
 * own kernel.
 *   weight layout: w (…outSize, O, C, …k) — for 2-D (OH, OW, O, C, kh, kw): w[oh, ow] is the kernel
 *   of output pixel (oh, ow); bias: (O,) shared, or (O, …outSize) one per output unit.
 *   y[n, o, p] = b[o(, p)] + Σ_c Σ_k w[p, o, c, k] · x̃[n, c, p·stride + k·dilation]
 * computed as one batched matmul over output positions: y[:, :, p] = w[p].reshape(O, C·Πk) @ cols[:, :, p].
 * With w[p] equal for every p it is conv1d/conv2d exactly.
 * Gradient: dw[p] = dy[:, :, p] ⊗ cols[:, :, p] summed over n; dx = fold(Σ_o w[p, o] dy[n, o, p]).
 */
import type { TensorLike } from "../../core/coerce";
import { toTensor } from "../../core/coerce";
import { fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { add } from "../elementwise/binary";
import { matmul } from "../matmul/matmul";
import { permute, reshape } from "../shape/view_ops";
import { convOperands } from "./conv";
import { unfoldGeometry, xRankText } from "./geometry/conv_geometry";
import { checkOpts } from "../../core/options";
import { type ConvPadding } from "./geometry/conv_padding";
import { run1 } from "../../core/dispatch";

export interface LocallyConnectedOptions {
  bias?: TensorLike;
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
}

function locallyConnected(
  op: string,
  dims: number,
  x: TensorLike,
  w: TensorLike,
  opts: LocallyConnectedOptions,
): Tensor {
  const o = checkOpts(op, opts, ["bias", "stride", "padding", "dilation"]);
  const [tx, tw] = convOperands(op, x, w);
  if (tx.rank !== dims + 2 && tx.rank !== dims + 1)
    throw opError(op, `expected x of ${xRankText(dims)}, got shape ${fmtShape(tx.shape)}`);
  const layout = dims === 1 ? "(L_out, O, C, k)" : "(OH, OW, O, C, kh, kw)";
  if (tw.rank !== 2 * dims + 2)
    throw opError(op, `expected w of rank ${2 * dims + 2} ${layout}, got shape ${fmtShape(tw.shape)}`);
  const batched = tx.rank === dims + 2;
  const xb = batched ? tx : reshape(tx, [1, ...tx.shape]);
  const C = xb.shape[1],
    O = tw.shape[dims],
    k = tw.shape.slice(dims + 2);
  if (tw.shape[dims + 1] !== C)
    throw opError(op, `expected w.shape[${dims + 1}] == x channels (${C}), got w ${fmtShape(tw.shape)} ${layout}`);
  const geom = unfoldGeometry(op, xb.shape, k, o);
  if (geom.outSize.some((n, d) => n !== tw.shape[d])) {
    throw opError(
      op,
      `expected w of shape [${[...geom.outSize, O, C, ...k]}] ${layout} for output size [${geom.outSize}], got ${fmtShape(tw.shape)}`,
    );
  }
  const L = geom.outSize.reduce((p, q) => p * q, 1),
    CK = C * k.reduce((p, q) => p * q, 1);
  const cols = run1("unfold", [xb], { geom }); // (N, C·K, L)
  const ylon = matmul(reshape(tw, [L, O, CK]), permute(cols, [2, 1, 0])); // (L, O, N)
  let y = reshape(permute(ylon, [2, 1, 0]), [xb.shape[0], O, ...geom.outSize]);
  if (o.bias !== undefined) {
    const tb = toTensor(op, "bias", o.bias, tx);
    const ok =
      (tb.rank === 1 && tb.shape[0] === O) ||
      (tb.rank === dims + 1 && tb.shape[0] === O && geom.outSize.every((n, d) => tb.shape[d + 1] === n));
    if (!ok) throw opError(op, `expected bias of shape [${O}] or [${[O, ...geom.outSize]}], got ${fmtShape(tb.shape)}`);
    y = add(y, tb.rank === 1 ? reshape(tb, [O, ...geom.outSize.map(() => 1)]) : tb);
  }
  return batched ? y : reshape(y, y.shape.slice(1));
}

/** x: (N, C, L) or (C, L); w: (L_out, O, C, k). See the file comment. */
export function locallyConnected1d(x: TensorLike, w: TensorLike, opts: LocallyConnectedOptions = {}): Tensor {
  return locallyConnected("locallyConnected1d", 1, x, w, opts);
}

/** x: (N, C, H, W) or (C, H, W); w: (OH, OW, O, C, kh, kw). See the file comment. */
export function locallyConnected2d(x: TensorLike, w: TensorLike, opts: LocallyConnectedOptions = {}): Tensor {
  return locallyConnected("locallyConnected2d", 2, x, w, opts);
}
