/**
 * cpu kernels of `gather` and `scatterAdd` along one axis (torch.gather / torch.scatter_add into zeros):
 *   gather:     y[i₀..i_axis..] = x[i₀.. idx[i] ..]
 *   scatterAdd: y[i₀.. idx[i] ..] += src[i]       (the adjoint of gather)
 */
import { allocArray } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import { opError } from "../../../core/errors";
import { contiguousStrides, sizeOf, unravel } from "../../../core/shape";
import { cpuFromData, dense } from "../../../backends/cpu/cpu_storage";
import { scatterWasm } from "./scatter.wasm";

function checkIndex(op: string, k: number, n: number): void {
  if (!(k >= 0 && k < n)) throw opError(op, `expected indices in [0, ${n}), got ${k}`);
}

/**
 * When idx has the shape of the other operand on every axis but `axis`, element f = (o·n + j)·inner + i of
 * idx maps to (o·m + k)·inner + i in the other one (m: its size on `axis`): one multiply-add per element
 * instead of an unravelled index array per element (max pooling's dL/dx scatters 150 K values per LeNet
 * step through here). Same elements in the same order, so the same sums.
 */
function axisSplit(
  other: readonly number[],
  idx: readonly number[],
  axis: number,
): { inner: number; n: number; m: number } | null {
  if (other.length !== idx.length || other.some((d, i) => i !== axis && d !== idx[i])) return null;
  return { inner: sizeOf(idx.slice(axis + 1)), n: idx[axis], m: other[axis] };
}

export const gatherCpu: KernelFn<"gather"> = ([x, idx], { axis }) => {
  const xv = dense(x),
    iv = dense(idx);
  const xs = contiguousStrides(x.shape);
  const out = allocArray(x.dtype, iv.length);
  const split = axisSplit(x.shape, idx.shape, axis);
  if (split) {
    const { inner, n, m } = split;
    for (let f = 0; f < iv.length; f++) {
      const k = iv[f],
        i = f % inner,
        o = Math.floor(f / (inner * n));
      checkIndex("gather", k, m);
      out[f] = xv[(o * m + k) * inner + i];
    }
    return [cpuFromData(out, idx.shape, x.dtype)];
  }
  for (let f = 0; f < iv.length; f++) {
    const pos = unravel(f, idx.shape);
    const k = iv[f];
    checkIndex("gather", k, x.shape[axis]);
    pos[axis] = k;
    let off = 0;
    for (let d = 0; d < pos.length; d++) off += pos[d] * xs[d];
    out[f] = xv[off];
  }
  return [cpuFromData(out, idx.shape, x.dtype)];
};

export const scatterAddCpu: KernelFn<"scatterAdd"> = ([src, idx], { axis, size }) => {
  const sv = dense(src),
    iv = dense(idx);
  const shape = src.shape.map((d, i) => (i === axis ? size : d));
  const ys = contiguousStrides(shape);
  const out = allocArray(src.dtype, sizeOf(shape));
  const split = axisSplit(shape, idx.shape, axis);
  if (split && sizeOf(src.shape) === iv.length) {
    const { inner, n, m } = split;
    // float32 values with int32 indices (max pooling's dL/dx): the wasm loop, the same sums in the same order
    const bad = sv instanceof Float32Array && iv instanceof Int32Array ? scatterWasm(sv, iv, out, inner, n, m) : null;
    if (bad !== null) {
      if (bad >= 0) checkIndex("scatterAdd", iv[bad], m);
      return [cpuFromData(out, shape, src.dtype)];
    }
    for (let f = 0; f < iv.length; f++) {
      const k = iv[f],
        i = f % inner,
        o = Math.floor(f / (inner * n));
      checkIndex("scatterAdd", k, m);
      out[(o * m + k) * inner + i] += sv[f];
    }
    return [cpuFromData(out, shape, src.dtype)];
  }
  for (let f = 0; f < iv.length; f++) {
    const pos = unravel(f, idx.shape);
    const k = iv[f];
    checkIndex("scatterAdd", k, size);
    pos[axis] = k;
    let off = 0;
    for (let d = 0; d < pos.length; d++) off += pos[d] * ys[d];
    out[off] += sv[f];
  }
  return [cpuFromData(out, shape, src.dtype)];
};
