/**
 * Host-built index tables of the conv kernels on the device, cached per runtime by a key naming the
 * geometry and path: a training loop or a benchmark calls the same layer shapes over and over, and the
 * tables (up to N·L entries for dL/dw) cost more to build in JS than the kernels take to run. At most
 * MAX_ENTRIES sets stay alive; the oldest is destroyed first.
 */
import { gpuRuntime } from "../../../backends/webgpu/gpu_tensor";
import type { Runtime } from "../../../backends/webgpu/runtime";
import { Usage } from "../../../backends/webgpu/buffer_pool";

const MAX_ENTRIES = 64;
const caches = new WeakMap<Runtime, Map<string, GPUBuffer[]>>();

function upload(r: Runtime, table: Int32Array | Uint32Array): GPUBuffer {
  const b = r.device.createBuffer({
    size: Math.max(16, table.byteLength),
    usage: Usage.STORAGE | Usage.COPY_DST,
    label: "conv table",
  });
  r.device.queue.writeBuffer(b, 0, table.buffer, table.byteOffset, table.byteLength);
  return b;
}

/** The device copies of `build()`'s tables for `key`, built and uploaded on first use. */
export function cachedTables(key: string, build: () => readonly (Int32Array | Uint32Array)[]): GPUBuffer[] {
  const r = gpuRuntime();
  let cache = caches.get(r);
  if (!cache) caches.set(r, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: Map order is the eviction order
    cache.set(key, hit);
    return hit;
  }
  if (cache.size >= MAX_ENTRIES) {
    const [oldest, bufs] = cache.entries().next().value as [string, GPUBuffer[]];
    cache.delete(oldest);
    // destroyed after the queue has finished with them (commands already recorded may still read them)
    void r.device.queue.onSubmittedWorkDone().then(() => bufs.forEach((b) => b.destroy()));
  }
  const bufs = build().map((t) => upload(r, t));
  cache.set(key, bufs);
  return bufs;
}
