/**
 * Elementwise binary ops with NumPy broadcasting; either operand may be a number.
 * Gradients reduce the broadcast axes back to each operand's shape (sumTo):
 * add: (dy, dy); sub: (dy, −dy); mul: (dy·b, dy·a); div: (dy/b, −dy·a/b²);
 * pow: (dy·b·a^(b−1), dy·ln(a)·a^b); maximum/minimum: dy routed to the chosen side (ties split evenly,
 * as PyTorch does); comparisons: none.
 */
import { toTensor } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { opError } from "../../core/errors";
import type { BinaryOp } from "../../core/kernels";
import { broadcastShapes } from "../../core/shape";
import { isTensor, type Tensor } from "../../core/tensor";

export type Operand = import("../../core/coerce").TensorLike;

function operands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  // a number takes the dtype of the tensor it meets, as a Python scalar does in PyTorch
  const ta = isTensor(a) || !isTensor(b) ? toTensor(op, "a", a) : toTensor(op, "a", a, b);
  const tb = toTensor(op, "b", b, ta);
  return [typeof a === "number" ? toTensor(op, "a", a, tb) : ta, tb];
}

function binary(op: BinaryOp) {
  return (a: Operand, b: Operand): Tensor => {
    const [ta, tb] = operands(op, a, b);
    if (ta.dtype === "int32" || tb.dtype === "int32") {
      throw opError(op, `expected float tensors, got ${ta.dtype} and ${tb.dtype} (cast indices first)`);
    }
    return run1("binary", [ta, tb], { op, shape: broadcastShapes(op, ta.shape, tb.shape) });
  };
}

export const add = binary("add");
export const sub = binary("sub");
export const mul = binary("mul");
export const div = binary("div");
export const pow = binary("pow");
export const maximum = binary("maximum");
export const minimum = binary("minimum");
export const atan2 = binary("atan2");
export const gt = binary("gt");
export const ge = binary("ge");
export const lt = binary("lt");
export const le = binary("le");
export const eq = binary("eq");
export const ne = binary("ne");

/** where(cond, a, b): a where cond ≠ 0, else b (broadcast). Gradient: dy masked to each side. */
export function where(cond: Operand, a: Operand, b: Operand): Tensor {
  const tc = toTensor("where", "cond", cond);
  const [ta, tb] = operands("where", a, b);
  const shape = broadcastShapes("where", broadcastShapes("where", tc.shape, ta.shape), tb.shape);
  return run1("where", [tc, ta, tb], { shape });
}
