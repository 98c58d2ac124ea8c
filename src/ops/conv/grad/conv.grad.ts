/**
 * Gradients of the three convolution kernels, which form one bilinear family. With
 * ⟨dy, conv(x, w)⟩ = ⟨convTranspose(dy, w), x⟩ = ⟨convWeightGrad(x, dy), w⟩ (same geometry):
 *   conv(x, w)              → dx = convTranspose(dy, w),  dw = convWeightGrad(x, dy)
 *   convTranspose(d, w)     → dd = conv(g, w),            dw = convWeightGrad(g, d)
 *   convWeightGrad(x, d)    → dx = convTranspose(d, g),   dd = conv(x, g)
 * (g = the incoming cotangent). Stride, dilation, groups and zero padding are all carried by the
 * geometry; other padding modes and flip are separate pad/view kernels with their own rules.
 * The 1-D weight gradient is the lecture's k_i = Σ_t y'_t x_{t−i} (004, part five).
 */
import type { GradRule } from "../../../core/grad_rule";
import { run1 } from "../../../core/dispatch";

export const convGrad: GradRule<"conv"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy) return [null, null];
  const [x, w] = node.inputs;
  const { geom } = node.attrs;
  return [
    needs[0] ? run1("convTranspose", [dy, w], { geom }) : null,
    needs[1] ? run1("convWeightGrad", [x, dy], { geom }) : null,
  ];
};

export const convTransposeGrad: GradRule<"convTranspose"> = ({ node, dys, needs }) => {
  const g = dys[0];
  if (!g) return [null, null];
  const [d, w] = node.inputs;
  const { geom } = node.attrs;
  return [needs[0] ? run1("conv", [g, w], { geom }) : null, needs[1] ? run1("convWeightGrad", [g, d], { geom }) : null];
};

export const convWeightGradGrad: GradRule<"convWeightGrad"> = ({ node, dys, needs }) => {
  const g = dys[0];
  if (!g) return [null, null];
  const [x, d] = node.inputs;
  const { geom } = node.attrs;
  return [needs[0] ? run1("convTranspose", [d, g], { geom }) : null, needs[1] ? run1("conv", [x, g], { geom }) : null];
};
