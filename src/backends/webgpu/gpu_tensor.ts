/// <reference types="@webgpu/types" />
/**
 * WebGPU tensor storage: one pooled GPU buffer per tensor, contiguous row-major, float32 or int32
 * (4 bytes per element either way). float64 is stored as float32 (the tensor reports float32): the GPU
 * computes in f32, and the cpu backend remains the float64 reference.
 */
import type { DType } from "../../core/dtype";
import { opError } from "../../core/errors";
import { sizeOf } from "../../core/shape";
import { Tensor } from "../../core/tensor";
import type { Runtime } from "./runtime";
import type { Scalar } from "./shader";

/** The handle of a webgpu tensor. */
export class GpuHandle {
  constructor(readonly buffer: GPUBuffer) {}
}

let current: Runtime | null = null;

export function setRuntime(r: Runtime | null): void {
  current = r;
}

/** The live runtime; throws a clear error after shutdown or before start. */
export function gpuRuntime(): Runtime {
  if (!current) {
    throw opError("webgpu", `expected a started WebGPU backend, got none (call await cl.setBackend("webgpu"))`);
  }
  return current;
}

export function hasRuntime(): boolean {
  return current !== null;
}

/** The dtype a webgpu tensor actually stores. */
export function gpuDType(dtype: DType): "float32" | "int32" {
  return dtype === "int32" ? "int32" : "float32";
}

/** The WGSL element type of a tensor of this dtype. */
export function wgslType(dtype: DType): Scalar {
  return dtype === "int32" ? "i32" : "f32";
}

export function gpuBuffer(t: Tensor): GPUBuffer {
  const h = t.handle;
  if (t.backend !== "webgpu" || !(h instanceof GpuHandle)) {
    throw opError("webgpu", `expected a tensor on the webgpu backend, got one on ${t.backend}`);
  }
  return h.buffer;
}

/** A new, uninitialised tensor (a kernel fills it). */
export function gpuEmpty(shape: readonly number[], dtype: DType): Tensor {
  const d = gpuDType(dtype);
  const buffer = gpuRuntime().storage.acquire(sizeOf(shape) * 4);
  return Tensor.create("webgpu", new GpuHandle(buffer), shape, d);
}

/** A tensor sharing `t`'s buffer with another shape of the same size (reshape without a copy). */
export function gpuAlias(t: Tensor, shape: readonly number[]): Tensor {
  return new Tensor("webgpu", t.handle, shape, t.dtype);
}

/** A float tensor's values as a 32-bit pattern: what data-moving kernels store for constants. */
export function bitsOf(value: number, dtype: DType): number {
  const f = new Float32Array(1);
  const i = new Int32Array(f.buffer);
  if (dtype === "int32") i[0] = Math.trunc(value);
  else f[0] = value;
  return new Uint32Array(f.buffer)[0];
}
