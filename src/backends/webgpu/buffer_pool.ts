/// <reference types="@webgpu/types" />
/**
 * Pooled GPU buffers, reused by size class. A released buffer is not reusable at once: commands that read
 * it may still sit in the unsubmitted encoder, while `queue.writeBuffer` of a new owner would run before
 * them. So releases wait in `pending` until the next submit (`recycle()`), after which queue order makes
 * reuse safe.
 */
import { opError } from "../../core/errors";

/** WebGPU usage flags (spec values; spares us installing Dawn's globals on globalThis) */
export const Usage = { MAP_READ: 1, COPY_SRC: 4, COPY_DST: 8, UNIFORM: 64, STORAGE: 128 } as const;
export const MAP_READ_MODE = 1;

/** Size classes: 4 per octave above 256 bytes, so at most 25 % is wasted. */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return 256;
  const step = 2 ** (Math.floor(Math.log2(bytes)) - 2);
  return Math.ceil(bytes / step) * step;
}

/** Keep at most this many idle bytes per pool; beyond it released buffers are destroyed. */
const MAX_IDLE_BYTES = 512 * 1024 * 1024;

export class BufferPool {
  private free = new Map<number, GPUBuffer[]>();
  private pending: GPUBuffer[] = [];
  private idleBytes = 0;
  /** bytes of all buffers this pool created and still holds (in use or idle) */
  allocatedBytes = 0;

  constructor(
    private readonly device: GPUDevice,
    private readonly usage: number,
    private readonly label: string,
    private readonly maxBytes: number,
  ) {}

  acquire(bytes: number): GPUBuffer {
    const size = sizeClass(bytes);
    if (size > this.maxBytes) {
      throw opError(
        "webgpu",
        `expected a buffer of at most ${this.maxBytes} bytes (the device's ` +
          `maxStorageBufferBindingSize), got a request for ${bytes} bytes: split the tensor or use the cpu backend`,
      );
    }
    const list = this.free.get(size);
    const b = list?.pop();
    if (b) {
      this.idleBytes -= size;
      return b;
    }
    this.allocatedBytes += size;
    return this.device.createBuffer({ size, usage: this.usage, label: `${this.label}:${size}` });
  }

  /** Returns a buffer; it becomes reusable after the next submit. */
  release(b: GPUBuffer): void {
    this.pending.push(b);
  }

  /** Called after each submit: pending buffers become reusable. */
  recycle(): void {
    for (const b of this.pending) this.releaseNow(b);
    this.pending = [];
  }

  /** For buffers no queued command can touch (e.g. staging buffers after their map completed). */
  releaseNow(b: GPUBuffer): void {
    if (this.idleBytes + b.size > MAX_IDLE_BYTES) {
      this.allocatedBytes -= b.size;
      b.destroy();
      return;
    }
    const list = this.free.get(b.size) ?? [];
    list.push(b);
    this.free.set(b.size, list);
    this.idleBytes += b.size;
  }

  /** Destroys idle buffers (tests, `cl.shutdown()`). */
  trim(): void {
    for (const list of this.free.values())
      for (const b of list) {
        this.allocatedBytes -= b.size;
        b.destroy();
      }
    this.free.clear();
    this.idleBytes = 0;
  }
}
