/**
 * Parsing of the conv family's per-dimension options (stride, dilation, kernel sizes, padding), with
 * errors that name the op. Pure functions on plain values; `convGeometry` builds on them.
 */
import { describe, opError } from "../../../core/errors";

/** `"valid" | "same" | "full" | number | number[] (both sides) | [lo, hi][]` */
export type ConvPadding = "valid" | "same" | "full" | number | readonly number[] | readonly (readonly [number, number])[];

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
 * Resolves padding to [lo, hi] per spatial dim. "same" pads dilation·(k−1) in total with the extra one on
 * the high side (PyTorch) and needs stride 1; "full" pads dilation·(k−1) on both sides.
 */
export function resolvePadding(
  op: string, padding: unknown, kernelSize: readonly number[], dilation: readonly number[], stride: readonly number[],
): { padLo: number[]; padHi: number[] } {
  const dims = kernelSize.length;
  const span = kernelSize.map((k, d) => dilation[d] * (k - 1));
  const p = padding ?? 0;
  if (p === "valid") return { padLo: span.map(() => 0), padHi: span.map(() => 0) };
  if (p === "full") return { padLo: [...span], padHi: [...span] };
  if (p === "same") {
    if (stride.some((s) => s !== 1)) {
      throw opError(op, `expected stride 1 with padding "same", got stride [${stride}]`);
    }
    const lo = span.map((t) => Math.floor(t / 2));
    return { padLo: lo, padHi: span.map((t, d) => t - lo[d]) };
  }
  const bad = (): never => {
    throw opError(op, `expected padding "valid" | "same" | "full", a non-negative integer, ${dims} integers ` +
      `or ${dims} [lo, hi] pairs, got ${Array.isArray(p) ? JSON.stringify(p) : describe(p)}`);
  };
  if (typeof p === "string") return bad();
  if (Array.isArray(p) && p.length === dims && p.every((e) => Array.isArray(e))) {
    const pairs = p as unknown[][];
    if (!pairs.every((e) => e.length === 2 && e.every((v) => isInt(v) && v >= 0))) return bad();
    return { padLo: pairs.map((e) => e[0] as number), padHi: pairs.map((e) => e[1] as number) };
  }
  if (!isInt(p) && !Array.isArray(p)) return bad();
  let both: number[] = [];
  try {
    both = perDim(op, "padding", p, dims, 0, 0);
  } catch {
    bad();
  }
  return { padLo: both, padHi: [...both] };
}

/** Checks that an option bag is an object (or undefined) and carries only known keys. */
export function checkOpts(op: string, opts: unknown, known: readonly string[]): Record<string, unknown> {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== "object" || Array.isArray(opts)) throw opError(op, `expected an options object, got ${describe(opts)}`);
  for (const k of Object.keys(opts)) {
    if (!known.includes(k)) throw opError(op, `expected options among {${known.join(", ")}}, got unknown option "${k}"`);
  }
  return opts as Record<string, unknown>;
}
