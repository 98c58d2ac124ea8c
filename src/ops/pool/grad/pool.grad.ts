/**
 * Gradients of the pooling kernels.
 *   max pool: dy goes to the one input position the kernel chose (its int32 index output, a flat index
 *             into each (n, c) spatial plane): dx = scatterAdd(dy, idx) over that plane. Ties therefore
 *             go to a single position, as in PyTorch's max_pool backward.
 *   avg pool: dx = avgPoolGrad(dy) (each window spreads dy / divisor over its taps).
 *   avgPoolGrad is linear with avg pooling as its adjoint: dd = avgPool(g).
 */
import type { GradNode } from "../../../core/grad_node";
import type { GradRule } from "../../../core/grad_rule";
import { run1 } from "../../../core/dispatch";
import { opError } from "../../../core/errors";
import type { PoolKind } from "../../../core/kernels";
import { sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { reshape } from "../../shape/view_ops";

/** dx of one pooling kind from dy: a kind without an entry does not compile. */
export type PoolGradients = { readonly [P in PoolKind]: (dy: Tensor, node: GradNode<"pool">) => Tensor };

export const poolGradients: PoolGradients = {
  max: (dy, node) => {
    const { geom } = node.attrs;
    const x = node.inputs[0],
      outs = node.outputs;
    // max pooling declares [y, idx] (PoolKindOutputs); this narrows the kernel's outputs to that kind's
    if (outs.length !== 2)
      throw opError("maxPool gradient", `expected the index output of max pooling, got ${outs.length} output`);
    const [n, c] = x.shape;
    const plane = sizeOf(geom.inSize),
      outPlane = sizeOf(geom.outSize);
    const flat = run1("scatterAdd", [reshape(dy, [n, c, outPlane]), reshape(outs[1], [n, c, outPlane])], {
      axis: 2,
      size: plane,
    });
    return reshape(flat, x.shape);
  },
  avg: (dy, node) => run1("avgPoolGrad", [dy], { geom: node.attrs.geom, countIncludePad: node.attrs.countIncludePad }),
};

export const poolGrad: GradRule<"pool"> = ({ node, dys }) => {
  const dy = dys[0];
  return [dy ? poolGradients[node.attrs.kind](dy, node) : null];
};

export const avgPoolGradGrad: GradRule<"avgPoolGrad"> = ({ node, dys }) => {
  const g = dys[0];
  if (!g) return [null];
  const { geom, countIncludePad } = node.attrs;
  return [run1("pool", [g], { geom, kind: "avg", countIncludePad })];
};
