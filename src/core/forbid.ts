/**
 * Forbidden ops: while an exercise runs the student's function (cl.grading's `t.call`), ops the exercise
 * forbids throw `conv2d is not allowed in this exercise` instead of computing the answer the student was
 * asked to write by hand. The library checks at its two doors: every public op coerces its inputs through
 * `toTensor(op, …)` under its own name, and every computation passes `runKernel(kernel, …)` — so an op reached
 * by another route (a layer, a method, a composite) is still caught at its primitive kernel.
 * When nothing is forbidden the check is one comparison with null.
 */
let forbidden: ReadonlySet<string> | null = null;

/** "conv2d is not allowed in this exercise" (a public op) or "the conv kernel is not allowed …" (a primitive). */
export class ForbiddenOpError extends Error {
  constructor(
    readonly op: string,
    kernel: boolean,
  ) {
    super(kernel ? `the ${op} kernel is not allowed in this exercise` : `${op} is not allowed in this exercise`);
    this.name = "ForbiddenOpError";
  }
}

/** Throws when `name` (a public op or a primitive kernel) is forbidden right now. */
export function checkAllowed(name: string, kernel = false): void {
  if (forbidden !== null && forbidden.has(name)) throw new ForbiddenOpError(name, kernel);
}

/**
 * Runs `fn` with `names` forbidden (an async fn keeps them forbidden until it settles); nests.
 * An interrupted cell (`while (true) {}` stopped by the kernel) unwinds without running `finally` blocks, so
 * a guard whose call never returned is lifted when the current macrotask ends; one left by an async call that
 * never settles is lifted by `liftForbidden` (cl.grading does at every test group and case).
 */
export function withForbidden<T>(names: ReadonlySet<string>, fn: () => T): T {
  const outer = forbidden;
  const mine = outer ? new Set([...outer, ...names]) : names;
  forbidden = mine;
  let returned = false;
  setImmediate(() => {
    if (!returned && forbidden === mine) forbidden = outer;
  });
  let result: T;
  try {
    result = fn();
  } catch (e) {
    returned = true;
    forbidden = outer;
    throw e;
  }
  returned = true;
  if (result instanceof Promise) {
    return result.finally(() => {
      if (forbidden === mine) forbidden = outer;
    }) as T;
  }
  forbidden = outer;
  return result;
}

/** Lifts every forbid in force: where no student code can be running (a new test group or case). */
export function liftForbidden(): void {
  forbidden = null;
}
