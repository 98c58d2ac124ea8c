/**
 * Dropping a parameter's gradient (zeroGrad on an optimizer or a module): PyTorch sets `.grad` to None and
 * the old tensor lives on only if someone still holds it. A gradient read through the public `.grad` may be
 * held by the user, so it is only dropped; one that nobody read is disposed at once, so a training loop
 * frees its gradients every step without waiting for the garbage collector.
 */
import type { Tensor } from "../core/tensor";

export function dropGrad(p: Tensor): void {
  const g = p._grad;
  p._grad = null;
  if (g && !g.exposed) g.dispose();
}
