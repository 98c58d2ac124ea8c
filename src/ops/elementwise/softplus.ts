/**
 * softplus, the smooth relu (Goodfellow, Bengio & Courville, Deep Learning, §3.10 and §6.3.3), with
 * PyTorch's options:
 *
 *   y = (1/β) · log(1 + exp(β·x))            where β·x ≤ threshold,   y = x   elsewhere
 *   dy/dx = sigmoid(β·x)                      where β·x ≤ threshold,   1       elsewhere
 *
 * defaults β = 1, threshold = 20 (torch.nn.functional.softplus). log(1 + e^z) overflows for z ≳ 88 in
 * float32 and loses everything to rounding for z ≪ 0, so it is computed as
 *   log(1 + e^z) = max(z, 0) + log1p(e^−|z|),
 * which never overflows (e^−|z| ≤ 1) and keeps full precision in both tails. The op composes primitive
 * kernels only, so it runs on every backend and its gradient comes from theirs: d/dz of max(z, 0) is
 * [z > 0] with ties split evenly (½ at z = 0) and d/dz of log1p(e^−|z|) is −sign(z)·e^−|z|/(1 + e^−|z|);
 * their sum is sigmoid(z) for every z, including sigmoid(0) = ½ at z = 0 (relu(z) in place of max(z, 0)
 * would give 0 there).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { describe, opError } from "../../core/errors";
import { checkOpts } from "../../core/options";
import { owned } from "../../core/scope";
import type { Tensor } from "../../core/tensor";
import { add, div, gt, maximum, mul, where } from "./binary";
import { absReal, exp, log1p, neg } from "./unary";

export interface SoftplusOptions {
  /** β: the sharpness; y → relu(x) as β → ∞ (default 1) */
  beta?: number;
  /** above β·x > threshold, y = x exactly (default 20, where log(1 + e^z) and z agree in float32) */
  threshold?: number;
}

export function softplus(x: TensorLike, opts?: SoftplusOptions): Tensor {
  const op = "softplus";
  const t = toTensor(op, "x", x);
  if (t.dtype === "int32") throw opError(op, "expected a float tensor, got int32 (cast it first)");
  const { beta = 1, threshold = 20 } = checkOpts(op, opts, ["beta", "threshold"]);
  if (typeof beta !== "number" || !Number.isFinite(beta) || beta === 0)
    throw opError(op, `expected beta as a finite non-zero number, got ${describe(beta)}`);
  if (typeof threshold !== "number" || Number.isNaN(threshold))
    throw opError(op, `expected threshold as a number, got ${describe(threshold)}`);
  return owned(() => {
    const z = beta === 1 ? t : mul(t, beta);
    const logOnePlusExp = add(maximum(z, 0), log1p(exp(neg(absReal(z)))));
    const y = beta === 1 ? logOnePlusExp : div(logOnePlusExp, beta);
    return where(gt(z, threshold), t, y);
  });
}
