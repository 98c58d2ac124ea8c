/**
 * sumTo(dy, shape): the adjoint of NumPy broadcasting, used by the gradients of broadcasting kernels
 * (binary, matmul). Sums dy over the leading axes it has in excess and over the axes where `shape` has 1,
 * then reshapes: Σ over the copies that broadcasting made.
 */
import { run1 } from "../../core/dispatch";
import { shapesEqual } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { reshape } from "../shape/view_ops";

export function sumTo(dy: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(dy.shape, shape)) return dy;
  const lead = dy.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < dy.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && dy.shape[i] !== 1)) axes.push(i);
  }
  const s = axes.length > 0 ? run1("reduce", [dy], { op: "sum", axes, keepDims: true }) : dy;
  return reshape(s, shape);
}
