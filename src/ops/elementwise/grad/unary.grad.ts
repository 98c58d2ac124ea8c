/**
 * Gradient of the `unary` kernel: dx = dy · f'(x), written with the output y where that is cheaper
 * (exp: dy·y, sigmoid: dy·y(1−y), tanh: dy(1−y²), sqrt: dy/(2y), reciprocal: −dy·y²).
 * sign/floor/ceil/round/isfinite are piecewise constant: zero almost everywhere (as in PyTorch).
 * relu' at 0 is taken as 0 (PyTorch's choice).
 */
import type { GradRule } from "../../../core/grad_rule";
import type { UnaryOp } from "../../../core/kernels";
import type { Tensor } from "../../../core/tensor";
import { add, div, gt, mul, sub } from "../binary";
import { cos, neg, sign, sin, square } from "../unary";

type Deriv = (dy: Tensor, x: Tensor, y: Tensor) => Tensor | null;

const DERIVS: { readonly [K in UnaryOp]: Deriv } = {
  neg: (dy) => neg(dy),
  exp: (dy, _x, y) => mul(dy, y),
  log: (dy, x) => div(dy, x),
  sqrt: (dy, _x, y) => div(dy, mul(y, 2)),
  abs: (dy, x) => mul(dy, sign(x)),
  relu: (dy, x) => mul(dy, gt(x, 0)),
  sigmoid: (dy, _x, y) => mul(dy, mul(y, sub(1, y))),
  tanh: (dy, _x, y) => mul(dy, sub(1, square(y))),
  square: (dy, x) => mul(dy, mul(x, 2)),
  reciprocal: (dy, _x, y) => neg(mul(dy, square(y))),
  sin: (dy, x) => mul(dy, cos(x)),
  cos: (dy, x) => neg(mul(dy, sin(x))),
  log1p: (dy, x) => div(dy, add(x, 1)),
  expm1: (dy, _x, y) => mul(dy, add(y, 1)),
  sign: () => null,
  floor: () => null,
  ceil: () => null,
  round: () => null,
  isfinite: () => null,
};

export const unaryGrad: GradRule<"unary"> = ({ node, dys }) => {
  const dy = dys[0];
  if (!dy) return [null];
  return [DERIVS[node.attrs.op](dy, node.inputs[0], node.outputs[0])];
};
