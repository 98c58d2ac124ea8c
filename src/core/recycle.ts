/**
 * Host buffers that dispose() gave back, handed out again by the next allocation of the same size.
 *
 * Why: a page the process has not touched yet costs ~15 µs to fault in on the 2-vCPU VMs this course runs
 * on (measured), and a dropped buffer is neither freed before the collector's next run nor kept by malloc
 * once freed (large blocks go back to the system). So a loop that makes and disposes a 512 KB result
 * faulted in 128 fresh pages per call: 2 ms for a 2^16-point FFT whose transform takes 0.3 ms. With the
 * buffer recycled, the loop touches the same pages every call.
 *
 * What is recycled: only buffers of at least MIN_BYTES that this library allocated (allocArray, the wasm
 * kernels' outputs), and only when dispose() released the last tensor over them — a user's array wrapped
 * by cl.tensor(array) is never reused, nor is a buffer whose tensors the collector reclaimed (something
 * may still read it). At most CAP_BYTES are held; the oldest go first. A reused buffer is zero-filled
 * unless its caller overwrites every value.
 */

/** Smaller blocks come from malloc's free lists without new pages. */
export const MIN_BYTES = 1 << 16;
/** Held at most, over all sizes. */
export const CAP_BYTES = 1 << 26;

const owned = new WeakSet<ArrayBuffer>();
/** free buffers by byte length, and all of them oldest first (for eviction) */
const bySize = new Map<number, ArrayBuffer[]>();
const order: ArrayBuffer[] = [];
let heldBytes = 0;

/** Buffers handed out again so far (cl.backendInfo().cpu). */
export const recycleStats = { reused: 0 };

/** Marks a buffer this library allocated as one dispose() may give back. */
export function markOwned(buffer: ArrayBuffer): void {
  if (buffer.byteLength >= MIN_BYTES) owned.add(buffer);
}

/** A given-back buffer of exactly `bytes` bytes (old contents; owned again), or null. */
export function takeRecycled(bytes: number): ArrayBuffer | null {
  const list = bySize.get(bytes);
  const buf = list?.pop();
  if (!buf) return null;
  order.splice(order.lastIndexOf(buf), 1);
  heldBytes -= bytes;
  recycleStats.reused++;
  owned.add(buf);
  return buf;
}

/** A zero-filled buffer of `bytes` bytes: a given-back one if there is one, else a new one (owned). */
export function newBuffer(bytes: number): ArrayBuffer {
  const old = takeRecycled(bytes);
  if (old) {
    new Uint8Array(old).fill(0);
    return old;
  }
  const buf = new ArrayBuffer(bytes);
  markOwned(buf);
  return buf;
}

/** A buffer handed to the program (dataSync(), cl.tensor(array)): never given back, whoever disposes. */
export function disown(buffer: ArrayBufferLike): void {
  if (buffer instanceof ArrayBuffer) owned.delete(buffer);
}

/** dispose() released the last tensor over `buffer`: keep it for reuse if the library owns it. */
export function giveBack(buffer: ArrayBufferLike): void {
  const bytes = buffer.byteLength;
  if (!(buffer instanceof ArrayBuffer) || !owned.has(buffer) || bytes > CAP_BYTES) return;
  owned.delete(buffer); // held here, not owned: a second give-back of the same buffer is ignored
  while (heldBytes + bytes > CAP_BYTES) {
    const oldest = order.shift()!;
    const list = bySize.get(oldest.byteLength)!;
    list.splice(list.indexOf(oldest), 1);
    heldBytes -= oldest.byteLength;
  }
  let list = bySize.get(bytes);
  if (!list) bySize.set(bytes, (list = []));
  list.push(buffer);
  order.push(buffer);
  heldBytes += bytes;
}

/** Bytes held for reuse now. */
export function recycledBytes(): number {
  return heldBytes;
}

/** Lets the collector have every held buffer (cl.collect(), cl.shutdown()). */
export function dropRecycled(): void {
  bySize.clear();
  order.length = 0;
  heldBytes = 0;
}
