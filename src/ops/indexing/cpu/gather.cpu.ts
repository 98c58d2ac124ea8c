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

function checkIndex(op: string, k: number, n: number): void {
  if (!(k >= 0 && k < n)) throw opError(op, `expected indices in [0, ${n}), got ${k}`);
}

export const gatherCpu: KernelFn<"gather"> = ([x, idx], { axis }) => {
  const xv = dense(x), iv = dense(idx);
  const xs = contiguousStrides(x.shape);
  const out = allocArray(x.dtype, iv.length);
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
  const sv = dense(src), iv = dense(idx);
  const shape = src.shape.map((d, i) => (i === axis ? size : d));
  const ys = contiguousStrides(shape);
  const out = allocArray(src.dtype, sizeOf(shape));
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
