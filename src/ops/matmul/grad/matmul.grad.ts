/**
 * Gradient of the `matmul` kernel y = op(a)·op(b) (op = optional transpose of the last two axes):
 *   d op(a) = dy·op(b)ᵀ,  d op(b) = op(a)ᵀ·dy,
 * each expressed as one more matmul kernel call with transpose flags (no materialised transposes), then
 * summed back over broadcast batch dims (sumTo).
 */
import type { GradRule } from "../../../core/grad_rule";
import { sumTo } from "../../reduce/sum_to";
import { run1 } from "../../../core/dispatch";
import type { Tensor } from "../../../core/tensor";

const mm = (a: Tensor, b: Tensor, transA: boolean, transB: boolean) => run1("matmul", [a, b], { transA, transB });

export const matmulGrad: GradRule<"matmul"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy) return [null, null];
  const [a, b] = node.inputs;
  const { transA, transB } = node.attrs;
  // a:  transA ? (dy·op(b)ᵀ)ᵀ = op(b)·dyᵀ : dy·op(b)ᵀ
  const da = !needs[0] ? null : transA ? mm(b, dy, transB, true) : mm(dy, b, false, !transB);
  // b:  transB ? (op(a)ᵀ·dy)ᵀ = dyᵀ·op(a) : op(a)ᵀ·dy
  const db = !needs[1] ? null : transB ? mm(dy, a, true, transA) : mm(a, dy, !transA, false);
  return [da && sumTo(da, a.shape), db && sumTo(db, b.shape)];
};
