/**
 * matmul(a, b): torch.matmul semantics. 1-D operands are promoted (a: [1,K], b: [K,1]) and the added axis
 * removed; leading batch dims broadcast. y = a·b; gradient: da = dy·bᵀ, db = aᵀ·dy (batch dims summed
 * back where they were broadcast).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { fmtShape, opError } from "../../core/errors";
import { broadcastShapes } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { reshape } from "../shape/view_ops";

export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let ta = toTensor("matmul", "a", a),
    tb = toTensor("matmul", "b", b, ta);
  if (ta.rank === 0 || tb.rank === 0) {
    throw opError(
      "matmul",
      `expected operands of rank >= 1, got shapes ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`,
    );
  }
  if (ta.dtype === "int32" || tb.dtype === "int32") throw opError("matmul", "expected float tensors, got int32");
  const va = ta.rank === 1,
    vb = tb.rank === 1;
  if (va) ta = reshape(ta, [1, ta.shape[0]]);
  if (vb) tb = reshape(tb, [tb.shape[0], 1]);
  const K = ta.shape[ta.rank - 1];
  if (tb.shape[tb.rank - 2] !== K) {
    throw opError("matmul", `expected a.shape[-1] == b.shape[-2], got ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`);
  }
  broadcastShapes("matmul", ta.shape.slice(0, -2), tb.shape.slice(0, -2));
  let y = run1("matmul", [ta, tb], { transA: false, transB: false });
  if (va) y = reshape(y, [...y.shape.slice(0, -2), y.shape[y.rank - 1]]);
  if (vb) y = reshape(y, y.shape.slice(0, -1));
  return y;
}

/** dot(a, b) of two 1-D tensors. */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const ta = toTensor("dot", "a", a),
    tb = toTensor("dot", "b", b, ta);
  if (ta.rank !== 1 || tb.rank !== 1 || ta.shape[0] !== tb.shape[0]) {
    throw opError(
      "dot",
      `expected two 1-D tensors of equal length, got ${fmtShape(ta.shape)} and ${fmtShape(tb.shape)}`,
    );
  }
  return matmul(ta, tb);
}
