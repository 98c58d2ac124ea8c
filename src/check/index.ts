/**
 * `cl.check`: the checks a notebook ends its cells with. Each prints one line `✓ <what>` when it holds and
 * throws a CheckError that names the worst index, both values and the tolerance when it does not.
 *
 *   await cl.check.close("eq. 1.6 worked by hand", cl.convolve(f, h), [0, 1, 2.5, 4, 1.5]);
 *   await cl.check.equal("argmax", y.argmax(), 7);
 *   cl.check.shape("C1 output", c1, [1, 6, 28, 28]);
 *   cl.check.isTrue("the peak is where the template is", best === 37, `peak at ${best}`);
 *
 * `close` and `equal` return a Promise, always: they read values, and a tensor on the webgpu backend can only
 * be read asynchronously. Making them async for every argument (not only for GPU tensors) gives one rule a
 * notebook author cannot get wrong on one backend and right on the other: `await` them (tslab has top-level
 * await). A check that is not awaited still fails its cell (the kernel fails a cell on an unhandled rejection),
 * but its line may print late. `shape` and `isTrue` read no values, so they return at once.
 *
 * Default tolerances are torch.testing.assert_close's for float32: rtol 1.3e-6, atol 1e-5 (an element passes
 * when |a − e| <= atol + rtol·|e|). They suit float32 results compared with exact numbers or with another
 * float32 computation of the same size; a sum of many terms, an FFT, or a number the lecture rounds needs an
 * explicit, stated tolerance. What counts as a value, how shapes match, NaN and Complex: see compare.ts.
 */
import { opError } from "../core/errors";
import { compare, type Tolerance } from "./compare";
import { CheckError } from "./error";
import { failure, readValue, shapeOf, type CheckValue } from "./values";

export { CheckError, type CheckDetails } from "./error";
export type { CheckValue, RealValue } from "./values";

export interface CloseOptions {
  /** absolute tolerance (default 1e-5) */
  atol?: number;
  /** relative tolerance (default 1.3e-6) */
  rtol?: number;
  /** NaN in actual matches NaN in expected (default true) */
  equalNan?: boolean;
}

export const DEFAULT_ATOL = 1e-5;
export const DEFAULT_RTOL = 1.3e-6;

function pass(what: string): void {
  console.log(`✓ ${what}`);
}

function checkWhat(fn: string, what: unknown): string {
  if (typeof what !== "string" || what.trim() === "")
    throw opError(`check.${fn}`, `expected a description as the first argument, got ${JSON.stringify(what)}`);
  return what;
}

function tolerance(opts: CloseOptions): Tolerance {
  const atol = opts.atol ?? DEFAULT_ATOL,
    rtol = opts.rtol ?? DEFAULT_RTOL;
  for (const [name, v] of [
    ["atol", atol],
    ["rtol", rtol],
  ] as const) {
    if (!(v >= 0)) throw opError("check.close", `expected ${name} >= 0, got ${v}`);
  }
  return { atol, rtol, equalNan: opts.equalNan ?? true };
}

/** `actual` equals `expected` within |a − e| <= atol + rtol·|e| everywhere (shapes agree up to length-1 axes). */
export async function close(
  what: string,
  actual: CheckValue,
  expected: CheckValue,
  opts: CloseOptions = {},
): Promise<void> {
  checkWhat("close", what);
  const tol = tolerance(opts);
  const [a, e] = await Promise.all([
    readValue("close", what, "actual", actual),
    readValue("close", what, "expected", expected),
  ]);
  compare("close", what, a, e, tol);
  pass(what);
}

/** Exact equality: numbers element by element (NaN equals NaN), or two strings / booleans. */
export async function equal(
  what: string,
  actual: CheckValue | string | boolean,
  expected: CheckValue | string | boolean,
): Promise<void> {
  checkWhat("equal", what);
  if (typeof expected === "string" || typeof expected === "boolean") {
    if (actual !== expected) {
      throw new CheckError(
        what,
        `not equal: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        typeof actual === "string" || typeof actual === "boolean" ? { actual, expected } : { expected },
      );
    }
    return pass(what);
  }
  const [a, e] = await Promise.all([
    readValue("equal", what, "actual", actual),
    readValue("equal", what, "expected", expected),
  ]);
  compare("equal", what, a, e, { atol: 0, rtol: 0, equalNan: true });
  pass(what);
}

/** A condition that has no numbers to compare; `detail` goes into the failure message (say what was found). */
export function isTrue(what: string, condition: boolean, detail?: string): void {
  checkWhat("isTrue", what);
  if (condition !== true) {
    const got = typeof condition === "boolean" ? "" : ` (got ${typeof condition}, expected a boolean)`;
    throw new CheckError(what, `does not hold${got}${detail ? `: ${detail}` : ""}`);
  }
  pass(what);
}

/** The value's shape is exactly `expected` (no length-1 axes ignored here: the shape is the claim). */
export function shape(what: string, value: CheckValue, expected: readonly number[]): void {
  checkWhat("shape", what);
  if (!Array.isArray(expected) || !expected.every((d) => Number.isInteger(d) && d >= 0)) {
    throw opError("check.shape", `${what}: expected a shape of non-negative integers, got ${JSON.stringify(expected)}`);
  }
  const got = shapeOf(value);
  if (got === null)
    throw failure("shape", what, "actual", `expected a Tensor, an ndarray or nested arrays, got ${typeof value}`);
  if (got.join() !== expected.join()) {
    throw new CheckError(what, `expected shape [${expected}], got shape [${got}]`, {
      actual: got,
      expected: [...expected],
    });
  }
  pass(what);
}
