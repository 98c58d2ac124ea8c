/**
 * Elementwise functions y = f(x). Gradients (autograd/rules): neg: −dy; exp: dy·y; log: dy/x;
 * sqrt: dy/(2y); abs: dy·sign(x); relu: dy·[x>0]; sigmoid: dy·y(1−y); tanh: dy(1−y²); square: 2x·dy;
 * reciprocal: −dy·y²; sin: dy·cos x; cos: −dy·sin x; log1p: dy/(1+x); expm1: dy(y+1);
 * sign/floor/ceil/round/isfinite: 0 almost everywhere.
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { opError } from "../../core/errors";
import type { UnaryOp } from "../../core/kernels";
import type { Tensor } from "../../core/tensor";

function unary(op: UnaryOp) {
  return (x: TensorLike): Tensor => {
    const t = toTensor(op, "x", x);
    if (t.dtype === "int32") throw opError(op, "expected a float tensor, got int32 (cast it first)");
    return run1("unary", [t], { op });
  };
}

export const neg = unary("neg");
export const exp = unary("exp");
export const log = unary("log");
export const sqrt = unary("sqrt");
export const relu = unary("relu");
export const sigmoid = unary("sigmoid");
export const tanh = unary("tanh");
export const sign = unary("sign");
export const square = unary("square");
export const reciprocal = unary("reciprocal");
export const sin = unary("sin");
export const cos = unary("cos");
export const floor = unary("floor");
export const ceil = unary("ceil");
export const round = unary("round");
export const isfinite = unary("isfinite");
export const log1p = unary("log1p");
export const expm1 = unary("expm1");
/** |x| of a real tensor (for complex values see `cl.abs(c)` in fft/complex, which dispatches here for tensors) */
export const absReal = unary("abs");
