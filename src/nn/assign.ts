/**
 * In-place update of a parameter or buffer: `assignInPlace(p, v)` writes v's values into p's memory, so
 * p stays the same Tensor object and the module field, the optimizer's list and every other holder keep
 * pointing at it (PyTorch's p.data.copy_(v)). Tensors that share p's memory (detach(), reshape views, the
 * user's array p was made from without a copy) see the new values, as PyTorch views do; a copy of p made
 * before the update keeps the old ones. Nothing is allocated or released: the optimizer's loop holds the
 * same buffers from the first step to the last.
 */
import { getBackendImpl } from "../core/backend";
import { transferSync } from "../core/dispatch";
import { fmtShape, opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import { shapesEqual } from "../core/shape";
import type { Tensor } from "../core/tensor";
import { mul } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";

export function assignInPlace(target: Tensor, value: Tensor, op = "assign"): void {
  if (!shapesEqual(target.shape, value.shape)) {
    throw opError(op, `expected a value of shape ${fmtShape(target.shape)}, got ${fmtShape(value.shape)}`);
  }
  if (target.isDisposed)
    throw opError(op, `expected a live tensor to assign to, got tensor #${target.id} after dispose()`);
  let v = noGrad(() => transferSync(value.dtype === target.dtype ? value : cast(value, target.dtype), target.backend));
  // a value over the target's own memory (p.flip(), a view of p) is copied first: no overlapping writes
  if (v.lease === target.lease) v = noGrad(() => mul(v, 1));
  getBackendImpl(target.backend).write(target, v);
  if (v !== value) v.dispose();
}
