/**
 * lpPool1d/2d(x, {p, kernelSize, stride = kernelSize, ceilMode = false}) — PyTorch's lp_pool, literally:
 *   y = (sign(a)·relu(|a|) · Π kernelSize)^(1/p),   a = avgPool(x^p, {kernelSize, stride, ceilMode})
 * i.e. (Σ_window x^p)^(1/p) for full windows (p = 2: L2 pooling; p → ∞ tends to max pooling). As in
 * PyTorch, windows that ceilMode clips are averaged over the clipped size and then scaled by the full
 * kernel size, and a negative x with a fractional p gives NaN. Gradient: by composition.
 */
import type { TensorLike } from "../../core/coerce";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { mul, pow } from "../elementwise/binary";
import { absReal, relu, sign } from "../elementwise/unary";
import { checkOpts, perDim } from "../../core/options";
import { avgPoolNd } from "./avg_pool";
import { floatInput } from "./max_pool";

export interface LpPoolOptions {
  p: number;
  kernelSize: number | readonly number[];
  stride?: number | readonly number[] | null;
  ceilMode?: boolean;
}

function lpPoolNd(dims: number, op: string) {
  const avg = avgPoolNd(dims, op);
  return (x: TensorLike, opts: LpPoolOptions): Tensor => {
    const t = floatInput(op, x);
    const o = checkOpts(op, opts, ["p", "kernelSize", "stride", "ceilMode"]);
    if (typeof o.p !== "number" || !(o.p > 0) || !Number.isFinite(o.p)) {
      throw opError(op, `expected p as a positive finite number, got ${describe(o.p)}`);
    }
    if (o.kernelSize === undefined) throw opError(op, "expected options with a kernelSize, got none");
    const k = perDim(op, "kernelSize", o.kernelSize, dims, 1, 1);
    const a = avg(pow(t, o.p), { kernelSize: k, stride: o.stride, ceilMode: o.ceilMode, padding: 0 });
    const scaled = mul(
      mul(sign(a), relu(absReal(a))),
      k.reduce((u, v) => u * v, 1),
    );
    return pow(scaled, 1 / o.p);
  };
}

export const lpPool1d = lpPoolNd(1, "lpPool1d");
export const lpPool2d = lpPoolNd(2, "lpPool2d");
