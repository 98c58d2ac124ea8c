/** The cpu backend: plain TypeScript over scijs ndarrays; the readable reference for every kernel. */
import ndarray from "ndarray";
import type { Backend } from "../../core/backend";
import type { DType, TypedArray } from "../../core/dtype";
import { opError } from "../../core/errors";
import { Lease, leaseFor } from "../../core/lease";
import { disown, giveBack } from "../../core/recycle";
import type { Tensor } from "../../core/tensor";
import ops from "ndarray-ops";
import { isViolation, violationError } from "../../core/value_check";
import { cpuArray, cpuTensor, dense, denseCopy, isCpuArray } from "./cpu_storage";
import { cpuKernels } from "./cpu_kernels";

/** A copy of t's values for the program (never given back for reuse: the program holds it). */
function userCopy(t: Tensor): TypedArray {
  const values = denseCopy(t);
  disown(values.buffer);
  return values;
}

export const cpuBackend: Backend = {
  name: "cpu",
  kernels: cpuKernels,
  dtypes: ["float32", "float64", "int32"],
  maxTensorBytes: Infinity,
  fromHost(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
    disown(data.buffer); // the program's array: never reused, whoever disposes the tensor
    return cpuTensor(ndarray(data, [...shape]), dtype);
  },
  async read(t: Tensor): Promise<TypedArray> {
    return userCopy(t);
  },
  readSync(t: Tensor): TypedArray {
    return userCopy(t);
  },
  checkValues(check, t): void {
    const v = dense(t);
    for (let i = 0; i < v.length; i++) if (isViolation(v[i], check.range)) throw violationError(check, v[i], i);
  },
  write(dst: Tensor, src: Tensor): void {
    // through both tensors' strides: a parameter may be a view of a user's array (torch.from_numpy)
    if (dst.size > 0) ops.assign(cpuArray(dst), cpuArray(src));
  },
  leaseOf(handle: unknown): Lease {
    if (!isCpuArray(handle)) throw opError("cpu", "expected an ndarray handle, got something else");
    // one lease per ArrayBuffer: views, reshapes and subarrays count their memory once; nothing to free
    // explicitly (the collector frees the buffer once no tensor reaches it)
    const buffer = handle.data.buffer;
    return leaseFor(buffer, () => new Lease("cpu", buffer.byteLength, null, () => undefined));
  },
  recycle(handle: unknown): void {
    if (isCpuArray(handle)) giveBack(handle.data.buffer);
  },
};
