/**
 * Gradients of the `binary` and `where` kernels. Each partial is computed at the broadcast shape and then
 * summed back to the operand's shape (sumTo: the adjoint of broadcasting).
 *   add (dy, dy)   sub (dy, −dy)   mul (dy·b, dy·a)   div (dy/b, −dy·y/b)
 *   pow (dy·b·a^(b−1), dy·y·ln a)  — with PyTorch's masks: 0 where b = 0, resp. where a = 0 and b ≥ 0
 *   maximum/minimum: dy to the chosen side, split evenly on ties (PyTorch 1.13's rule)
 *   atan2 (dy·b/(a²+b²), −dy·a/(a²+b²))   comparisons: no gradient
 */
import type { GradRule } from "../../../core/grad_rule";
import { sumTo } from "../../reduce/sum_to";
import type { BinaryOp } from "../../../core/kernels";
import type { Tensor } from "../../../core/tensor";
import { add, div, eq, ge, gt, lt, mul, pow, sub, where } from "../binary";
import { log, neg, square } from "../unary";

type Partials = (dy: Tensor, a: Tensor, b: Tensor, y: Tensor) => [Tensor | null, Tensor | null];

/** dy routed to where `a` wins, half of it on ties */
function chosen(dy: Tensor, win: Tensor, tie: Tensor): Tensor {
  return mul(dy, add(win, mul(tie, 0.5)));
}

const PARTIALS: { readonly [K in BinaryOp]: Partials } = {
  add: (dy) => [dy, dy],
  sub: (dy) => [dy, neg(dy)],
  mul: (dy, a, b) => [mul(dy, b), mul(dy, a)],
  div: (dy, _a, b, y) => [div(dy, b), neg(div(mul(dy, y), b))],
  pow: (dy, a, b, y) => [
    where(eq(b, 0), 0, mul(dy, mul(b, pow(a, sub(b, 1))))),
    where(mul(eq(a, 0), ge(b, 0)), 0, mul(dy, mul(y, log(a)))),
  ],
  maximum: (dy, a, b) => [chosen(dy, gt(a, b), eq(a, b)), chosen(dy, lt(a, b), eq(a, b))],
  minimum: (dy, a, b) => [chosen(dy, lt(a, b), eq(a, b)), chosen(dy, gt(a, b), eq(a, b))],
  atan2: (dy, a, b) => {
    const r2 = add(square(a), square(b));
    return [div(mul(dy, b), r2), neg(div(mul(dy, a), r2))];
  },
  gt: () => [null, null],
  ge: () => [null, null],
  lt: () => [null, null],
  le: () => [null, null],
  eq: () => [null, null],
  ne: () => [null, null],
};

export const binaryGrad: GradRule<"binary"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy) return [null, null];
  const [a, b] = node.inputs;
  const [da, db] = PARTIALS[node.attrs.op](dy, a, b, node.outputs[0]);
  return [da && needs[0] ? sumTo(da, a.shape) : null, db && needs[1] ? sumTo(db, b.shape) : null];
};

/** where(cond, a, b): dy masked to each side; cond gets none. */
export const whereGrad: GradRule<"where"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy) return [null, null, null];
  const [cond, a, b] = node.inputs;
  return [
    null,
    needs[1] ? sumTo(where(cond, dy, 0), a.shape) : null,
    needs[2] ? sumTo(where(cond, 0, dy), b.shape) : null,
  ];
};
