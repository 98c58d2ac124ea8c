/**
 * The webgpu backend: tensors in pooled GPU buffers, kernels as WGSL compute on Dawn. Loaded lazily by
 * `src/backends/select.ts` (`createWebgpuBackend()`); `shutdown()` destroys the device and lets node exit.
 */
import type { Backend } from "../../core/backend";
import type { DType, TypedArray } from "../../core/dtype";
import { opError } from "../../core/errors";
import { sizeOf } from "../../core/shape";
import { Lease, leaseFor } from "../../core/lease";
import { Tensor } from "../../core/tensor";
import { closeDevice, openDevice, type AdapterSummary } from "./device";
import { GpuHandle, gpuBuffer, gpuDType, hasRuntime, gpuRuntime, setRuntime } from "./gpu_tensor";
import { checkWgsl } from "./pipelines";
import { Runtime } from "./runtime";
import { webgpuKernels } from "./webgpu_kernels";

function fromHost(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  const n = sizeOf(shape);
  if (data.length !== n) throw opError("webgpu", `expected ${n} values for shape [${shape}], got ${data.length}`);
  const d = gpuDType(dtype);
  // float64 is stored as float32 (the GPU computes in f32); int32 and float32 upload as they are
  const src =
    d === "int32"
      ? data instanceof Int32Array
        ? data
        : Int32Array.from(data, Math.trunc)
      : data instanceof Float32Array
        ? data
        : Float32Array.from(data);
  return Tensor.create("webgpu", new GpuHandle(gpuRuntime().upload(src)), shape, d);
}

async function read(t: Tensor): Promise<TypedArray> {
  const bytes = await gpuRuntime().readBytes(gpuBuffer(t), t.size * 4);
  return t.dtype === "int32" ? new Int32Array(bytes) : new Float32Array(bytes);
}

/** Returns a dead tensor's buffer to the pool (after shutdown() the device and its buffers are gone). */
function releaseBuffer(handle: unknown): void {
  if (handle instanceof GpuHandle && hasRuntime()) gpuRuntime().storage.release(handle.buffer);
}

export const webgpuBackend: Backend = {
  name: "webgpu",
  kernels: webgpuKernels(),
  dtypes: ["float32", "int32"],
  get maxTensorBytes(): number {
    return hasRuntime() ? gpuRuntime().dev.limits.maxStorageBufferBindingSize : Infinity;
  },
  fromHost,
  read,
  checkValues(check, t): void {
    gpuRuntime().checks.check(check, t);
  },
  write(dst: Tensor, src: Tensor): void {
    gpuRuntime().copy(gpuBuffer(src), 0, gpuBuffer(dst), 0, dst.size * 4);
  },
  leaseOf(handle: unknown): Lease {
    if (!(handle instanceof GpuHandle)) throw opError("webgpu", "expected a GPU buffer handle, got something else");
    return leaseFor(handle, () => new Lease("webgpu", handle.buffer.size, handle, releaseBuffer));
  },
};

export interface WebgpuStartOptions {
  /** called once when the device is lost (driver reset, out of memory, destroyed by someone else) */
  onLost?: (reason: string) => void;
}

/** Starts Dawn and the runtime; returns the backend and the adapter summary, or why WebGPU is unavailable. */
export async function createWebgpuBackend(
  opts: WebgpuStartOptions = {},
): Promise<{ backend: Backend; adapter: AdapterSummary & Record<string, unknown> } | { reason: string }> {
  if (hasRuntime()) return { backend: webgpuBackend, adapter: { ...gpuRuntime().dev.summary } };
  let runtime: Runtime | null = null;
  const dev = await openDevice(
    (reason) => {
      if (runtime) runtime.lostReason = reason;
      setRuntime(null);
      opts.onLost?.(reason);
    },
    (message) => runtime?.recordError(message),
  );
  if ("reason" in dev) return dev;
  runtime = new Runtime(dev);
  setRuntime(runtime);
  process.once("beforeExit", shutdown);
  return { backend: webgpuBackend, adapter: { ...dev.summary } };
}

/** Waits for every submitted kernel (benchmarks time GPU work with it). */
export async function syncWebgpu(): Promise<void> {
  if (hasRuntime()) await gpuRuntime().sync();
}

/** Destroys the device and drops Dawn so the process can exit; webgpu tensors become unusable. */
export function shutdown(): void {
  if (hasRuntime()) {
    const r = gpuRuntime();
    r.flush();
    r.storage.trim();
    r.staging.trim();
  }
  setRuntime(null);
  closeDevice();
}

/** Compiles WGSL on the live device; returns its error messages (tests validate every generated shader). */
export async function validateWgsl(code: string): Promise<string[]> {
  return checkWgsl(gpuRuntime().device, code);
}

/** The WGSL source of every pipeline compiled so far. */
export function compiledPrograms(): string[] {
  return gpuRuntime().pipelines.programs();
}

/** Counters for tests and benchmarks. */
export function webgpuStats(): { submits: number; dispatches: number; pipelines: number; pooledBytes: number } {
  const r = gpuRuntime();
  return {
    submits: r.submits,
    dispatches: r.dispatches,
    pipelines: r.pipelines.size,
    pooledBytes: r.storage.allocatedBytes,
  };
}
