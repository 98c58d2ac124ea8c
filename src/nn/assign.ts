/**
 * In-place update of a parameter or buffer: `assignInPlace(p, v)` makes p hold v's values while staying
 * the same Tensor object, so the module field, the optimizer's list and any other holder keep pointing
 * at it (PyTorch's p.data.copy_(v)). Tensors are otherwise immutable, so this adopts v's backend storage
 * into p's Storage object instead of copying values (which would need a write kernel on every backend).
 * No buffer is ever written: a copy of p made before the update keeps the old values, while tensors that
 * share p's storage (detach(), reshape aliases) see the new ones, as PyTorch views do.
 * (Candidate for core/tensor.ts as `t.assign_(v)`; kept here so that nn owns the only in-place path.)
 */
import { getBackendImpl } from "../core/backend";
import { transferSync } from "../core/dispatch";
import { fmtShape, opError } from "../core/errors";
import { trackFree } from "../core/memory";
import { shapesEqual } from "../core/shape";
import type { Tensor } from "../core/tensor";
import { cast } from "../ops/elementwise/cast";
import { mul } from "../ops/elementwise/binary";
import { noGrad } from "../core/grad_node";

export function assignInPlace(target: Tensor, value: Tensor, op = "assign"): void {
  if (!shapesEqual(target.shape, value.shape)) {
    throw opError(op, `expected a value of shape ${fmtShape(target.shape)}, got ${fmtShape(value.shape)}`);
  }
  let v = noGrad(() => transferSync(value.dtype === target.dtype ? value : cast(value, target.dtype), target.backend));
  // adopt only storage that nothing else shares (a fresh kernel output); copy otherwise
  if (v.storage.refs !== 1 || v.storage === target.storage) v = noGrad(() => mul(v, 1));
  const s = target.storage, from = v.storage;
  const old = s.handle;
  Object.defineProperty(s, "handle", { value: from.handle });
  // `from` hands its handle over: mark it released without freeing the memory it no longer owns
  from.released = true;
  trackFree(from.backend, from.bytes);
  if (old !== from.handle) getBackendImpl(s.backend).release(old);
}
