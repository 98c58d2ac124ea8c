/** Live-tensor accounting per backend, reported by `cl.memory()`. */
import type { BackendName } from "./backend";

export interface MemoryInfo {
  /** live (not disposed, not yet garbage-collected) tensors per backend */
  tensors: Record<BackendName, number>;
  /** bytes held by those tensors per backend */
  bytes: Record<BackendName, number>;
}

const counts: MemoryInfo = { tensors: { cpu: 0, webgpu: 0 }, bytes: { cpu: 0, webgpu: 0 } };

export function trackAlloc(backend: BackendName, bytes: number): void {
  counts.tensors[backend]++;
  counts.bytes[backend] += bytes;
}

export function trackFree(backend: BackendName, bytes: number): void {
  counts.tensors[backend]--;
  counts.bytes[backend] -= bytes;
}

export function memory(): MemoryInfo {
  return { tensors: { ...counts.tensors }, bytes: { ...counts.bytes } };
}
