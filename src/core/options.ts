/**
 * The parsing every public op shares: an option bag with only known keys, and per-dimension numbers
 * (stride, dilation, kernel sizes, padding), with errors that name the op. Pure functions on plain values.
 */
import { describe, opError } from "./errors";

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** A number or one integer per spatial dim, each >= min. */
export function perDim(op: string, name: string, v: unknown, dims: number, min: number, dflt: number): number[] {
  if (v === undefined) return new Array<number>(dims).fill(dflt);
  const arr = isInt(v) ? new Array<number>(dims).fill(v) : Array.isArray(v) ? (v as unknown[]) : null;
  const ok = arr !== null && arr.length === dims && arr.every((d) => isInt(d) && d >= min);
  if (!ok) {
    const what = min > 0 ? "positive" : "non-negative";
    const got = Array.isArray(v) ? JSON.stringify(v) : describe(v);
    throw opError(op, `expected ${name} as a ${what} integer or ${dims} ${what} integers, got ${got}`);
  }
  return arr as number[];
}

/**
 * Checks that an option bag is an object (or undefined) and carries only the `known` keys of its type T;
 * returns it typed (`{}` for undefined): callers still validate each value, which comes from user code.
 */
export function checkOpts<T extends object>(
  op: string,
  opts: T | null | undefined,
  known: readonly (keyof T & string)[],
): Partial<T> {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== "object" || Array.isArray(opts))
    throw opError(op, `expected an options object, got ${describe(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!known.some((key) => key === k))
      throw opError(op, `expected options among {${known.join(", ")}}, got unknown option "${k}"`);
  }
  return opts;
}
