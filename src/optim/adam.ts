/**
 * Adam (torch.optim.Adam, non-amsgrad), written as PyTorch computes it:
 *   g ← ∇ + λ·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
 *   p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + eps)
 */
import type { Tensor } from "../core/tensor";
import { add, div, mul, sub } from "../ops/elementwise/binary";
import { sqrt, square } from "../ops/elementwise/unary";
import { zeros } from "../ops/creation";
import { Optimizer } from "./optimizer";
import { adamStepCpu } from "./adam_fused.cpu";

export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
}

export class Adam extends Optimizer {
  private readonly m: Tensor[];
  private readonly v: Tensor[];
  constructor(
    params: Iterable<Tensor>,
    readonly opts: AdamOptions = {},
  ) {
    super("Adam", params, opts.lr ?? 1e-3);
    this.m = this.params.map((p) => zeros(p.shape, { dtype: p.dtype }));
    this.v = this.params.map((p) => zeros(p.shape, { dtype: p.dtype }));
  }
  /** float32 on the cpu backend: one loop per parameter with the same bits (adam_fused.cpu.ts) */
  protected override updateInPlace(p: Tensor, grad: Tensor, i: number): boolean {
    const [b1, b2] = this.opts.betas ?? [0.9, 0.999];
    const c = {
      b1,
      b2,
      eps: this.opts.eps ?? 1e-8,
      weightDecay: this.opts.weightDecay ?? 0,
      lr: this.lr,
      t: this.steps,
    };
    return adamStepCpu(p, grad, this.m[i], this.v[i], c);
  }
  protected update(p: Tensor, grad: Tensor, i: number): Tensor {
    const [b1, b2] = this.opts.betas ?? [0.9, 0.999];
    const eps = this.opts.eps ?? 1e-8,
      t = this.steps;
    const g = this.decayed(p, grad, this.opts.weightDecay ?? 0);
    this.replaceState(this.m, i, add(mul(this.m[i], b1), mul(g, 1 - b1)));
    this.replaceState(this.v, i, add(mul(this.v[i], b2), mul(square(g), 1 - b2)));
    const denom = add(div(sqrt(this.v[i]), Math.sqrt(1 - b2 ** t)), eps);
    return sub(p, mul(div(this.m[i], denom), this.lr / (1 - b1 ** t)));
  }
}
