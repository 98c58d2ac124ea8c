/**
 * Tensor: an n-d array that lives on a backend (cpu: a scijs ndarray, possibly a strided view;
 * webgpu: a GPU buffer). Ops are synchronous to call and enqueue work; reading values is async
 * (`await t.toNdarray()`), because WebGPU readback is. Storage is reference counted so that views,
 * detached copies and autograd leaves can share it; `dispose()` and a FinalizationRegistry free it.
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";
import type { BackendName } from "./backend";
import { getBackendImpl } from "./backend";
import type { DType, TypedArray } from "./dtype";
import { bytesPerElement } from "./dtype";
import { opError } from "./errors";
import { trackAlloc, trackFree } from "./memory";
import { sizeOf } from "./shape";
import type { AnyGradNode } from "./grad_node";
import { trackInScope } from "./scope";

/** Nested JS arrays of numbers, any depth (what `toArray()` returns and `cl.tensor` accepts). */
export type NestedArray = number | NestedArray[];

/** Backend storage shared by every tensor that views it. */
export class Storage {
  refs = 0;
  released = false;
  constructor(readonly backend: BackendName, readonly handle: unknown, readonly bytes: number) {}
  retain(): void {
    if (this.refs++ === 0) trackAlloc(this.backend, this.bytes);
  }
  releaseRef(): void {
    if (this.released || --this.refs > 0) return;
    this.released = true;
    trackFree(this.backend, this.bytes);
    getBackendImpl(this.backend).release(this.handle);
  }
}

const finalizer = new FinalizationRegistry<Storage>((s) => s.releaseRef());
let nextId = 1;

export class Tensor {
  readonly id = nextId++;
  readonly shape: number[];
  /** the autograd node that produced this tensor (null for leaves and untracked results) */
  node: AnyGradNode | null = null;
  /** which output of `node` this tensor is */
  outputIndex = 0;
  /** accumulated gradient, filled by `backward()` on leaves with requiresGrad */
  grad: Tensor | null = null;
  private _requiresGrad = false;
  private _disposed = false;

  constructor(
    readonly backend: BackendName,
    readonly storage: Storage,
    shape: readonly number[],
    readonly dtype: DType,
  ) {
    this.shape = [...shape];
    storage.retain();
    finalizer.register(this, storage, this);
    trackInScope(this);
  }

  /** A tensor over new storage. */
  static create(backend: BackendName, handle: unknown, shape: readonly number[], dtype: DType): Tensor {
    const bytes = sizeOf(shape) * bytesPerElement(dtype);
    return new Tensor(backend, new Storage(backend, handle, bytes), shape, dtype);
  }

  get handle(): unknown {
    if (this._disposed) throw opError("tensor", `expected a live tensor, got tensor #${this.id} after dispose()`);
    return this.storage.handle;
  }
  get size(): number { return sizeOf(this.shape); }
  get rank(): number { return this.shape.length; }
  get isDisposed(): boolean { return this._disposed; }

  get requiresGrad(): boolean { return this._requiresGrad; }
  set requiresGrad(v: boolean) {
    if (v && this.dtype === "int32") throw opError("requiresGrad", "expected a float tensor, got int32");
    this._requiresGrad = v;
  }
  /** true when gradients can flow through this tensor */
  get tracked(): boolean { return this._requiresGrad || this.node !== null; }

  /** A new tensor sharing this one's storage, cut from the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.backend, this.storage, this.shape, this.dtype);
  }

  /** Frees the storage now (when no other tensor shares it). Safe to call twice. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    finalizer.unregister(this);
    this.storage.releaseRef();
    this.node = null;
    this.grad = null;
  }

  /** Contiguous typed array of the values (async: GPU readback). */
  async data(): Promise<TypedArray> {
    const b = getBackendImpl(this.backend);
    void this.handle;
    return b.read(this);
  }

  /** The values as a fresh, contiguous scijs ndarray. */
  async toNdarray(): Promise<NdArray<TypedArray>> {
    return ndarray(await this.data(), [...this.shape]);
  }

  /**
   * The values as nested JS arrays (a plain number for a 0-d tensor). `{digits}` rounds them to that many
   * decimals, for printing: a float32 read as a JS number carries digits nobody wants to read (0.1 prints as
   * 0.10000000149011612), and rounding a Float32Array in place would only round back to float32.
   */
  async toArray(opts: { digits?: number } = {}): Promise<NestedArray> {
    const data = await this.data();
    const digits = opts.digits;
    if (digits === undefined) return nest(data, this.shape);
    if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw opError("toArray", `expected digits as an integer in 0..15, got ${digits}`);
    return nest(Array.from(data, (v) => Number(v.toFixed(digits)) + 0), this.shape);   // + 0: no "-0"
  }

  /** Synchronous read, cpu backend only. */
  dataSync(): TypedArray {
    const b = getBackendImpl(this.backend);
    void this.handle;
    if (!b.readSync) {
      throw opError("dataSync", `expected a tensor on the cpu backend, got one on ${this.backend}: use await t.toNdarray()`);
    }
    return b.readSync(this);
  }

  toNdarraySync(): NdArray<TypedArray> {
    return ndarray(this.dataSync(), [...this.shape]);
  }

  /** The single value of a one-element tensor. */
  async item(): Promise<number> {
    if (this.size !== 1) throw opError("item", `expected a tensor with one element, got shape [${this.shape}]`);
    return (await this.data())[0];
  }

  /** A copy of this tensor on another backend (async: leaving the GPU needs a readback). */
  async to(backend: BackendName): Promise<Tensor> {
    if (backend === this.backend) return this;
    return getBackendImpl(backend).fromHost(await this.data(), this.shape, this.dtype);
  }

  toString(): string {
    return `Tensor(shape=[${this.shape.join(",")}], dtype=${this.dtype}, backend=${this.backend})`;
  }
}

export function nest(flat: ArrayLike<number>, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return flat[0];
  const build = (offset: number, dim: number): NestedArray[] => {
    const n = shape[dim];
    const out: NestedArray[] = new Array(n);
    if (dim === shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = flat[offset + i];
      return out;
    }
    const step = sizeOf(shape.slice(dim + 1));
    for (let i = 0; i < n; i++) out[i] = build(offset + i * step, dim + 1);
    return out;
  };
  return build(0, 0);
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
