/**
 * SGD with momentum and weight decay (torch.optim.SGD):
 *   g ← ∇ + λ·p;  b ← μ·b + (1 − dampening)·g (b = g at the first step);  g ← nesterov ? g + μ·b : b;
 *   p ← p − lr·g
 */
import type { Tensor } from "../core/tensor";
import { add, mul, sub } from "../ops/elementwise/binary";
import { Optimizer } from "./optimizer";

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  private readonly buf: (Tensor | null)[];
  constructor(
    params: Iterable<Tensor>,
    readonly opts: SGDOptions,
  ) {
    super("SGD", params, opts?.lr);
    this.buf = this.params.map(() => null);
  }
  protected update(p: Tensor, grad: Tensor, i: number): Tensor {
    const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = this.opts;
    let g = this.decayed(p, grad, weightDecay);
    if (momentum) {
      const prev = this.buf[i];
      // the first buffer is a copy of g (torch.clone(d_p)): g may be p.grad itself, which zeroGrad disposes
      const b = this.replaceState(this.buf, i, prev ? add(mul(prev, momentum), mul(g, 1 - dampening)) : mul(g, 1));
      g = nesterov ? add(g, mul(b, momentum)) : b;
    }
    return sub(p, mul(g, this.lr));
  }
}
