/**
 * convTranspose1d / 2d / 3d — PyTorch's ConvTranspose semantics ("deconvolution", the adjoint of conv;
 * lecture 004 "backpropagating convolutions": the input gradient of a conv is this op).
 *
 * x: (N, C_in, in…), w: (C_in, C_out/groups, k…) — the weight of the conv that maps C_out → C_in.
 *   y[n, c, i] = b[c] + Σ_{o ∈ group(c)} Σ_{p, k : p·stride − padding + k·dilation = i} x[n, o, p] · w[o, c − g·C_out/G, k]
 *   out = (in − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1
 * Gradient: dx = conv(dy, w) with the same geometry; dw = convWeightGrad(dy, x) (roles of x and dy
 * swapped); db = Σ_{n,i} dy. Unbatched input (C_in, in…) gives unbatched output.
 */
import type { TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { reshape } from "../shape/view_ops";
import { addBias, convOperands } from "./conv";
import { xRankText } from "./geometry/conv_geometry";
import type { ConvGeometry } from "../../core/geometry";
import { checkOpts, perDim } from "../../core/options";

export interface ConvTransposeOptions {
  bias?: TensorLike;
  stride?: number | readonly number[];
  /** removed from both ends of every spatial dim of the output (PyTorch's `padding`) */
  padding?: number | readonly number[];
  /** added to the high end of every spatial dim of the output; must be < stride or < dilation */
  outputPadding?: number | readonly number[];
  dilation?: number | readonly number[];
  groups?: number;
}

const KEYS = ["bias", "stride", "padding", "outputPadding", "dilation", "groups"] as const;

/** The geometry of the conv whose input gradient this transposed conv is. */
export function convTransposeGeometry(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  dims: number,
  o: ConvTransposeOptions,
): ConvGeometry {
  if (xShape.length !== dims + 2 && xShape.length !== dims + 1)
    throw opError(op, `expected x of ${xRankText(dims)}, got shape ${fmtShape(xShape)}`);
  if (wShape.length !== dims + 2)
    throw opError(op, `expected w of rank ${dims + 2} (C_in, C_out/groups, k…), got shape ${fmtShape(wShape)}`);
  const batched = xShape.length === dims + 2;
  const cIn = xShape[batched ? 1 : 0],
    inSize = xShape.slice(batched ? 2 : 1),
    kernelSize = wShape.slice(2);
  const groups = o.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1)
    throw opError(op, `expected groups as a positive integer, got ${String(groups)}`);
  if ([cIn, ...inSize].some((n) => n < 1) || (batched && xShape[0] < 1))
    throw opError(op, `expected non-empty x, got shape ${fmtShape(xShape)}`);
  if (wShape.some((n) => n < 1)) throw opError(op, `expected w with positive dims, got shape ${fmtShape(wShape)}`);
  if (wShape[0] !== cIn)
    throw opError(
      op,
      `expected w.shape[0] == x channels (${cIn}), got w ${fmtShape(wShape)} for x ${fmtShape(xShape)}`,
    );
  if (cIn % groups !== 0) throw opError(op, `expected in channels (${cIn}) divisible by groups (${groups})`);
  const stride = perDim(op, "stride", o.stride, dims, 1, 1);
  const dilation = perDim(op, "dilation", o.dilation, dims, 1, 1);
  const padding = perDim(op, "padding", o.padding, dims, 0, 0);
  const outPad = perDim(op, "outputPadding", o.outputPadding, dims, 0, 0);
  outPad.forEach((p, d) => {
    if (p >= stride[d] && p >= dilation[d]) {
      throw opError(
        op,
        `expected outputPadding smaller than stride or dilation, got ${p} with stride ${stride[d]} and dilation ${dilation[d]} on spatial dim ${d}`,
      );
    }
  });
  const outSize = inSize.map(
    (n, d) => (n - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernelSize[d] - 1) + outPad[d] + 1,
  );
  if (outSize.some((n) => n < 1))
    throw opError(
      op,
      `expected a positive output size, got [${outSize}] (x ${fmtShape(xShape)}, w ${fmtShape(wShape)})`,
    );
  return {
    dims,
    batch: batched ? xShape[0] : 1,
    inChannels: wShape[1] * groups,
    outChannels: cIn,
    groups,
    inSize: outSize,
    kernelSize,
    outSize: inSize,
    stride,
    dilation,
    padLo: padding,
    padHi: padding,
  };
}

export function convTransposeNd(
  op: string,
  dims: number,
  x: TensorLike,
  w: TensorLike,
  opts: ConvTransposeOptions = {},
): Tensor {
  const o = checkOpts(op, opts, KEYS);
  const [tx, tw] = convOperands(op, x, w);
  const geom = convTransposeGeometry(op, tx.shape, tw.shape, dims, o);
  const batched = tx.rank === dims + 2;
  let y = run1("convTranspose", [batched ? tx : reshape(tx, [1, ...tx.shape]), tw], { geom });
  y = addBias(op, y, o.bias, geom.inChannels, tx);
  return batched ? y : reshape(y, y.shape.slice(1));
}

/** x: (N, C_in, L), w: (C_in, C_out/groups, k) → (N, C_out, L_out). See the file comment. */
export function convTranspose1d(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeNd("convTranspose1d", 1, x, w, opts);
}

/** x: (N, C_in, H, W), w: (C_in, C_out/groups, kh, kw) → (N, C_out, H_out, W_out). See the file comment. */
export function convTranspose2d(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeNd("convTranspose2d", 2, x, w, opts);
}

/** x: (N, C_in, D, H, W), w: (C_in, C_out/groups, kd, kh, kw). See the file comment. */
export function convTranspose3d(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeNd("convTranspose3d", 3, x, w, opts);
}
