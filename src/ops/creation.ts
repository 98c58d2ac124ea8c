/** Tensor creation on the current backend: tensor, zeros, ones, full, arange, linspace, eye, rand, randn. */
import { currentBackendName, getBackendImpl } from "../core/backend";
import { makeTensor, type TensorLike, type TensorOptions } from "../core/coerce";
import { allocArray, type DType } from "../core/dtype";
import { describe, opError } from "../core/errors";
import { Rng, nextDefaultSeed } from "../core/random";
import { checkShape, sizeOf } from "../core/shape";
import type { Tensor } from "../core/tensor";

export function tensor(data: TensorLike, shape?: readonly number[] | TensorOptions, opts?: TensorOptions): Tensor {
  if (shape !== undefined && !Array.isArray(shape))
    return makeTensor("tensor", data, undefined, shape as TensorOptions);
  return makeTensor("tensor", data, shape as readonly number[] | undefined, opts);
}

function filled(op: string, shape: readonly number[], fill: (i: number) => number, dtype: DType = "float32"): Tensor {
  const s = checkShape(op, shape);
  const data = allocArray(dtype, sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = fill(i);
  return getBackendImpl(currentBackendName()).fromHost(data, s, dtype);
}

export const zeros = (shape: readonly number[], opts: TensorOptions = {}) =>
  filled("zeros", shape, () => 0, opts.dtype);
export const ones = (shape: readonly number[], opts: TensorOptions = {}) => filled("ones", shape, () => 1, opts.dtype);

export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  if (typeof value !== "number") throw opError("full", `expected a number value, got ${describe(value)}`);
  return filled("full", shape, () => value, opts.dtype);
}

/** arange(n) or arange(start, stop, step?) */
export function arange(start: number, stop?: number, step = 1, opts: TensorOptions = {}): Tensor {
  const [a, b] = stop === undefined ? [0, start] : [start, stop];
  if (![a, b, step].every(Number.isFinite) || step === 0) {
    throw opError("arange", `expected finite start/stop and a non-zero step, got ${a}, ${b}, ${step}`);
  }
  const n = Math.max(0, Math.ceil((b - a) / step));
  return filled("arange", [n], (i) => a + i * step, opts.dtype);
}

export function linspace(start: number, stop: number, num: number, opts: TensorOptions = {}): Tensor {
  if (!Number.isInteger(num) || num < 0) throw opError("linspace", `expected a non-negative integer num, got ${num}`);
  return filled("linspace", [num], (i) => (num === 1 ? start : start + ((stop - start) * i) / (num - 1)), opts.dtype);
}

export function eye(n: number, m = n, opts: TensorOptions = {}): Tensor {
  return filled("eye", [n, m], (i) => (Math.floor(i / m) === i % m ? 1 : 0), opts.dtype);
}

export interface RandomOptions extends TensorOptions {
  seed?: number;
}

/** Standard normal values, seeded: the same seed gives the same tensor on every backend. */
export function randn(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  const rng = new Rng(opts.seed ?? nextDefaultSeed());
  return filled("randn", shape, () => rng.normal(), opts.dtype);
}

/** Uniform values in [0, 1), seeded. */
export function rand(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  const rng = new Rng(opts.seed ?? nextDefaultSeed());
  return filled("rand", shape, () => rng.uniform(), opts.dtype);
}
