/**
 * Parsing of the conv family's padding option, with errors that name the op. A pure function on plain
 * values; `convGeometry` builds on it (per-dimension numbers are parsed by core/options.ts).
 */
import { describe, opError } from "../../../core/errors";
import { perDim } from "../../../core/options";

/** `"valid" | "same" | "full" | number | number[] (both sides) | [lo, hi][]` */
export type ConvPadding =
  "valid" | "same" | "full" | number | readonly number[] | readonly (readonly [number, number])[];

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/**
 * Resolves padding to [lo, hi] per spatial dim. "same" pads dilation·(k−1) in total with the extra one on
 * the high side (PyTorch) and needs stride 1; "full" pads dilation·(k−1) on both sides.
 */
export function resolvePadding(
  op: string,
  padding: unknown,
  kernelSize: readonly number[],
  dilation: readonly number[],
  stride: readonly number[],
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
    throw opError(
      op,
      `expected padding "valid" | "same" | "full", a non-negative integer, ${dims} integers ` +
        `or ${dims} [lo, hi] pairs, got ${Array.isArray(p) ? JSON.stringify(p) : describe(p)}`,
    );
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
