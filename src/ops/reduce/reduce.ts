/**
 * Reductions: sum, mean, max, min, prod over `dim` (a number, an array, or all axes), argmax/argmin, and
 * softmax / logSoftmax built from them (the max is subtracted first, so exp never overflows).
 * Gradients: sum → dy broadcast back; max/min → dy to the (evenly split) argmax positions;
 * prod → dy·y/x; softmax/logSoftmax follow from composition.
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { opError } from "../../core/errors";
import { noGrad } from "../../core/grad_node";
import { owned } from "../../core/scope";
import type { ArgReduceOp, ReduceOp } from "../../core/kernels";
import { normAxis, sizeOf } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { div, sub } from "../elementwise/binary";
import { exp, log } from "../elementwise/unary";

export interface ReduceOptions {
  dim?: number | readonly number[];
  keepDim?: boolean;
}

function axesOf(op: string, t: Tensor, dim: ReduceOptions["dim"]): number[] {
  if (dim === undefined) return t.shape.map((_, i) => i);
  const ds = (typeof dim === "number" ? [dim] : [...dim]).map((d) => normAxis(op, d, Math.max(t.rank, 1)));
  if (new Set(ds).size !== ds.length) throw opError(op, `expected distinct dims, got [${ds}]`);
  return ds.filter((d) => d < t.rank).sort((a, b) => a - b);
}

function reducer(op: ReduceOp) {
  return (x: TensorLike, opts: ReduceOptions = {}): Tensor => {
    const t = toTensor(op, "x", x);
    const axes = axesOf(op, t, opts.dim);
    if ((op === "max" || op === "min") && axes.some((a) => t.shape[a] === 0)) {
      throw opError(op, `expected non-empty reduced dims, got shape [${t.shape}]`);
    }
    return run1("reduce", [t], { op, axes, keepDims: opts.keepDim ?? false });
  };
}

export const sum = reducer("sum");
export const max = reducer("max");
export const min = reducer("min");
export const prod = reducer("prod");

export function mean(x: TensorLike, opts: ReduceOptions = {}): Tensor {
  const t = toTensor("mean", "x", x);
  const n = sizeOf(axesOf("mean", t, opts.dim).map((a) => t.shape[a]));
  return div(sum(t, opts), n);
}

function argReducer(op: ArgReduceOp) {
  return (x: TensorLike, opts: { dim?: number; keepDim?: boolean } = {}): Tensor => {
    let t = toTensor(op, "x", x);
    if (t.size === 0) throw opError(op, `expected a non-empty tensor, got shape [${t.shape}]`);
    let axis = opts.dim;
    if (axis === undefined) {
      t = run1("view", [t], { shape: [t.size], strides: [1], offset: 0 });
      axis = 0;
    }
    return run1("argReduce", [t], { op, axis: normAxis(op, axis, t.rank), keepDims: opts.keepDim ?? false });
  };
}

export const argmax = argReducer("argmax");
export const argmin = argReducer("argmin");

/**
 * The max along d, as a constant: softmax is invariant to the shift, so no gradient flows through it
 * (computed without recording, so no orphan autograd node keeps x alive).
 */
function rowMax(t: Tensor, d: number): Tensor {
  return noGrad(() => run1("reduce", [t], { op: "max", axes: [d], keepDims: true }));
}

/** logSoftmax(x, dim = -1) = x − max − log Σ exp(x − max) */
export function logSoftmax(x: TensorLike, dim = -1): Tensor {
  const t = toTensor("logSoftmax", "x", x);
  const d = normAxis("logSoftmax", dim, t.rank);
  return owned(() => {
    const shifted = sub(t, rowMax(t, d));
    return sub(shifted, log(sum(exp(shifted), { dim: d, keepDim: true })));
  });
}

/** softmax(x, dim = -1) = exp(x − max) / Σ exp(x − max) */
export function softmax(x: TensorLike, dim = -1): Tensor {
  const t = toTensor("softmax", "x", x);
  const d = normAxis("softmax", dim, t.rank);
  return owned(() => {
    const e = exp(sub(t, rowMax(t, d)));
    return div(e, sum(e, { dim: d, keepDim: true }));
  });
}
