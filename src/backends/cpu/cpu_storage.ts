/**
 * cpu tensors hold a scijs ndarray over a Float32Array / Float64Array / Int32Array. It may be a strided view
 * (transposed, sliced, step(-1)) of a user's array: kernels read it with its strides, or call `dense()`
 * which copies only when the view is not already contiguous.
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";
import ops from "ndarray-ops";
import { allocArray, type DType, type TypedArray } from "../../core/dtype";
import { opError } from "../../core/errors";
import { contiguousStrides, sizeOf } from "../../core/shape";
import { Tensor } from "../../core/tensor";

export type CpuArray = NdArray<TypedArray>;

export function isCpuArray(h: unknown): h is CpuArray {
  return typeof h === "object" && h !== null && "data" in h && "stride" in h && "offset" in h;
}

/** The ndarray behind a cpu tensor. */
export function cpuArray(t: Tensor): CpuArray {
  const h = t.handle;
  if (t.backend !== "cpu" || !isCpuArray(h)) {
    throw opError("cpu", `expected a tensor on the cpu backend, got one on ${t.backend}`);
  }
  return h;
}

export function cpuTensor(arr: CpuArray, dtype: DType): Tensor {
  return Tensor.create("cpu", arr, arr.shape, dtype);
}

/** A new contiguous cpu tensor over `data` (which it takes ownership of). */
export function cpuFromData(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  return cpuTensor(ndarray(data, [...shape]), dtype);
}

export function isContiguous(a: CpuArray): boolean {
  const cs = contiguousStrides(a.shape);
  return a.shape.every((d, i) => d === 1 || a.stride[i] === cs[i]);
}

/**
 * Row-major values of a cpu tensor as a typed array of length size. Returns the underlying buffer
 * itself when already contiguous (do not write to it), otherwise a copy.
 */
export function dense(t: Tensor): TypedArray {
  const a = cpuArray(t);
  const n = sizeOf(a.shape);
  if (isContiguous(a)) {
    if (a.offset === 0 && a.data.length === n) return a.data;
    return a.data.subarray(a.offset, a.offset + n);
  }
  const out = allocArray(t.dtype, n);
  if (n > 0) ops.assign(ndarray(out, a.shape), a);
  return out;
}

/** Like dense() but always a fresh copy the caller may write to. */
export function denseCopy(t: Tensor): TypedArray {
  const d = dense(t);
  return d.buffer === cpuArray(t).data.buffer ? d.slice() : d;
}

/** A typed array of `dtype` with the same values (no copy when dtypes match). */
export function convertArray(src: TypedArray, dtype: DType): TypedArray {
  const out = allocArray(dtype, src.length);
  if (dtype === "int32") for (let i = 0; i < src.length; i++) out[i] = Math.trunc(src[i]);
  else out.set(src);
  return out;
}
