/**
 * Live-tensor accounting per backend, reported by `cl.memory()`.
 *
 * `tensors` counts Tensor objects that are neither disposed nor reclaimed; `bytes` the distinct backing
 * allocations they hold (a view, a reshape or a detach() shares its base's bytes). JavaScript cannot tell
 * synchronously whether an object is still reachable: a tensor the program dropped is counted until the
 * garbage collector has found it and its finalizer has run. `await cl.collect()` makes that happen now.
 */
import type { BackendName } from "./backend";
import { dropRecycled } from "./recycle";

export interface MemoryInfo {
  /** live tensors per backend (not disposed, not yet reclaimed by the garbage collector) */
  tensors: Record<BackendName, number>;
  /** bytes of the distinct allocations those tensors hold, per backend */
  bytes: Record<BackendName, number>;
  /** since the start: tensors released by dispose() (by you, tidy(), or the library's own bookkeeping) */
  disposed: number;
  /** since the start: tensors the garbage collector reclaimed after the program dropped them */
  collected: number;
}

const live = { tensors: { cpu: 0, webgpu: 0 }, bytes: { cpu: 0, webgpu: 0 } };
let disposed = 0,
  collected = 0;

/** tensors created since the event loop last had a turn (see `yieldIfBusy`) */
let createdSinceTurn = 0;

export function trackTensor(backend: BackendName, delta: 1 | -1, how?: "disposed" | "collected"): void {
  live.tensors[backend] += delta;
  if (delta > 0) createdSinceTurn++;
  if (how === "disposed") disposed++;
  else if (how === "collected") collected++;
}

export function trackBytes(backend: BackendName, delta: number): void {
  live.bytes[backend] += delta;
}

export function memory(): MemoryInfo {
  return { tensors: { ...live.tensors }, bytes: { ...live.bytes }, disposed, collected };
}

/** What `collect()` reports: memory() after a collection, and how many tensors that collection reclaimed. */
export interface CollectInfo extends MemoryInfo {
  /** tensors that were unreachable but still counted before this call */
  reclaimed: number;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every read (`await t.data()` and what builds on it) calls this: after many tensors were created without
 * the event loop turning — a training loop whose cpu reads resolve at once never yields — it gives one
 * turn, so that the finalizers of the tensors the collector has found run and `memory()` stays true.
 * The memory itself never waits for this: cpu arrays are freed by the collector directly.
 */
export function yieldIfBusy(): Promise<void> | null {
  if (createdSinceTurn < 1024) return null;
  createdSinceTurn = 0;
  return turn();
}

/**
 * Runs the garbage collector where the runtime exposes it (the convlab kernel starts Node with
 * --expose-gc; plain `node` needs the flag) and gives the finalizers a turn, so that memory() afterwards
 * counts exactly the tensors the program still holds. Without an exposed collector it only gives the
 * finalizers of already-collected tensors their turn.
 */
export async function collect(): Promise<CollectInfo> {
  const before = collected;
  dropRecycled(); // buffers held for reuse go to the collector too
  const gc: unknown = Reflect.get(globalThis, "gc");
  for (let i = 0; i < 2; i++) {
    if (typeof gc === "function") gc();
    await turn();
    await turn();
  }
  return { ...memory(), reclaimed: collected - before };
}
