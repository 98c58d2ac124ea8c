/**
 * The per-call arena in the shared wasm memory. Tensor storage stays in ordinary typed arrays (the
 * garbage collector frees them, cl.memory() counts them; docs/autograd-nn.md "Memory"), and a wasm kernel
 * call copies its inputs in and its output out. Why copies rather than tensors living in wasm memory: a
 * typed array over a WebAssembly.Memory is never freed by the collector, so tensors there would need an
 * allocator of their own with explicit leases; the copies cost little next to the kernels that use them
 * (measured on this machine, 2 vCPUs: Float32Array.set moves ~8-30 GB/s, so copying in x and w and out y
 * of the 8x64x56² conv — 13 MB — takes ~1 ms of its ~15-20 ms; of a LeNet batch step's convs, < 3 %).
 * Elementwise ops, where a copy would cost as much as the op, keep their TypeScript loops.
 *
 * Kernels run synchronously and never re-enter, so one bump arena reset per call serves every call; the
 * memory grows when a call needs more (and never shrinks: WebAssembly memories cannot).
 */
import type { WasmRuntime } from "./wasm_module";
import { markOwned, takeRecycled } from "../../../core/recycle";

/** n rounded up to a multiple of m (a GEMM panel's rows or columns). */
export const up = (n: number, m: number): number => Math.ceil(n / m) * m;

/** The first 64 KiB are left to the module (it has no data segments today). */
const BASE = 1 << 16;

export class Arena {
  private top = BASE;
  constructor(private readonly rt: WasmRuntime) {}

  reset(): void {
    this.top = BASE;
  }

  /** `bytes` bytes, 64-byte aligned (a cache line: panels never straddle one needlessly). */
  alloc(bytes: number): number {
    const at = (this.top + 63) & ~63;
    const end = at + Math.max(bytes, 0);
    const have = this.rt.memory.buffer.byteLength;
    if (end > have) this.rt.memory.grow(Math.ceil((end - have) / 65536));
    this.top = end;
    return at;
  }

  f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.rt.memory.buffer, ptr, n);
  }

  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.rt.memory.buffer, ptr, n);
  }

  /** Copies values into a fresh block; returns its pointer. */
  putF32(values: ArrayLike<number> & { length: number }, src?: Float32Array): number {
    const p = this.alloc(4 * values.length);
    this.f32(p, values.length).set(src ?? values);
    return p;
  }

  putI32(values: ArrayLike<number>): number {
    const p = this.alloc(4 * values.length);
    this.i32(p, values.length).set(values);
    return p;
  }

  /**
   * n values read from ptr into ordinary (not shared) memory: a buffer that dispose() gave back if there
   * is one of this size (core/recycle.ts), else a new one by slice() — not `new Float32Array(n).set(view)`:
   * measured here 0.05 ms against 2 ms for 600 KB (writing into a freshly constructed, zero-initialised
   * typed array is ~40x slower on this VM than slice()'s allocate-and-copy).
   */
  takeF32(ptr: number, n: number): Float32Array {
    return take(this.f32(ptr, n), (buf) => new Float32Array(buf));
  }

  takeI32(ptr: number, n: number): Int32Array {
    return take(this.i32(ptr, n), (buf) => new Int32Array(buf));
  }
}

/** A copy of `view` in ordinary memory (see takeF32); its buffer may be given back by dispose(). */
function take<T extends Float32Array | Int32Array>(view: T, over: (buffer: ArrayBuffer) => T): T {
  const old = takeRecycled(view.byteLength);
  if (old) {
    const out = over(old);
    out.set(view);
    return out;
  }
  const fresh = view.slice() as T;
  markOwned(fresh.buffer as ArrayBuffer);
  return fresh;
}

let arena: Arena | null = null;

/** The arena, reset for a new kernel call. */
export function freshArena(rt: WasmRuntime): Arena {
  arena ??= new Arena(rt);
  arena.reset();
  return arena;
}
