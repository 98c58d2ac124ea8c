/** Gradients of unfold (im2col) and fold (col2im): each is the other's adjoint, same geometry. */
import type { GradRule } from "../../../core/grad_rule";
import { run1 } from "../../../core/dispatch";

export const unfoldGrad: GradRule<"unfold"> = ({ node, dys }) => {
  const dy = dys[0];
  return [dy ? run1("fold", [dy], { geom: node.attrs.geom }) : null];
};

export const foldGrad: GradRule<"fold"> = ({ node, dys }) => {
  const dy = dys[0];
  return [dy ? run1("unfold", [dy], { geom: node.attrs.geom }) : null];
};
