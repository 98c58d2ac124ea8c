/**
 * Gradient of the unnormalised DFT kernel, with (re, im) treated as two real inputs of a real loss.
 * For Y = F·z (F_kn = e^{∓2πi kn/N}) and g = dRe + i·dIm, the chain rule on real and imaginary parts gives
 *   dre + i·dim = Fᴴ·g,
 * and Fᴴ is the unnormalised DFT of the opposite direction (F is symmetric): the forward kernel's
 * gradient is the unnormalised inverse kernel and vice versa. This matches PyTorch, whose complex
 * gradients are conj-Wirtinger derivatives: for z = re + i·im these are exactly (∂L/∂re, ∂L/∂im).
 * Norms ("ortho", "forward") are scalar multiplications in the public ops and differentiate on their own.
 */
import { dyOrZeros, type GradRule } from "../../autograd/rule_types";
import { runKernel } from "../../core/dispatch";

export const fftGrad: GradRule<"fft"> = (ctx) => {
  if (!ctx.dys[0] && !ctx.dys[1]) return [null, null];
  const { axis, inverse } = ctx.node.attrs;
  const [dre, dim] = runKernel("fft", [dyOrZeros(ctx, 0), dyOrZeros(ctx, 1)], { axis, inverse: !inverse });
  return [dre, dim];
};
