/**
 * The backend interface. A backend owns tensor storage (`handle`) and implements every primitive
 * kernel of `kernels.ts`. Op code never looks inside a handle; it only calls `runKernel`.
 */
import type { DType, TypedArray } from "./dtype";
import type { KernelAttrs, KernelInputs, KernelName, KernelOutputs } from "./kernels";
import type { Lease } from "./lease";
import type { ValueCheck } from "./value_check";
import type { Tensor } from "./tensor";

export type BackendName = "cpu" | "webgpu";

/** A kernel: its declared inputs (core/kernels.ts), living on the backend that runs it, → its declared outputs. */
export type KernelFn<K extends KernelName> = (inputs: KernelInputs<K>, attrs: KernelAttrs<K>) => KernelOutputs<K>;

/** Complete kernel table: a missing entry is a compile error. */
export type KernelTable = { readonly [K in KernelName]: KernelFn<K> };

export interface Backend {
  readonly name: BackendName;
  readonly kernels: KernelTable;
  /** dtypes this backend can store (the cpu backend: all; webgpu: float32, int32) */
  readonly dtypes: readonly DType[];
  /** a new tensor holding a copy of `data` (contiguous, row-major) */
  fromHost(data: TypedArray, shape: readonly number[], dtype: DType): Tensor;
  /** contiguous row-major copy of the tensor's values */
  read(t: Tensor): Promise<TypedArray>;
  /** synchronous read where the backend can (cpu); undefined elsewhere */
  readSync?(t: Tensor): TypedArray;
  /**
   * The lease on a handle's backing allocation: the same lease for every handle over the same memory
   * (cpu views share their ArrayBuffer's), releasing what the collector cannot free when the last
   * tensor over it goes.
   */
  leaseOf(handle: unknown): Lease;
  /** dispose() released the last tensor over this handle's memory: keep it for reuse (cpu: core/recycle.ts) */
  recycle?(handle: unknown): void;
  /** bytes one tensor may occupy (the cpu backend computes its own from the machine: core/alloc.ts) */
  readonly maxTensorBytes: number;
  /** checks t's values (core/value_check.ts): throws now on the cpu, at the next read on the GPU */
  checkValues(check: ValueCheck, t: Tensor): void;
  /** writes src's values into dst's memory (same shape and dtype, both on this backend), in queue order */
  write(dst: Tensor, src: Tensor): void;
}

const backends = new Map<BackendName, Backend>();

export function registerBackend(b: Backend): void {
  backends.set(b.name, b);
}

export function getBackendImpl(name: BackendName): Backend {
  const b = backends.get(name);
  if (!b) throw new Error(`convlab: backend "${name}" is not initialised (call await cl.setBackend("${name}") first)`);
  return b;
}

export function hasBackend(name: BackendName): boolean {
  return backends.has(name);
}

let current: BackendName = "cpu";

export function currentBackendName(): BackendName {
  return current;
}

export function setCurrentBackendName(name: BackendName): void {
  getBackendImpl(name);
  current = name;
}
