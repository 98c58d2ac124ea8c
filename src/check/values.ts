/**
 * What a check compares, read into host memory: a Tensor (on either backend: the readback is the one
 * asynchronous step, which is why `close` and `equal` return a Promise), a scijs ndarray (any strides), nested
 * number arrays, a typed array, a plain number, or a Complex `{re, im}` of any of these. Values come back
 * row-major as float64 with their shape; a plain number is marked so it can stand for "this value everywhere".
 */
import type { NdArray } from "ndarray";
import type { NestedArray, Tensor } from "../core/tensor";
import { opError } from "../core/errors";
import { isComplexLike, isNdArrayLike, isTensorLike, toHost } from "../display/host";
import { CheckError } from "./error";

/** A real value a check accepts. */
export type RealValue = Tensor | NdArray | NestedArray | ArrayLike<number>;
/** Any value `close` and `equal` accept: real, or complex as `{re, im}` (what `cl.fft` returns). */
export type CheckValue = RealValue | { re: RealValue; im: RealValue };

export interface HostValue {
  shape: number[];
  re: Float64Array;
  /** null for a real value */
  im: Float64Array | null;
  /** a plain JS number: compared against every element of the other side */
  scalar: boolean;
}

/** Which side of a check a value is: a bad `actual` fails the check, a bad `expected` is the author's mistake. */
export type Side = "actual" | "expected";

export function failure(fn: string, what: string, side: Side, message: string): Error {
  return side === "actual" ? new CheckError(what, message) : opError(`check.${fn}`, `${what}: ${message}`);
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object")
    return v instanceof Promise
      ? "a Promise (missing await?)"
      : `an object (${Object.keys(v).slice(0, 4).join(", ") || "no keys"})`;
  return `a ${typeof v} ${JSON.stringify(v)}`;
}

async function readReal(
  fn: string,
  what: string,
  side: Side,
  v: unknown,
): Promise<{ shape: number[]; data: Float64Array }> {
  if (!(isTensorLike(v) || isNdArrayLike(v) || ArrayBuffer.isView(v) || Array.isArray(v) || typeof v === "number")) {
    throw failure(
      fn,
      what,
      side,
      `expected ${side} as a Tensor, an ndarray, nested number arrays or a number, got ${describeValue(v)}`,
    );
  }
  try {
    const host = await toHost(v, `check.${fn}`);
    return { shape: host.shape, data: host.data };
  } catch (e) {
    throw failure(fn, what, side, `${side} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads one side of a check into host memory. */
export async function readValue(fn: string, what: string, side: Side, v: unknown): Promise<HostValue> {
  if (isComplexLike(v)) {
    const [re, im] = await Promise.all([readReal(fn, what, side, v.re), readReal(fn, what, side, v.im)]);
    if (re.shape.join() !== im.shape.join()) {
      throw failure(
        fn,
        what,
        side,
        `expected ${side}.re and ${side}.im of one shape, got [${re.shape}] and [${im.shape}]`,
      );
    }
    return { shape: re.shape, re: re.data, im: im.data, scalar: false };
  }
  const real = await readReal(fn, what, side, v);
  return { shape: real.shape, re: real.data, im: null, scalar: typeof v === "number" };
}

/** The shape of a value without reading it (for `check.shape`), or null when it is not a value. */
export function shapeOf(v: unknown): number[] | null {
  if (isComplexLike(v)) return shapeOf(v.re);
  if (isTensorLike(v) || isNdArrayLike(v)) return v.shape.slice();
  if (ArrayBuffer.isView(v)) return "length" in v && typeof v.length === "number" ? [v.length] : null;
  if (typeof v === "number") return [];
  if (!Array.isArray(v)) return null;
  const shape: number[] = [];
  for (let cur: unknown = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  const rectangular = (x: unknown, d: number): boolean =>
    d === shape.length
      ? typeof x === "number"
      : Array.isArray(x) && x.length === shape[d] && x.every((y) => rectangular(y, d + 1));
  return rectangular(v, 0) ? shape : null;
}
