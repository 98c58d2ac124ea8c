/**
 * Tick values and labels: "nice" steps (1, 2, 2.5, 5 × 10^k) on linear axes, decades on log axes,
 * multiples of π/2 on phase axes, whole indices on map axes. Labels use the true minus sign (U+2212)
 * and only as many decimals as the step needs, so 0.5, 1, 1.5 reads "0.5 1.0 1.5" and never "1.0000001".
 */
export interface Tick {
  v: number;
  label: string;
}

/** A value axis: the visible interval (in data units; log10 units when `log`) and its ticks. */
export interface Scale {
  lo: number;
  hi: number;
  log: boolean;
  ticks: Tick[];
  /** The power of ten the tick labels are in, e.g. "×10⁻⁶" (shown with the axis title). */
  factor?: string;
}

export const MINUS = "\u2212";
const signed = (s: string): string => s.replace(/-/g, MINUS);

/** The smallest of 1, 2, 2.5, 5, 10 × 10^k (or of `mantissas`) that is at least span / count. */
export function niceStep(span: number, count: number, mantissas = [1, 2, 2.5, 5, 10]): number {
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of mantissas) if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** Decimals a step needs: 0.25 → 2, 0.5 → 1, 5 → 0. */
function decimals(step: number): number {
  for (let d = 0; d < 12; d++)
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6 * 10 ** d * step) return d;
  return 12;
}

export function tickLabel(v: number, step: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || step < 1e-4))
    return signed(v.toExponential(Math.max(0, decimals(step / 10 ** Math.floor(Math.log10(a)))))).replace("e+", "e");
  const s = v.toFixed(decimals(step));
  return signed(/^-0(\.0*)?$/.test(s) ? s.slice(1) : s);
}

/** Ticks and, for very large or small values, the power of ten their labels are in ("×10⁻⁶"). */
export interface TickSet {
  ticks: Tick[];
  factor?: string;
}

/**
 * Multiples of a nice step inside [lo, hi]; about `count` of them (whole numbers only when `integer`). Values
 * of 10⁵ and more or under 10⁻³ are labelled in a common power of ten, given as `factor`, as matplotlib does.
 */
export function linearTicks(lo: number, hi: number, count: number, integer = false): TickSet {
  if (!(hi > lo)) return { ticks: [{ v: lo, label: tickLabel(lo, Math.abs(lo) || 1) }] };
  const step = integer ? Math.max(1, niceStep(hi - lo, count, [1, 2, 5, 10])) : niceStep(hi - lo, count);
  const values: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) values.push(k * step);
  const big = Math.max(...values.map(Math.abs));
  const e = big >= 1e5 || (big > 0 && big < 1e-3) ? Math.floor(Math.log10(big)) : 0;
  const ticks = values.map((v) => ({ v, label: tickLabel(v / 10 ** e, step / 10 ** e) }));
  return e ? { ticks, factor: `×${powerOfTen(e)}` } : { ticks };
}

const SUPER: Record<string, string> = {
  "-": "\u207b",
  "0": "\u2070",
  "1": "\u00b9",
  "2": "\u00b2",
  "3": "\u00b3",
  "4": "\u2074",
  "5": "\u2075",
  "6": "\u2076",
  "7": "\u2077",
  "8": "\u2078",
  "9": "\u2079",
};

/** "10⁻⁶" */
export const powerOfTen = (e: number): string =>
  "10" +
  String(e)
    .split("")
    .map((c) => SUPER[c] ?? c)
    .join("");

/** 10^e as a label: plain digits ("0.01", "100"), or "10⁻⁵" style when `powers`. */
export function decadeLabel(e: number, powers = e < -3 || e > 4): string {
  return powers ? powerOfTen(e) : (10 ** e).toFixed(Math.max(0, -e));
}

/**
 * Ticks of a log axis whose interval is [lo, hi] in log10 units: decades, plus 2 and 5 when under 3
 * decades. One label style per axis: powers of ten as soon as any decade is outside 10⁻³…10⁴.
 */
export function logTicks(lo: number, hi: number): Tick[] {
  const out: Tick[] = [];
  const few = hi - lo < 3;
  const powers = Math.floor(lo) < -3 || Math.ceil(hi) > 4;
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of few ? [1, 2, 5] : [1]) {
      const v = e + Math.log10(m);
      if (v < lo - 1e-9 || v > hi + 1e-9) continue;
      out.push({
        v,
        label:
          m === 1
            ? decadeLabel(e, powers)
            : powers
              ? `${m}·${decadeLabel(e, true)}`
              : (m * 10 ** e).toFixed(Math.max(0, -e)),
      });
    }
  }
  return out;
}

/** −π, −π/2, 0, π/2, π: the phase axis in radians. */
export function piTicks(): Tick[] {
  const names = [`${MINUS}π`, `${MINUS}π/2`, "0", "π/2", "π"];
  return names.map((label, i) => ({ v: ((i - 2) * Math.PI) / 2, label }));
}

/**
 * Whole-number ticks for cell indices (steps 1, 2, 5, 10, …), about `count`; `v` is the cell. A cell stands
 * for index `first + cell·stride` (a centred spectrum starts at −n/2; a downsampled map skips `stride`).
 */
export function indexTicks(n: number, count: number, first = 0, stride = 1): Tick[] {
  const step = Math.max(1, niceStep(Math.max(1, n - 1), count));
  const whole = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => s >= step) ?? step;
  const out: Tick[] = [];
  // Labels are multiples of the step (a centred spectrum from −16 reads −16, −8, 0, 8).
  for (let k = Math.ceil(first / whole) * whole; k <= first + n - 1; k += whole)
    out.push({ v: k - first, label: tickLabel(first + (k - first) * stride, 1) });
  return out;
}

/**
 * A short number for notes, cells and captions: 3 significant digits, exponent form for very large or
 * small values; figures use the true minus sign, text/plain lines pass `minus = "-"`.
 */
/** fmt() with fewer digits, for a cell too narrow for it: 2 significant digits, or "2e−16". */
export function fmtShort(v: number, minus = MINUS): string {
  const a = Math.abs(v);
  if (!Number.isFinite(v) || v === 0 || (a < 1e5 && a >= 1e-3 && fmt(v).length <= 4)) return fmt(v, minus);
  const s = a >= 1e5 || a < 1e-3 ? v.toExponential(0).replace("e+", "e") : String(Number(v.toPrecision(2)));
  return s.replace(/-/g, minus);
}

export function fmt(v: number, minus = MINUS): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : `${minus}Inf`;
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s =
    a >= 1e5 || a < 1e-3
      ? v
          .toExponential(2)
          .replace(/\.?0+e/, "e")
          .replace("e+", "e")
      : String(Number(v.toPrecision(3)));
  return s.replace(/-/g, minus);
}
