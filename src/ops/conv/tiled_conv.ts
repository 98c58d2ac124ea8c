/**
 * tiledConv2d(x, w, {tiles, ...conv2d opts}) — tiled convolution (Goodfellow 9.5, fig. 9.16 centre):
 * a set of t = tH·tW kernels cycled over output positions, between a convolution (t = 1) and a locally
 * connected layer (t = output size). Goodfellow's formula
 *   Z[i, j, k] = Σ_{l, m, n} V[l, j + m − 1, k + n − 1] · K[i, l, m, n, j % t + 1, k % t + 1]
 * with our layout: w (tH·tW, O, C/groups, kh, kw), tiles = t (tH = tW = t) or [tH, tW]; the kernel of
 * output pixel (oh, ow) is w[(oh mod tH)·tW + (ow mod tW)]:
 *   y[n, o, oh, ow] = b[o] + conv2d(x, w[(oh mod tH)·tW + ow mod tW])[n, o, oh, ow]
 * Computed as ONE conv2d with the T kernels stacked as extra output channels (grouped as (G, T, O/G)
 * so groups still work), then each pixel keeps its own tile's channel (a 0/1 mask, summed over T).
 * Gradient: the mask routes dy to the tile's channel; the conv's rules do the rest.
 */
import type { TensorLike } from "../../core/coerce";
import { makeTensor } from "../../core/coerce";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { mul } from "../elementwise/binary";
import { sum } from "../reduce/reduce";
import { permute, reshape } from "../shape/view_ops";
import { addBias, convNd, convOperands, CONV_KEYS, type ConvOptions } from "./conv";
import { checkOpts } from "../../core/options";

export interface TiledConv2dOptions extends ConvOptions {
  /** t (a t×t tiling) or [tH, tW]; default: √T for a w of T kernels */
  tiles?: number | readonly [number, number];
}

export function tiledConv2d(x: TensorLike, w: TensorLike, opts: TiledConv2dOptions = {}): Tensor {
  const op = "tiledConv2d";
  const { tiles, bias, ...o } = checkOpts(op, opts, [...CONV_KEYS, "tiles"]);
  const [tx, tw] = convOperands(op, x, w);
  if (tw.rank !== 5)
    throw opError(op, `expected w of rank 5 (tH·tW, O, C/groups, kh, kw), got shape ${fmtShape(tw.shape)}`);
  const T = tw.shape[0];
  const t = tiles ?? Math.round(Math.sqrt(T));
  const [tH, tW] = typeof t === "number" ? [t, t] : Array.isArray(t) ? t : [NaN, NaN];
  if (!Number.isInteger(tH) || !Number.isInteger(tW) || tH < 1 || tW < 1 || tH * tW !== T) {
    throw opError(
      op,
      `expected tiles t or [tH, tW] with tH·tW == w.shape[0] (${T}), got ${Array.isArray(tiles) ? JSON.stringify(tiles) : describe(tiles)}`,
    );
  }
  const [, O, Cg, kh, kw] = tw.shape,
    G = o.groups ?? 1;
  if (!Number.isInteger(G) || G < 1 || O % G !== 0)
    throw opError(op, `expected out channels (${O}) divisible by groups, got groups ${describe(G)}`);
  const Og = O / G;
  // (T, G, Og, Cg, kh, kw) → (G, T, Og, Cg, kh, kw): the T kernels become extra channels of each group
  const stacked = reshape(permute(reshape(tw, [T, G, Og, Cg, kh, kw]), [1, 0, 2, 3, 4, 5]), [G * T * Og, Cg, kh, kw]);
  const batched = tx.rank === 4;
  const z = convNd(op, 2, batched ? tx : reshape(tx, [1, ...tx.shape]), stacked, o);
  const [N, , OH, OW] = z.shape;
  const maskData = new Float64Array(T * OH * OW);
  for (let oh = 0; oh < OH; oh++)
    for (let ow = 0; ow < OW; ow++) maskData[((oh % tH) * tW + (ow % tW)) * OH * OW + oh * OW + ow] = 1;
  const mask = makeTensor(op, maskData, [1, T, 1, OH, OW], { dtype: z.dtype });
  let y = reshape(sum(mul(reshape(z, [N * G, T, Og, OH, OW]), mask), { dim: 1 }), [N, O, OH, OW]);
  y = addBias(op, y, bias, O, tx);
  return batched ? y : reshape(y, y.shape.slice(1));
}
