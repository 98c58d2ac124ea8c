/**
 * Gradients of the indexing kernels. gather and scatterAdd are adjoint to each other:
 *   y = gather(x, idx)      →  dx = scatterAdd(dy, idx)  (repeated indices sum), padded with zeros where
 *                              idx is smaller than x on the other axes (torch.gather allows that)
 *   y = scatterAdd(src, idx) →  dsrc = gather(dy, idx)
 * topk returns int32 indices: no gradient (k-max pooling differentiates through the gather that uses them).
 */
import type { GradRule } from "../../../core/grad_rule";
import { run1 } from "../../../core/dispatch";
import { pad } from "../../shape/pad";

export const gatherGrad: GradRule<"gather"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy || !needs[0]) return [null, null];
  const [x, idx] = node.inputs;
  const { axis } = node.attrs;
  const dx = run1("scatterAdd", [dy, idx], { axis, size: x.shape[axis] });
  const short = x.shape.map((n, d) => [0, n - dx.shape[d]] as [number, number]);
  return [short.some(([, hi]) => hi > 0) ? pad(dx, short) : dx, null];
};

export const scatterAddGrad: GradRule<"scatterAdd"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy || !needs[0]) return [null, null];
  return [run1("gather", [dy, node.inputs[1]], { axis: node.attrs.axis }), null];
};

export const topkGrad: GradRule<"topk"> = () => [null];
