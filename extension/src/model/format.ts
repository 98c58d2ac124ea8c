/** Number formatting shared by hover text, colour bars and the stepper's written-out sum. */

/** Compact value: 4 significant digits, no trailing zeros, names for non-finite values. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** formatValue() with fewer digits, for a cell too narrow for it: 2 significant digits, or "2e-16". */
export function formatShort(v: number): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || v === 0) return formatValue(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(0).replace("e+", "e") : String(Number(v.toPrecision(2)));
}

/** A value as a term in a written-out sum: negative values in parentheses. */
export const formatTerm = (v: number): string => (v < 0 || Object.is(v, -0) ? `(${formatValue(v)})` : formatValue(v));

/** Index tuple as students write it: [c, y, x]. */
export const formatIndex = (idx: readonly number[]): string => `[${idx.join(", ")}]`;
