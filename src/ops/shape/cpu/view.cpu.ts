/**
 * cpu kernel of `view`: a zero-copy strided ndarray over the same buffer when the input is contiguous
 * (transpose, slice, step, flip and broadcast are only stride/offset arithmetic); a non-contiguous input
 * is copied to row-major order first.
 */
import ndarray from "ndarray";
import type { KernelFn } from "../../../core/backend";
import { cpuArray, cpuTensor, dense, isContiguous } from "../../../backends/cpu/cpu_storage";

export const viewCpu: KernelFn<"view"> = ([x], { shape, strides, offset }) => {
  const a = cpuArray(x);
  if (isContiguous(a)) {
    return [cpuTensor(ndarray(a.data, [...shape], [...strides], a.offset + offset), x.dtype)];
  }
  return [cpuTensor(ndarray(dense(x), [...shape], [...strides], offset), x.dtype)];
};
