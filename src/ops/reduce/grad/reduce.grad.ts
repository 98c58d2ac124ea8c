/**
 * Gradients of `reduce` (and none for `argReduce`, whose output is int32 indices).
 *   sum:     dx = broadcast(dy)
 *   max/min: dx = dy · [x = y] / #{x = y}   (ties share the gradient evenly, like torch.amax/amin)
 *   prod:    dx = dy · Π_{j≠i} x_j, computed as y/x where x ≠ 0 and as the product of the others at a
 *            single zero (at two or more zeros every partial is 0)
 * dy is first given back the reduced axes (size 1) when the reduction dropped them.
 */
import type { GradRule } from "../../../core/grad_rule";
import { run1 } from "../../../core/dispatch";
import type { Tensor } from "../../../core/tensor";
import { div, eq, mul, where } from "../../elementwise/binary";
import { broadcastTo, reshape } from "../../shape/view_ops";

function keepDimsShape(x: Tensor, axes: readonly number[]): number[] {
  return x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export const reduceGrad: GradRule<"reduce"> = ({ node, dys }) => {
  const dy = dys[0];
  if (!dy) return [null];
  const x = node.inputs[0];
  const { op, axes } = node.attrs;
  const ks = keepDimsShape(x, axes);
  const dyk = reshape(dy, ks);
  const yk = reshape(node.outputs[0], ks);
  const sumKeep = (t: Tensor) => run1("reduce", [t], { op: "sum", axes, keepDims: true });
  switch (op) {
    case "sum":
      return [broadcastTo(dyk, x.shape)];
    case "max":
    case "min": {
      const hit = eq(x, yk);
      return [mul(hit, div(dyk, sumKeep(hit)))];
    }
    case "prod": {
      const zero = eq(x, 0);
      const safe = where(zero, 1, x);
      const others = run1("reduce", [safe], { op: "prod", axes, keepDims: true });
      const atZero = where(eq(sumKeep(zero), 1), others, 0);
      return [mul(dyk, where(zero, atZero, div(yk, safe)))];
    }
  }
};

export const argReduceGrad: GradRule<"argReduce"> = () => [null];
