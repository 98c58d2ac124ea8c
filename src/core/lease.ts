/**
 * Leases: the accounting of one backing allocation (a cpu ArrayBuffer, a GPU buffer), shared by every
 * tensor over it, and the release of what the garbage collector cannot free by itself (GPU buffers).
 *
 * Why a lease apart from the tensor: a FinalizationRegistry keeps each held value alive until its cleanup
 * callback has run, and that callback needs a macrotask turn, which a training loop that only awaits
 * resolved promises never gives. So what the registry holds must not reach cpu memory: a lease holds
 * numbers and, for GPU tensors only, the GPU handle (whose memory is not the JS heap's anyway). A cpu
 * typed array is then freed by the collector as soon as no tensor reaches it.
 */
import type { BackendName } from "./backend";
import { trackBytes } from "./memory";

export class Lease {
  /** live tensors over this allocation */
  refs = 0;
  released = false;
  constructor(
    readonly backend: BackendName,
    readonly bytes: number,
    /** what must be released explicitly (a GPU buffer handle), or null where the collector frees it */
    readonly external: unknown,
    private readonly free: (external: unknown) => void,
  ) {}

  retain(): void {
    if (this.refs++ === 0) trackBytes(this.backend, this.bytes);
  }

  /** Drops one tensor's reference; true when that was the last one (the allocation is released now). */
  releaseRef(): boolean {
    if (this.released || --this.refs > 0) return false;
    this.released = true;
    trackBytes(this.backend, -this.bytes);
    if (this.external !== null) this.free(this.external);
    return true;
  }
}

/** One lease per backing allocation, found by its key object (held weakly: the key stays collectable). */
const leases = new WeakMap<object, Lease>();

export function leaseFor(key: object, make: () => Lease): Lease {
  let l = leases.get(key);
  if (l === undefined || l.released) leases.set(key, (l = make()));
  return l;
}
