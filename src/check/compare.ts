/**
 * The comparison behind `close` and `equal`: shapes first, then every element, keeping the worst one.
 *
 * Shapes must agree up to axes of length 1 ([10, 10] matches [1, 1, 10, 10]: dropping such axes does not
 * change the row-major order, so nothing is silently broadcast), except that a plain number on the expected
 * side stands for that value everywhere. An element passes when |a − e| <= atol + rtol·|e| (exact equality
 * for `equal`: atol = rtol = 0); equal infinities pass; NaN passes only against NaN (equalNan, on by default:
 * a NaN the author expects is a statement, a NaN nobody expected fails). A Complex side compares re and im
 * separately; a real value against a Complex has im = 0.
 */
import { CheckError, fmtIndex, fmtNumber } from "./error";
import { failure, type HostValue } from "./values";

export interface Tolerance {
  atol: number;
  rtol: number;
  equalNan: boolean;
}

interface Worst {
  flat: number;
  part: "re" | "im";
  got: number;
  expected: number;
  /** how far past the allowed difference (Infinity for a NaN or an infinity mismatch) */
  excess: number;
}

const squeeze = (shape: readonly number[]) => shape.filter((d) => d !== 1);

export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let k = shape.length - 1; k >= 0; k--) {
    index[k] = flat % shape[k];
    flat = Math.floor(flat / shape[k]);
  }
  return index;
}

function checkShapes(fn: string, what: string, a: HostValue, e: HostValue): void {
  if (e.scalar) return;
  if (squeeze(a.shape).join() !== squeeze(e.shape).join()) {
    throw failure(fn, what, "actual", `expected shape [${e.shape}], got shape [${a.shape}]`);
  }
}

/** How far an element is past its allowance: <= 0 passes. */
function excessOf(a: number, e: number, tol: Tolerance): number {
  if (a === e) return 0; // also equal infinities
  if (Number.isNaN(a) || Number.isNaN(e)) return tol.equalNan && Number.isNaN(a) && Number.isNaN(e) ? 0 : Infinity;
  if (!Number.isFinite(a) || !Number.isFinite(e)) return Infinity;
  return Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
}

/** Throws a CheckError naming the worst element unless `actual` matches `expected` within `tol`. */
export function compare(fn: string, what: string, a: HostValue, e: HostValue, tol: Tolerance): void {
  checkShapes(fn, what, a, e);
  const n = a.re.length;
  const zeros = new Float64Array(e.scalar ? 1 : n);
  const parts: Array<["re" | "im", Float64Array, Float64Array]> = [["re", a.re, e.re]];
  if (a.im || e.im) parts.push(["im", a.im ?? new Float64Array(n), e.im ?? zeros]);
  let worst: Worst | null = null,
    failed = 0;
  for (const [part, av, ev] of parts) {
    for (let i = 0; i < n; i++) {
      const expected = ev[e.scalar ? 0 : i];
      const excess = excessOf(av[i], expected, tol);
      if (excess <= 0) continue;
      failed++;
      if (!worst || excess > worst.excess) worst = { flat: i, part, got: av[i], expected, excess };
    }
  }
  if (!worst) return;
  const index = unravel(worst.flat, a.shape);
  const where = `${a.shape.length ? ` at ${fmtIndex(index)}` : ""}${parts.length > 1 ? ` (${worst.part})` : ""}`;
  const allowed = tol.atol + tol.rtol * Math.abs(worst.expected);
  const total = n * parts.length;
  const counted = total === 1 ? "" : ` ${failed} of ${total} elements ${failed === 1 ? "differs" : "differ"};`;
  const located = total === 1 ? `${where.trim()}${where ? ":" : ""}` : `worst${where}:`;
  const values = `${located ? `${located} ` : ""}got ${fmtNumber(worst.got)}, expected ${fmtNumber(worst.expected)}`;
  const message =
    fn === "equal"
      ? `not equal:${counted} ${values}`
      : `not close (atol ${tol.atol}, rtol ${tol.rtol}):${counted} ${values}, ` +
        `|diff| ${fmtNumber(Math.abs(worst.got - worst.expected))} > allowed ${fmtNumber(allowed)}`;
  throw new CheckError(what, message, {
    index,
    actual: worst.got,
    expected: worst.expected,
    atol: tol.atol,
    rtol: tol.rtol,
    ...(parts.length > 1 ? { part: worst.part } : {}),
  });
}
