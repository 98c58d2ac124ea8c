/** The cpu backend: plain TypeScript over scijs ndarrays; the readable reference for every kernel. */
import ndarray from "ndarray";
import type { Backend } from "../../core/backend";
import { bytesPerElement, dtypeOfArray, type DType, type TypedArray } from "../../core/dtype";
import { sizeOf } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { cpuTensor, denseCopy, isCpuArray } from "./cpu_storage";
import { cpuKernels } from "./cpu_kernels";

export const cpuBackend: Backend = {
  name: "cpu",
  kernels: cpuKernels,
  dtypes: ["float32", "float64", "int32"],
  fromHost(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
    return cpuTensor(ndarray(data, [...shape]), dtype);
  },
  async read(t: Tensor): Promise<TypedArray> {
    return denseCopy(t);
  },
  readSync(t: Tensor): TypedArray {
    return denseCopy(t);
  },
  release(): void {
    // garbage-collected memory: nothing to free eagerly
  },
  byteSize(handle: unknown): number {
    return isCpuArray(handle) ? sizeOf(handle.shape) * bytesPerElement(dtypeOfArray(handle.data)) : 0;
  },
};
