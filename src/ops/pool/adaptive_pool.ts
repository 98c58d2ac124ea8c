/**
 * Adaptive pooling (PyTorch): the output size is given, the windows follow from it. On a dim of size n
 * pooled to m, output i covers [⌊i·n/m⌋, ⌈(i+1)·n/m⌉) — windows of varying length that may overlap.
 *   adaptiveAvgPool: y = A_H · x · A_Wᵀ with A[i, j] = 1/|window i| on the window (a matmul per dim);
 *   adaptiveMaxPool: per dim, gather each window's taps (host-computed int32 indices, short windows
 *   padded by repeating their last tap, which leaves the max unchanged), then max over the window axis.
 * Both are compositions of primitives (matmul / gather + reduce), so gradients come with them.
 * x: (N, C, spatial…) or (C, spatial…); outSize: a number or one per spatial dim (null keeps that dim).
 */
import type { TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { tensor } from "../creation";
import { matmul } from "../matmul/matmul";
import { max } from "../reduce/reduce";
import { broadcastTo, reshape, swapaxes } from "../shape/view_ops";
import { floatInput } from "./max_pool";
import { poolRankText } from "./geometry/pool_geometry";

export type AdaptiveSize = number | null | readonly (number | null)[];

export const windowStart = (i: number, n: number, m: number): number => Math.floor((i * n) / m);
export const windowEnd = (i: number, n: number, m: number): number => Math.ceil(((i + 1) * n) / m);

function resolve(op: string, t: Tensor, dims: number, outSize: AdaptiveSize): number[] {
  if (t.rank !== dims + 1 && t.rank !== dims + 2)
    throw opError(op, `expected x of ${poolRankText(dims)}, got shape ${fmtShape(t.shape)}`);
  const spatial = t.shape.slice(t.rank - dims);
  if (t.shape.some((d) => d < 1)) throw opError(op, `expected x with non-empty dims, got shape ${fmtShape(t.shape)}`);
  const list = Array.isArray(outSize) ? outSize : new Array<number | null>(dims).fill(outSize as number | null);
  if (list.length !== dims || !list.every((v) => v === null || (Number.isInteger(v) && (v as number) >= 1))) {
    throw opError(
      op,
      `expected outSize as a positive integer or ${dims} positive integers (or null), got ${Array.isArray(outSize) ? JSON.stringify(outSize) : describe(outSize)}`,
    );
  }
  return list.map((v, d) => v ?? spatial[d]);
}

/** A (m × n) matrix averaging each adaptive window. */
function averagingMatrix(n: number, m: number, dtype: "float32" | "float64"): Tensor {
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const s = windowStart(i, n, m),
      e = windowEnd(i, n, m);
    for (let j = s; j < e; j++) a[i * n + j] = 1 / (e - s);
  }
  return tensor(a, [m, n], { dtype });
}

function adaptiveAvg(dims: number, op: string) {
  return (x: TensorLike, outSize: AdaptiveSize): Tensor => {
    const t = floatInput(op, x);
    const out = resolve(op, t, dims, outSize);
    const dtype = t.dtype === "float64" ? "float64" : "float32";
    let y = t;
    for (let d = 0; d < dims; d++) {
      const axis = t.rank - dims + d,
        n = t.shape[axis];
      if (out[d] === n) continue;
      // bring the pooled axis last, contract it with Aᵀ, put it back
      y = swapaxes(matmul(swapaxes(y, axis, -1), swapaxes(averagingMatrix(n, out[d], dtype), 0, 1)), axis, -1);
    }
    return y;
  };
}

function adaptiveMax(dims: number, op: string) {
  return (x: TensorLike, outSize: AdaptiveSize): Tensor => {
    const t = floatInput(op, x);
    const out = resolve(op, t, dims, outSize);
    let y = t;
    for (let d = 0; d < dims; d++) {
      const axis = t.rank - dims + d,
        n = t.shape[axis],
        m = out[d];
      let K = 0;
      for (let i = 0; i < m; i++) K = Math.max(K, windowEnd(i, n, m) - windowStart(i, n, m));
      const idx = new Int32Array(m * K);
      for (let i = 0; i < m; i++) {
        const s = windowStart(i, n, m),
          e = windowEnd(i, n, m);
        for (let k = 0; k < K; k++) idx[i * K + k] = Math.min(s + k, e - 1);
      }
      const idxShape = y.shape.map((v, a) => (a === axis ? m * K : 1));
      const idxFull = broadcastTo(
        tensor(idx, idxShape, { dtype: "int32" }),
        y.shape.map((v, a) => (a === axis ? m * K : v)),
      );
      const g = run1("gather", [y, idxFull], { axis });
      y = max(reshape(g, [...y.shape.slice(0, axis), m, K, ...y.shape.slice(axis + 1)]), { dim: axis + 1 });
    }
    return y;
  };
}

export const adaptiveAvgPool1d = adaptiveAvg(1, "adaptiveAvgPool1d");
export const adaptiveAvgPool2d = adaptiveAvg(2, "adaptiveAvgPool2d");
export const adaptiveAvgPool3d = adaptiveAvg(3, "adaptiveAvgPool3d");
export const adaptiveMaxPool1d = adaptiveMax(1, "adaptiveMaxPool1d");
export const adaptiveMaxPool2d = adaptiveMax(2, "adaptiveMaxPool2d");
export const adaptiveMaxPool3d = adaptiveMax(3, "adaptiveMaxPool3d");
