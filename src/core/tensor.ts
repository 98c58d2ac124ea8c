/**
 * Tensor: an n-d array that lives on a backend (cpu: a scijs ndarray, possibly a strided view;
 * webgpu: a GPU buffer). Ops are synchronous to call and enqueue work; reading values is async
 * (`await t.toNdarray()`), because WebGPU readback is.
 *
 * Memory (see core/lease.ts): every tensor holds a lease on its backing allocation, shared with the views
 * over it. `dispose()` gives it back at once; a tensor the program simply drops is reclaimed by the garbage
 * collector, whose finalizer returns the lease. The library disposes what only it can see (autograd's
 * saved tensors once backward() used them, the internals of library modules and losses, optimizer state,
 * gradients nobody read): a plain training loop stays flat without tidy() or dispose().
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";
import type { BackendName } from "./backend";
import { getBackendImpl } from "./backend";
import type { DType, TypedArray } from "./dtype";
import { opError } from "./errors";
import type { Lease } from "./lease";
import { trackTensor, yieldIfBusy } from "./memory";
import { sizeOf } from "./shape";
import type { GradNode } from "./grad_node";
import { trackInScope } from "./scope";

/** Nested JS arrays of numbers, any depth (what `toArray()` returns and `cl.tensor` accepts). */
export type NestedArray = number | NestedArray[];

// The held value is the lease, never the tensor's data: see core/lease.ts for why.
const finalizer = new FinalizationRegistry<Lease>((lease) => {
  trackTensor(lease.backend, -1, "collected");
  lease.releaseRef();
});
let nextId = 1;

export class Tensor {
  readonly id = nextId++;
  readonly shape: number[];
  /** the backing allocation's lease (shared with every view over it) */
  readonly lease: Lease;
  /** the autograd node that produced this tensor (null for leaves and untracked results) */
  node: GradNode | null = null;
  /** which output of `node` this tensor is */
  outputIndex = 0;
  /** @internal how many live autograd nodes record this tensor (it is saved for a backward pass) */
  graphRefs = 0;
  /** @internal created inside a library op or module and never returned: disposed once no node needs it */
  internal = false;
  /** @internal seen by code outside the library (a gradient read through `.grad`): never auto-disposed */
  exposed = false;
  /** @internal the accumulated gradient; `.grad` is the public view of it */
  _grad: Tensor | null = null;
  private _handle: unknown;
  private _requiresGrad = false;
  private _disposed = false;

  constructor(
    readonly backend: BackendName,
    handle: unknown,
    shape: readonly number[],
    readonly dtype: DType,
  ) {
    this.shape = [...shape];
    this._handle = handle;
    this.lease = getBackendImpl(backend).leaseOf(handle);
    this.lease.retain();
    trackTensor(backend, 1);
    finalizer.register(this, this.lease, this);
    trackInScope(this);
  }

  /** A tensor over a new backend handle. */
  static create(backend: BackendName, handle: unknown, shape: readonly number[], dtype: DType): Tensor {
    return new Tensor(backend, handle, shape, dtype);
  }

  get handle(): unknown {
    if (this._disposed) throw opError("tensor", `expected a live tensor, got tensor #${this.id} after dispose()`);
    return this._handle;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  get rank(): number {
    return this.shape.length;
  }
  get isDisposed(): boolean {
    return this._disposed;
  }

  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(v: boolean) {
    if (v && this.dtype === "int32") throw opError("requiresGrad", "expected a float tensor, got int32");
    this._requiresGrad = v;
  }
  /** true when gradients can flow through this tensor */
  get tracked(): boolean {
    return this._requiresGrad || this.node !== null;
  }

  /**
   * The gradient accumulated by `backward()` (PyTorch's `.grad`). A gradient read here is yours: the
   * optimizer's zeroGrad() then drops it without disposing it; one nobody read is disposed at once.
   */
  get grad(): Tensor | null {
    if (this._grad) this._grad.exposed = true;
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g) g.exposed = true;
    this._grad = g;
  }

  /** A new tensor sharing this one's storage, cut from the autograd graph. */
  detach(): Tensor {
    return new Tensor(this.backend, this.handle, this.shape, this.dtype);
  }

  /** Frees the storage now (when no other tensor shares it). Safe to call twice. */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    finalizer.unregister(this);
    trackTensor(this.backend, -1, "disposed");
    // the last tensor over its memory, disposed (not collected: nothing else can still read it)
    if (this.lease.releaseRef() && this._handle !== null) getBackendImpl(this.backend).recycle?.(this._handle);
    this._handle = null;
    this.node = null;
    this._grad = null;
  }

  /** Contiguous typed array of the values (async: GPU readback). */
  async data(): Promise<TypedArray> {
    const b = getBackendImpl(this.backend);
    void this.handle;
    const values = await b.read(this);
    const turn = yieldIfBusy();
    if (turn) await turn;
    return values;
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
    if (!Number.isInteger(digits) || digits < 0 || digits > 15)
      throw opError("toArray", `expected digits as an integer in 0..15, got ${digits}`);
    return nest(
      Array.from(data, (v) => Number(v.toFixed(digits)) + 0),
      this.shape,
    ); // + 0: no "-0"
  }

  /** Synchronous read, cpu backend only. */
  dataSync(): TypedArray {
    const b = getBackendImpl(this.backend);
    void this.handle;
    if (!b.readSync) {
      throw opError(
        "dataSync",
        `expected a tensor on the cpu backend, got one on ${this.backend}: use await t.toNdarray()`,
      );
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
