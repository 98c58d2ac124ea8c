/**
 * maxPool1d/2d/3d(x, {kernelSize, stride = kernelSize, padding = 0, dilation = 1, ceilMode = false,
 * returnIndices = false}) — torch.nn.functional.max_pool{1,2,3}d. x: (N, C, spatial…) or (C, spatial…).
 *   y[n, c, o] = max_{k} x[n, c, o·stride − padding + k·dilation]   (padding taps never win)
 * With returnIndices the result is `{values, indices}`: indices (int32) are flat offsets into each input
 * plane, (d·H + h)·W + w, exactly PyTorch's. Gradient: dy routed to the argmax tap (scatter by indices).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { runKernel } from "../../core/dispatch";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { checkOpts } from "../../core/options";
import { poolGeometry, type PoolGeometryOptions } from "./geometry/pool_geometry";
import type { PoolGeometry } from "../../core/geometry";
import { reshape } from "../shape/view_ops";

export interface MaxPoolOptions {
  kernelSize: number | readonly number[];
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
  returnIndices?: boolean;
}

/** What max pooling returns with returnIndices: the maxima and their flat per-plane input positions. */
export interface PoolWithIndices {
  values: Tensor;
  indices: Tensor;
}

const KEYS = ["kernelSize", "stride", "padding", "dilation", "ceilMode", "returnIndices"] as const;

export function floatInput(op: string, x: TensorLike): Tensor {
  const t = toTensor(op, "x", x);
  if (t.dtype === "int32") throw opError(op, "expected a float tensor x, got int32");
  return t;
}

/**
 * The geometry, and x as (N, C, spatial…): an unbatched input gets a batch dim of 1 for the kernel (so
 * kernels and gradient rules only ever see batched tensors) and `unbatch` drops it from the results.
 */
export function batchedPool(
  op: string,
  t: Tensor,
  opts: PoolGeometryOptions,
): { geom: PoolGeometry; xb: Tensor; unbatch: (y: Tensor) => Tensor } {
  const g = poolGeometry(op, t.shape, opts);
  if (!g.unbatched) return { geom: g, xb: t, unbatch: (y) => y };
  return {
    geom: { ...g, unbatched: false },
    xb: reshape(t, [1, ...t.shape]),
    unbatch: (y) => reshape(y, y.shape.slice(1)),
  };
}

function maxPoolNd(dims: number, op: string) {
  function maxPool(x: TensorLike, opts: MaxPoolOptions & { returnIndices: true }): PoolWithIndices;
  function maxPool(x: TensorLike, opts: MaxPoolOptions & { returnIndices?: false }): Tensor;
  function maxPool(x: TensorLike, opts: MaxPoolOptions): Tensor | PoolWithIndices;
  function maxPool(x: TensorLike, opts: MaxPoolOptions): Tensor | PoolWithIndices {
    const t = floatInput(op, x);
    const o = checkOpts(op, opts, KEYS);
    if (o.kernelSize === undefined) throw opError(op, "expected options with a kernelSize, got none");
    if (o.returnIndices !== undefined && typeof o.returnIndices !== "boolean") {
      throw opError(op, `expected returnIndices as a boolean, got ${describe(o.returnIndices)}`);
    }
    const { geom, xb, unbatch } = batchedPool(op, t, { dims, ...o, kernelSize: o.kernelSize });
    const [values, indices] = runKernel("pool", [xb], { geom, kind: "max", countIncludePad: false });
    // the max kind declares [y, idx] (PoolKindOutputs); the kernel's output type is the union over kinds
    if (!indices) throw opError(op, "expected values and indices from the max-pool kernel, got values only");
    if (o.returnIndices) return { values: unbatch(values), indices: unbatch(indices) };
    if (values.node === null) indices.dispose(); // no gradient will read them: their memory is reused at once
    return unbatch(values);
  }
  return maxPool;
}

export const maxPool1d = maxPoolNd(1, "maxPool1d");
export const maxPool2d = maxPoolNd(2, "maxPool2d");
export const maxPool3d = maxPoolNd(3, "maxPool3d");
