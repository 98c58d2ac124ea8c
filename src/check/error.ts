/**
 * CheckError: a `cl.check` that did not hold. Its message names what was checked, where it failed and by
 * how much (`eq. 1.6: not close: … worst at [3]: got 4.5, expected 4 …`); the fields carry the same facts
 * for a grader that wants them without parsing the text. A mistake in how a check is called (a bad
 * tolerance, an `expected` that is not a value) is a ConvlabError instead: the notebook is wrong, not the
 * answer.
 */
export interface CheckDetails {
  /** multi-index of the worst element in the actual value's shape ([] for a scalar) */
  index?: number[];
  /** "re" or "im" when a Complex value failed in one part */
  part?: "re" | "im";
  actual?: number | string | boolean | number[];
  expected?: number | string | boolean | number[];
  atol?: number;
  rtol?: number;
}

export class CheckError extends Error {
  constructor(
    readonly what: string,
    message: string,
    readonly details: CheckDetails = {},
  ) {
    super(`${what}: ${message}`);
    this.name = "CheckError";
  }
}

/** A number as the messages print it: integers whole, others to 9 significant digits (enough to tell float32s apart). */
export function fmtNumber(v: number): string {
  if (Number.isInteger(v) || !Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(9)));
}

export function fmtIndex(index: readonly number[]): string {
  return `[${index.join(", ")}]`;
}
