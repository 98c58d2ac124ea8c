/**
 * Gradients of the pooling kernels.
 *   max pool: dy goes to the one input position the kernel chose (its int32 index output, a flat index
 *             into each (n, c) spatial plane): dx = scatterAdd(dy, idx) over that plane. Ties therefore
 *             go to a single position, as in PyTorch's max_pool backward.
 *   avg pool: dx = avgPoolGrad(dy) (each window spreads dy / divisor over its taps).
 *   avgPoolGrad is linear with avg pooling as its adjoint: dd = avgPool(g).
 */
import type { GradRule } from "../../../core/grad_rule";
import { run1, runKernel } from "../../../core/dispatch";
import { sizeOf } from "../../../core/shape";
import { reshape } from "../../shape/view_ops";

export const poolGrad: GradRule<"pool"> = ({ node, dys }) => {
  const dy = dys[0];
  if (!dy) return [null];
  const { geom, kind, countIncludePad } = node.attrs;
  if (kind === "avg") return [run1("avgPoolGrad", [dy], { geom, countIncludePad })];
  const x = node.inputs[0], idx = node.outputs[1];
  const [n, c] = x.shape;
  const plane = sizeOf(geom.inSize), outPlane = sizeOf(geom.outSize);
  const flat = run1("scatterAdd", [reshape(dy, [n, c, outPlane]), reshape(idx, [n, c, outPlane])], { axis: 2, size: plane });
  return [reshape(flat, x.shape)];
};

export const avgPoolGradGrad: GradRule<"avgPoolGrad"> = ({ node, dys }) => {
  const g = dys[0];
  if (!g) return [null];
  const { geom, countIncludePad } = node.attrs;
  return [runKernel("pool", [g], { geom, kind: "avg", countIncludePad })[0]];
};
