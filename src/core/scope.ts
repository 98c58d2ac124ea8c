/**
 * `tidy(fn)`: every tensor created while fn runs is disposed when it returns, except those it returns
 * (found inside arrays and plain objects). Keeps GPU memory bounded in loops without manual dispose().
 */
export interface Disposable {
  dispose(): void;
  readonly isDisposed: boolean;
}

const stack: Set<Disposable>[] = [];

export function trackInScope(t: Disposable): void {
  if (stack.length > 0) stack[stack.length - 1].add(t);
}

/** Keeps a tensor alive past the enclosing tidy() (e.g. parameters updated inside a training step). */
export function keep<T extends Disposable>(t: T): T {
  for (const s of stack) s.delete(t);
  return t;
}

function collect(x: unknown, out: Set<unknown>, depth = 0): void {
  if (depth > 6 || x === null || typeof x !== "object") return;
  if ("dispose" in x && "isDisposed" in x) {
    out.add(x);
    return;
  }
  const values = Array.isArray(x) ? x : x instanceof Map ? [...x.values()] : Object.values(x);
  for (const v of values) collect(v, out, depth + 1);
}

export function tidy<T>(fn: () => T): T {
  if (typeof fn !== "function") throw new Error(`tidy: expected a function, got ${typeof fn}`);
  const scope = new Set<Disposable>();
  stack.push(scope);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    stack.pop();
    for (const t of scope) t.dispose();
    throw e;
  }
  stack.pop();
  if (result instanceof Promise) {
    throw new Error("tidy: expected a synchronous function, got one returning a Promise (await outside tidy)");
  }
  const kept = new Set<unknown>();
  collect(result, kept);
  for (const t of scope) {
    if (kept.has(t)) {
      if (stack.length > 0) stack[stack.length - 1].add(t);
    } else t.dispose();
  }
  return result;
}
