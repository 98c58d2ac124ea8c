/**
 * BatchNorm2d over (N, C, H, W): y = (x − μ)/√(σ² + eps)·γ + β per channel. Training: μ, σ² are the batch
 * statistics (biased variance) and the running estimates move by `momentum` (running variance unbiased,
 * as in PyTorch); eval: the running estimates are used. γ = 1, β = 0 initially.
 */
import { fmtShape, opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import type { Tensor } from "../core/tensor";
import { add, div, mul, sub } from "../ops/elementwise/binary";
import { sqrt } from "../ops/elementwise/unary";
import { mean } from "../ops/reduce/reduce";
import { reshape } from "../ops/shape/view_ops";
import { assignInPlace } from "./assign";
import { constantParameter } from "./init";
import { Module, libraryModules } from "./module";

export class BatchNorm2d extends Module {
  weight: Tensor;
  bias: Tensor;
  runningMean: Tensor;
  runningVar: Tensor;
  constructor(
    readonly numFeatures: number,
    readonly opts: { eps?: number; momentum?: number } = {},
  ) {
    super();
    this.weight = constantParameter([numFeatures], 1);
    this.bias = constantParameter([numFeatures], 0);
    this.runningMean = constantParameter([numFeatures], 0);
    this.runningVar = constantParameter([numFeatures], 1);
    this.runningMean.requiresGrad = false;
    this.runningVar.requiresGrad = false;
    this.registerBuffer("runningMean");
    this.registerBuffer("runningVar");
  }

  forward(x: Tensor): Tensor {
    const c = this.numFeatures;
    if (x.rank !== 4 || x.shape[1] !== c) {
      throw opError("BatchNorm2d", `expected x of shape (N, ${c}, H, W), got ${fmtShape(x.shape)}`);
    }
    const eps = this.opts.eps ?? 1e-5,
      momentum = this.opts.momentum ?? 0.1;
    const col = (t: Tensor) => reshape(t, [1, c, 1, 1]);
    let mu: Tensor, variance: Tensor;
    if (this.training) {
      mu = mean(x, { dim: [0, 2, 3], keepDim: true });
      const centred = sub(x, mu);
      variance = mean(mul(centred, centred), { dim: [0, 2, 3], keepDim: true });
      const n = x.size / c;
      noGrad(() => {
        const m = reshape(mu, [c]),
          v = mul(reshape(variance, [c]), n / Math.max(n - 1, 1));
        assignInPlace(this.runningMean, add(mul(this.runningMean, 1 - momentum), mul(m, momentum)));
        assignInPlace(this.runningVar, add(mul(this.runningVar, 1 - momentum), mul(v, momentum)));
      });
    } else {
      mu = col(this.runningMean);
      variance = col(this.runningVar);
    }
    const xhat = div(sub(x, mu), sqrt(add(variance, eps)));
    return add(mul(xhat, col(this.weight)), col(this.bias));
  }
  protected override extraRepr(): string {
    return `${this.numFeatures}`;
  }
}

libraryModules(BatchNorm2d);
