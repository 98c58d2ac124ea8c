/**
 * What every op accepts where it takes a tensor: a Tensor, a scijs ndarray (any strides/offset), nested
 * number arrays, or a number. An ndarray over a Float32Array/Float64Array of the requested dtype is used
 * without copying on the cpu backend (like torch.from_numpy: the tensor shares the user's memory).
 */
import ndarray from "ndarray";
import type { NdArray } from "ndarray";
import ops from "ndarray-ops";
import { currentBackendName, getBackendImpl } from "./backend";
import { allocArray, isDType, type DType, type TypedArray } from "./dtype";
import { describe, opError } from "./errors";
import { checkAllowed } from "./forbid";
import { Tensor, isTensor, type NestedArray } from "./tensor";
import { sizeOf } from "./shape";

export type TensorLike = Tensor | NdArray | NestedArray | TypedArray;

export function isNdarray(x: unknown): x is NdArray {
  return typeof x === "object" && x !== null && "shape" in x && "stride" in x && "offset" in x && "data" in x;
}

/** Shape of a nested array; throws on ragged or non-numeric input. */
function nestedShape(op: string, name: string, x: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const check = (v: NestedArray, d: number): void => {
    if (d === shape.length) {
      if (typeof v !== "number") throw opError(op, `expected ${name} to hold numbers, got ${describe(v)}`);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[d]) {
      throw opError(
        op,
        `expected ${name} as a rectangular nested array of shape [${shape}], got a ragged array at depth ${d}`,
      );
    }
    for (const e of v) check(e, d + 1);
  };
  check(x, 0);
  return shape;
}

function flatten(x: NestedArray, out: TypedArray, at = { i: 0 }): void {
  if (Array.isArray(x)) for (const e of x) flatten(e, out, at);
  else out[at.i++] = x;
}

function fromNdarray(a: NdArray, dtype: DType): Tensor {
  const backend = getBackendImpl(currentBackendName());
  const data = a.data;
  const sameType =
    (dtype === "float32" && data instanceof Float32Array) ||
    (dtype === "float64" && data instanceof Float64Array) ||
    (dtype === "int32" && data instanceof Int32Array);
  if (sameType && backend.name === "cpu") return Tensor.create("cpu", a, a.shape, dtype);
  const out = allocArray(dtype, sizeOf(a.shape));
  if (out.length > 0)
    ops.assign(ndarray(out, a.shape.length ? a.shape : [1]), a.shape.length ? a : ndarray(a.data, [1], [0], a.offset));
  return backend.fromHost(out, a.shape, dtype);
}

export interface TensorOptions {
  dtype?: DType;
}

/** cl.tensor(data, shape?, {dtype}) */
export function makeTensor(op: string, data: TensorLike, shape?: readonly number[], opts: TensorOptions = {}): Tensor {
  const dtype = opts.dtype ?? "float32";
  if (!isDType(dtype)) throw opError(op, `expected dtype "float32" | "float64" | "int32", got ${describe(dtype)}`);
  if (isTensor(data)) return data;
  if (isNdarray(data)) return fromNdarray(shape ? reshapeNd(op, data, shape) : data, dtype);
  if (ArrayBuffer.isView(data)) {
    const s = shape ?? [data.length];
    if (sizeOf(s) !== data.length)
      throw opError(op, `expected ${sizeOf(s)} values for shape [${s}], got ${data.length}`);
    const out = allocArray(dtype, data.length);
    out.set(data);
    return getBackendImpl(currentBackendName()).fromHost(out, s, dtype);
  }
  if (typeof data !== "number" && !Array.isArray(data)) {
    throw opError(
      op,
      `expected a Tensor, an ndarray, a typed array, nested number arrays or a number, got ${describe(data)}`,
    );
  }
  const ns = nestedShape(op, "data", data);
  const out = allocArray(dtype, sizeOf(ns));
  flatten(data, out);
  const s = shape ?? ns;
  if (sizeOf(s) !== out.length) throw opError(op, `expected ${sizeOf(s)} values for shape [${s}], got ${out.length}`);
  return getBackendImpl(currentBackendName()).fromHost(out, s, dtype);
}

function reshapeNd(op: string, a: NdArray, shape: readonly number[]): NdArray {
  if (sizeOf(shape) !== sizeOf(a.shape))
    throw opError(op, `expected shape with ${sizeOf(a.shape)} elements, got [${shape}]`);
  const dense = allocArray("float64", sizeOf(a.shape));
  if (dense.length) ops.assign(ndarray(dense, a.shape), a);
  return ndarray(dense, [...shape]);
}

/** Coerces an op argument; numbers become 0-d tensors of `like`'s dtype (or float32). */
export function toTensor(op: string, name: string, x: unknown, like?: Tensor): Tensor {
  checkAllowed(op); // cl.grading's forbidden ops: every public op coerces its inputs here, under its own name
  if (isTensor(x)) {
    if (x.isDisposed) throw opError(op, `expected ${name} as a live tensor, got tensor #${x.id} after dispose()`);
    return x;
  }
  if (typeof x === "number")
    return makeTensor(op, x, [], { dtype: like && like.dtype !== "int32" ? like.dtype : "float32" });
  if (isNdarray(x) || Array.isArray(x) || ArrayBuffer.isView(x)) {
    return makeTensor(op, x as TensorLike, undefined, { dtype: like?.dtype === "float64" ? "float64" : "float32" });
  }
  throw opError(op, `expected ${name} as a Tensor, an ndarray or nested number arrays, got ${describe(x)}`);
}
