/**
 * fftConv(x, w, opts): conv1d / conv2d / conv3d semantics (stride, padding incl. modes, dilation, groups,
 * bias, flip — the options and geometry of src/ops/conv) computed through the FFT: same results, other
 * cost (O(N·C·L log L + N·O·C/G·L) instead of O(N·O·C/G·L·K)); worth it for large kernels.
 *
 * With x̃ the padded input (length L per dim) and w̃ the dilated kernel (zeros between taps, length K'),
 * the cross-correlation is a circular correlation that never wraps for p ≤ L − K':
 *   z[n, o, p] = Σ_c Σ_t x̃[n, c, p + t] · w̃[o, c, t] = IDFT( Σ_c X̃[n, c, f] · conj(W̃[o, c, f]) )[p]
 * The sum over c is, per frequency f and group, a complex matmul (N × C/G) · (C/G × O/G).
 * Then y[p] = z[p·stride] for p < outSize, plus bias. Gradients: by composition.
 */
import type { TensorLike } from "../../core/coerce";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { add, sub } from "../elementwise/binary";
import { matmul } from "../matmul/matmul";
import { pad } from "../shape/pad";
import { flip as flipView, narrow, permute, reshape, slice, unsqueeze, type SliceSpec } from "../shape/view_ops";
import { addBias, convOperands, CONV_KEYS, type ConvOptions, type PaddingMode } from "../conv/conv";
import { convGeometry } from "../conv/geometry/conv_geometry";
import { checkOpts } from "../../core/options";
import type { Complex } from "./complex";
import { transformLen } from "./fft_convolve";
import { irfftn, rfftn } from "./fftn";

const MODES: readonly PaddingMode[] = ["zeros", "reflect", "replicate", "circular"];

/** Inserts dilation − 1 zeros between the taps of w on spatial axis `axis`. */
function dilate(w: Tensor, axis: number, dil: number): Tensor {
  if (dil === 1) return w;
  const k = w.shape[axis];
  const spread = pad(unsqueeze(w, axis + 1), [
    [0, dil - 1],
    ...w.shape.slice(axis + 1).map((): [number, number] => [0, 0]),
  ]);
  const merged = reshape(spread, [...w.shape.slice(0, axis), k * dil, ...w.shape.slice(axis + 1)]);
  return narrow(merged, axis, 0, (k - 1) * dil + 1);
}

/** Σ_c a[…, c] · conj(b[c, …]) as complex matmuls: (ar + i·ai)(br − i·bi). */
function matmulConj(a: Complex, b: Complex): Complex {
  return {
    re: add(matmul(a.re, b.re), matmul(a.im, b.im)),
    im: sub(matmul(a.im, b.re), matmul(a.re, b.im)),
  };
}

export function fftConv(x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  const op = "fftConv";
  const o = checkOpts(op, opts, CONV_KEYS);
  const [tx, tw] = convOperands(op, x, w);
  const dims = tw.rank - 2;
  if (dims < 1 || dims > 3)
    throw opError(op, `expected w of rank 3, 4 or 5 (O, C/groups, k…), got shape [${tw.shape}]`);
  const geom = convGeometry(op, tx.shape, tw.shape, {
    dims,
    stride: o.stride,
    padding: o.padding,
    dilation: o.dilation,
    groups: o.groups,
  });
  const mode = o.paddingMode ?? "zeros",
    flip = o.flip ?? false;
  if (typeof flip !== "boolean") throw opError(op, `expected flip as a boolean, got ${describe(flip)}`);
  if (!MODES.includes(mode))
    throw opError(op, `expected paddingMode "zeros" | "reflect" | "replicate" | "circular", got ${describe(mode)}`);
  const batched = tx.rank === dims + 2;
  const spatial = Array.from({ length: dims }, (_, d) => d + 2);
  let xp = batched ? tx : unsqueeze(tx, 0);
  xp = pad(
    xp,
    geom.padLo.map((lo, d) => [lo, geom.padHi[d]] as [number, number]),
    { mode: mode === "zeros" ? "constant" : mode },
    op,
  );
  let wk = flip ? flipView(tw, spatial) : tw;
  spatial.forEach((axis, d) => {
    wk = dilate(wk, axis, geom.dilation[d]);
  });

  const { batch: N, groups: G, inChannels: C, outChannels: O } = geom;
  const s = spatial.map((a) => transformLen(xp.shape[a], xp.backend));
  const X = rfftn(xp, { s, dims: spatial }),
    W = rfftn(wk, { s, dims: spatial });
  const fShape = X.re.shape.slice(2),
    F = fShape.reduce((p, v) => p * v, 1);
  // X: (N, C, F) → (G, F, N, C/G);  W: (O, C/G, F) → (G, F, C/G, O/G)
  const xg = (t: Tensor) => permute(reshape(t, [N, G, C / G, F]), [1, 3, 0, 2]);
  const wg = (t: Tensor) => permute(reshape(t, [G, O / G, C / G, F]), [0, 3, 2, 1]);
  const Yg = matmulConj({ re: xg(X.re), im: xg(X.im) }, { re: wg(W.re), im: wg(W.im) });
  // (G, F, N, O/G) → (N, O, f…)
  const back = (t: Tensor) => reshape(permute(t, [2, 0, 3, 1]), [N, O, ...fShape]);
  const z = irfftn({ re: back(Yg.re), im: back(Yg.im) }, { s, dims: spatial });
  const spec: SliceSpec[] = [
    null,
    null,
    ...geom.outSize.map((n, d): SliceSpec => [0, (n - 1) * geom.stride[d] + 1, geom.stride[d]]),
  ];
  const y = addBias(op, slice(z, spec), o.bias, O, tx);
  return batched ? y : reshape(y, y.shape.slice(1));
}
