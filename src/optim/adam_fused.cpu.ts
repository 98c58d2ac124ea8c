/**
 * Adam's update of one float32 parameter on the cpu backend as one loop over its values, in place on p, m
 * and v — the same float32 arithmetic as adam.ts's composed ops, operation for operation (every step is
 * rounded to float32 with Math.fround, and each constant is the float32 the composed ops make of it), so
 * the values are bit-identical; what it saves is ~14 kernel calls, tensors and their memory per parameter
 * and step (a LeNet-5 step spent about a quarter of its time in the optimizer).
 *   g ← ∇ + λ·p;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − (lr/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + eps)
 */
import type { Tensor } from "../core/tensor";
import { cpuArray, dense, isContiguous } from "../backends/cpu/cpu_storage";

/** The float32 storage of a contiguous cpu tensor (writes reach the tensor), or null. */
function storage(t: Tensor): Float32Array | null {
  if (t.backend !== "cpu" || t.dtype !== "float32" || t.isDisposed) return null;
  const a = cpuArray(t);
  if (!isContiguous(a) || !(a.data instanceof Float32Array)) return null;
  return a.data.subarray(a.offset, a.offset + t.size);
}

export interface AdamConstants {
  b1: number;
  b2: number;
  eps: number;
  weightDecay: number;
  lr: number;
  /** the step number t (from 1) */
  t: number;
}

/** Updates p, m, v in place and returns true; false (nothing written) when the tensors do not allow it. */
export function adamStepCpu(p: Tensor, grad: Tensor, m: Tensor, v: Tensor, c: AdamConstants): boolean {
  const P = storage(p),
    M = storage(m),
    V = storage(v);
  if (!P || !M || !V || grad.backend !== "cpu" || grad.dtype !== "float32" || grad.size !== p.size) return false;
  const G = dense(grad);
  const f = Math.fround;
  const B1 = f(c.b1),
    C1 = f(1 - c.b1),
    B2 = f(c.b2),
    C2 = f(1 - c.b2),
    WD = f(c.weightDecay);
  const S = f(Math.sqrt(1 - c.b2 ** c.t)),
    E = f(c.eps),
    L = f(c.lr / (1 - c.b1 ** c.t));
  for (let k = 0; k < P.length; k++) {
    const g = c.weightDecay ? f(G[k] + f(P[k] * WD)) : G[k];
    const mk = f(f(M[k] * B1) + f(g * C1)),
      vk = f(f(V[k] * B2) + f(f(g * g) * C2));
    M[k] = mk;
    V[k] = vk;
    const denom = f(f(f(Math.sqrt(vk)) / S) + E);
    P[k] = f(P[k] - f(f(mk / denom) * L));
  }
  return true;
}
