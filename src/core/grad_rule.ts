/**
 * The shape of a gradient rule (a vector–Jacobian product per primitive kernel) and the small helpers
 * every rule shares. A rule receives the recorded node (kernel, attrs, inputs, outputs), the cotangent of
 * each output (null where no gradient reached that output) and which inputs need a gradient; it returns
 * one cotangent per input, null meaning "zero" or "not needed". Rules are written with public ops and
 * run1, never with backend code, so they run on every backend.
 */
import { run1 } from "./dispatch";
import type { GradNode } from "./grad_node";
import type { KernelName } from "./kernels";
import { shapesEqual } from "./shape";
import type { Tensor } from "./tensor";
import { zeros } from "../ops/creation";
import { reshape } from "../ops/shape/view_ops";

export interface GradContext<K extends KernelName> {
  readonly node: GradNode<K>;
  /** cotangent of each output; null where nothing flowed back */
  readonly dys: readonly (Tensor | null)[];
  /** needs[i]: input i is tracked, so its gradient is wanted */
  readonly needs: readonly boolean[];
}

export type GradRule<K extends KernelName> = (ctx: GradContext<K>) => (Tensor | null)[];

/** The complete registry type: a kernel without a rule is a compile error. */
export type GradRuleTable = { readonly [K in KernelName]: GradRule<K> };

/**
 * sumTo(dy, shape): the adjoint of NumPy broadcasting. Sums dy over the leading axes it has in excess
 * and over the axes where `shape` has 1, then reshapes: Σ over the copies that broadcasting made.
 */
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

/** The cotangent of output i, or zeros of that output's shape when nothing reached it. */
export function dyOrZeros<K extends KernelName>(ctx: GradContext<K>, i: number): Tensor {
  const dy = ctx.dys[i];
  if (dy) return dy;
  const o = ctx.node.outputs[i];
  return zeros(o.shape, { dtype: o.dtype });
}
