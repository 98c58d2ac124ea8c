/**
 * The module-style API: `loss.backward()` accumulates ∂loss/∂p into `p.grad` for every leaf p with
 * `requiresGrad` (PyTorch semantics: gradients add up across calls until the optimizer's zeroGrad()).
 * Installed on Tensor.prototype here (declaration merging, like src/tensor_methods.ts).
 */
import { toTensor, type TensorLike } from "../core/coerce";
import { fromHost } from "../core/dispatch";
import { allocArray } from "../core/dtype";
import { fmtShape, opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import { keep } from "../core/scope";
import { shapesEqual } from "../core/shape";
import { Tensor } from "../core/tensor";
import { add, mul } from "../ops/elementwise/binary";
import { assignInPlace } from "../nn/assign";
import { sweep } from "./engine";

export interface BackwardOptions {
  /** keep the graph so that backward() can run through it again (default false) */
  retainGraph?: boolean;
}

declare module "../core/tensor" {
  interface Tensor {
    /**
     * Backpropagates from this tensor: p.grad += ∂(Σ gradient·this)/∂p for every leaf p with requiresGrad.
     * `gradient` defaults to 1 and is required for a non-scalar tensor.
     */
    backward(gradient?: TensorLike, opts?: BackwardOptions): void;
  }
}

export function backward(y: Tensor, gradient?: TensorLike, opts: BackwardOptions = {}): void {
  if (!y.tracked) {
    throw opError(
      "backward",
      "expected a tensor with autograd history (computed from tensors with requiresGrad), got one without",
    );
  }
  let dy: Tensor;
  if (gradient === undefined) {
    if (y.size !== 1)
      throw opError(
        "backward",
        `expected a scalar or an explicit gradient, got shape ${fmtShape(y.shape)} and no gradient`,
      );
    dy = fromHost(allocArray(y.dtype, 1).fill(1), y.shape, y.dtype);
  } else {
    dy = toTensor("backward", "gradient", gradient, y);
    if (!shapesEqual(dy.shape, y.shape)) {
      throw opError("backward", `expected a gradient of shape ${fmtShape(y.shape)}, got ${fmtShape(dy.shape)}`);
    }
  }
  const { grads } = sweep("backward", [y], [dy], opts.retainGraph ?? false);
  const stored = new Set<Tensor>();
  noGrad(() => {
    for (const [leaf, g] of grads) {
      if (!leaf.requiresGrad) continue;
      const prev = leaf._grad;
      if (prev && !prev.isDisposed) {
        // accumulate in place, as PyTorch does: whoever holds p.grad sees the sum
        const sum = add(prev, g);
        assignInPlace(prev, sum, "backward");
        sum.dispose();
      } else {
        // one tensor per .grad: a cotangent shared by two leaves, or the caller's own gradient, is copied
        const own = stored.has(g) || g === gradient ? mul(g, 1) : g;
        stored.add(own);
        leaf._grad = keep(own);
      }
    }
  });
  // every other cotangent the sweep returned, and the seed, were the library's alone
  for (const g of new Set([...grads.values(), dy])) if (!stored.has(g) && g !== gradient) g.dispose();
}

Tensor.prototype.backward = function (this: Tensor, gradient?: TensorLike, opts?: BackwardOptions) {
  backward(this, gradient, opts);
};
