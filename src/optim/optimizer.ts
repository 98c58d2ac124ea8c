/**
 * Optimizer base: holds the parameter tensors, updates them in place (assignInPlace keeps every holder's
 * reference valid) under noGrad, and keeps per-parameter state alive across tidy() scopes.
 */
import { opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import { keep, tidy } from "../core/scope";
import { isTensor, type Tensor } from "../core/tensor";
import { add, mul } from "../ops/elementwise/binary";
import { assignInPlace } from "../nn/assign";
import { dropGrad } from "../nn/grads";

export abstract class Optimizer {
  readonly params: Tensor[];
  /** number of step() calls so far */
  steps = 0;
  /** learning rate; may be changed between steps (a schedule) */
  lr: number;
  constructor(op: string, params: Iterable<Tensor>, lr: number) {
    this.lr = lr;
    this.params = [...params];
    if (this.params.length === 0 || !this.params.every((p) => isTensor(p) && p.requiresGrad)) {
      throw opError(
        op,
        "expected a non-empty list of tensors with requiresGrad (model.parameters()), got something else",
      );
    }
    if (!(lr > 0)) throw opError(op, `expected a positive learning rate lr, got ${lr}`);
  }

  /** the update of one parameter: returns its new value (state tensors are kept by the caller) */
  protected abstract update(p: Tensor, g: Tensor, i: number): Tensor;

  /**
   * Updates p (and the state) in place without making tensors, when a fused kernel can (the cpu backend's
   * float32 loops); false: step() uses update(). Both must give the same values.
   */
  protected updateInPlace(_p: Tensor, _g: Tensor, _i: number): boolean {
    return false;
  }

  /** adds weightDecay·p to the gradient (L2 regularisation, as torch.optim does) */
  protected decayed(p: Tensor, g: Tensor, weightDecay: number): Tensor {
    return weightDecay ? add(g, mul(p, weightDecay)) : g;
  }

  step(): void {
    this.steps++;
    noGrad(() =>
      tidy(() => {
        this.params.forEach((p, i) => {
          if (!p._grad || this.updateInPlace(p, p._grad, i)) return;
          assignInPlace(p, this.update(p, p._grad, i), "step");
        });
      }),
    );
  }

  /** Drops every gradient (PyTorch's set_to_none); one that nobody read through `.grad` is disposed. */
  zeroGrad(): void {
    for (const p of this.params) dropGrad(p);
  }

  /** Replaces a state tensor (momentum, moments), disposing the old one: only the optimizer saw it. */
  protected replaceState(state: (Tensor | null)[], i: number, t: Tensor): Tensor {
    const old = state[i];
    state[i] = keep(t);
    if (old && old !== t) old.dispose();
    return t;
  }
}
