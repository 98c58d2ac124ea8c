/**
 * Checks on a tensor's values that an op needs before it can give a meaningful result — class labels in
 * [0, C) and integral, indices in range. The cpu backend throws at once. A GPU kernel cannot throw: the
 * webgpu backend records the first offending value on the device and the next read (`await t.data()` and
 * everything built on it) throws this same error instead of returning a value computed from bad input.
 */
import { getBackendImpl } from "./backend";
import type { DType } from "./dtype";
import { opError, type ConvlabError } from "./errors";
import type { Tensor } from "./tensor";

export interface ValueRange {
  /** lowest allowed value (inclusive) */
  readonly lo: number;
  /** highest allowed value (exclusive) */
  readonly hi: number;
  /** values must be whole numbers */
  readonly integer: boolean;
}

/** What a violation looks like; `what` names the values ("labels", "indices"). */
export interface ValueCheck {
  readonly op: string;
  readonly what: string;
  readonly range: ValueRange;
  readonly dtype: DType;
}

export function isViolation(v: number, r: ValueRange): boolean {
  return !(v >= r.lo && v < r.hi) || (r.integer && !Number.isInteger(v));
}

/** The error for the first offending value (index in row-major order). */
export function violationError(c: ValueCheck, value: number, index: number, deferred = false): ConvlabError {
  const kind = c.range.integer && !Number.isNaN(value) && !Number.isInteger(value) ? `integer ${c.what}` : c.what;
  const where = deferred ? " (checked on the GPU; reported at the first read after the op)" : "";
  return opError(c.op, `expected ${kind} in [${c.range.lo}, ${c.range.hi}), got ${value} at index ${index}${where}`);
}

/** Checks every value of t (see the file comment for when the error is thrown). */
export function checkValues(op: string, what: string, t: Tensor, range: ValueRange): void {
  if (t.size === 0) return;
  getBackendImpl(t.backend).checkValues({ op, what, range, dtype: t.dtype }, t);
}
