/**
 * Gradient of the unnormalised DFT kernel, with (re, im) treated as two real inputs of a real loss.
 * For Y = F·z (F_kn = e^{∓2πi kn/N}) and g = dRe + i·dIm, the chain rule on real and imaginary parts gives
 *   dre + i·dim = Fᴴ·g,
 * and Fᴴ is the unnormalised DFT of the opposite direction (F is symmetric): the forward kernel's
 * gradient is the unnormalised inverse kernel and vice versa. This matches PyTorch, whose complex
 * gradients are conj-Wirtinger derivatives: for z = re + i·im these are exactly (∂L/∂re, ∂L/∂im).
 * `keep` < n outputs P·F·z (P keeps the first bins): its adjoint is Fᴴ·Pᵀ·g, g zero-padded to n first.
 * A `real` input has no imaginary part: only dre flows (its second input is the first one again).
 * Norms ("ortho", "forward") are scalar multiplications in the public ops and differentiate on their own.
 */
import type { GradContext, GradRule } from "../../../core/grad_rule";
import { runKernel } from "../../../core/dispatch";
import type { Tensor } from "../../../core/tensor";
import { zeros } from "../../creation";
import { pad } from "../../shape/pad";

/** The cotangent of output i, or zeros of that output's shape when nothing reached it. */
function dyOrZeros(ctx: GradContext<"fft">, i: 0 | 1): Tensor {
  const o = ctx.node.outputs[i];
  return ctx.dys[i] ?? zeros(o.shape, { dtype: o.dtype });
}

export const fftGrad: GradRule<"fft"> = (ctx) => {
  if (!ctx.dys[0] && !ctx.dys[1]) return [null, null];
  const { axis, inverse, real } = ctx.node.attrs;
  const n = ctx.node.inputs[0].shape[axis];
  const full = (g: Tensor): Tensor =>
    g.shape[axis] === n
      ? g
      : pad(
          g,
          g.shape.slice(axis).map((_, i): [number, number] => (i === 0 ? [0, n - g.shape[axis]] : [0, 0])),
        );
  const [dre, dim] = runKernel("fft", [full(dyOrZeros(ctx, 0)), full(dyOrZeros(ctx, 1))], { axis, inverse: !inverse });
  return [dre, real ? null : dim];
};
