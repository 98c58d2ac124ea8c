/**
 * Turns whatever a display helper is given into a host array: a convlab Tensor (duck-typed through
 * `toNdarray`, so this file does not depend on the Tensor class), a scijs ndarray (any strides), nested
 * number arrays or a typed array. Values are copied row-major into a Float64Array.
 */

export interface HostArray {
  shape: number[];
  data: Float64Array;
  dtype: string;
  /** "cpu" | "webgpu" for a Tensor, "host" for plain arrays. */
  backend: string;
}

/** The part of scijs ndarray we read. */
export interface NdArrayLike {
  shape: number[];
  stride: number[];
  offset: number;
  data: ArrayLike<number>;
  dtype?: string;
}

export interface TensorLike {
  shape: number[];
  dtype: string;
  backend?: string;
  toNdarray(): Promise<NdArrayLike>;
}

export interface ComplexLike<T = unknown> {
  re: T;
  im: T;
}

type Nested = number | Nested[];
export type Displayable = TensorLike | NdArrayLike | ArrayLike<number> | Nested[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function isTensorLike(v: unknown): v is TensorLike {
  return isObject(v) && typeof v.toNdarray === "function" && Array.isArray(v.shape);
}

export function isNdArrayLike(v: unknown): v is NdArrayLike {
  return (
    isObject(v) && Array.isArray(v.shape) && Array.isArray(v.stride) && typeof v.offset === "number" && isObject(v.data)
  );
}

/** A Complex is `{re, im}` with two array-likes of the same shape. */
export function isComplexLike(v: unknown): v is ComplexLike<Displayable> {
  return (
    isObject(v) &&
    "re" in v &&
    "im" in v &&
    v.re !== undefined &&
    v.im !== undefined &&
    (isTensorLike(v.re) || isNdArrayLike(v.re) || Array.isArray(v.re))
  );
}

function fromNdarray(a: NdArrayLike, dtype: string, backend: string): HostArray {
  const shape = a.shape.slice();
  const size = shape.reduce((p, d) => p * d, 1);
  const out = new Float64Array(size);
  // Row-major contiguous (what Tensor.toNdarray returns): one straight copy.
  let contiguous = true;
  for (let k = shape.length - 1, step = 1; k >= 0; step *= shape[k], k--)
    if (shape[k] > 1 && a.stride[k] !== step) contiguous = false;
  if (contiguous) {
    for (let i = 0; i < size; i++) out[i] = a.data[a.offset + i];
    return { shape, data: out, dtype, backend };
  }
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < size; i++) {
    let off = a.offset;
    for (let k = 0; k < shape.length; k++) off += idx[k] * a.stride[k];
    out[i] = a.data[off];
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++idx[k] < shape[k]) break;
      idx[k] = 0;
    }
  }
  return { shape, data: out, dtype, backend };
}

function fromNested(v: Nested[], op: string): HostArray {
  const shape: number[] = [];
  for (let cur: Nested = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  const flat: number[] = [];
  const walk = (x: Nested, depth: number): void => {
    if (depth === shape.length) {
      if (typeof x !== "number") throw new Error(`${op}: expected numbers at depth ${depth}, got ${typeof x}`);
      flat.push(x);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth]) {
      throw new Error(
        `${op}: expected a ragged-free nested array of shape [${shape}], got a row of length ${Array.isArray(x) ? x.length : typeof x}`,
      );
    }
    for (const y of x) walk(y, depth + 1);
  };
  walk(v, 0);
  return { shape, data: Float64Array.from(flat), dtype: "float64", backend: "host" };
}

type NumberArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/** A typed array of numbers (not a DataView, not a BigInt array). */
function isNumberArray(x: unknown): x is NumberArray {
  return (
    ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array)
  );
}

/** Reads any displayable into host memory (awaits a device readback for a Tensor). */
export async function toHost(x: unknown, op = "show"): Promise<HostArray> {
  if (isTensorLike(x)) {
    const nd = await x.toNdarray();
    return fromNdarray(nd, x.dtype, x.backend ?? "cpu");
  }
  if (isNdArrayLike(x)) return fromNdarray(x, x.dtype ?? "float64", "host");
  if (isNumberArray(x)) {
    return {
      shape: [x.length],
      data: Float64Array.from(x),
      dtype: x.constructor.name.replace("Array", "").toLowerCase(),
      backend: "host",
    };
  }
  if (Array.isArray(x)) return fromNested(x as Nested[], op);
  if (typeof x === "number") return { shape: [], data: Float64Array.of(x), dtype: "float64", backend: "host" };
  throw new Error(
    `${op}: expected a Tensor, Complex, ndarray, typed array or nested number array, got ${x === null ? "null" : typeof x}`,
  );
}

export function finiteRange(data: ArrayLike<number>): { min: number; max: number; nonFinite: number } {
  let min = Infinity,
    max = -Infinity,
    nonFinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, max: 1, nonFinite };
  return { min, max, nonFinite };
}
