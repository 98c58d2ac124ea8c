/**
 * Scopes that decide when a tensor is disposed without the user calling dispose().
 *
 * - `tidy(fn)` (the user's): every tensor created while fn runs is disposed when it returns, except those
 *   it returns (found inside arrays, maps and plain objects).
 * - `owned(fn)` (the library's, around its own modules, losses and loaders): tensors created inside and not
 *   returned are *internal* — no code outside the library has seen them. They are disposed at once when no
 *   autograd node records them, else when the last node that does is freed by backward() (as PyTorch frees
 *   the saved tensors of a graph it has used).
 * - `shielded(fn)` (around code the library did not write, e.g. a user's Module.forward): nothing created
 *   inside, nor its input or result, is ever treated as internal — user code may keep references the
 *   library cannot see (`this.lastInput = x`).
 * Scopes nest; a tensor a scope does not dispose moves to the enclosing one, so an outer tidy() still
 * disposes it.
 */
export interface Disposable {
  dispose(): void;
  readonly isDisposed: boolean;
}

/** What owned scopes need of a tensor (core/tensor.ts implements it). */
interface Ownable extends Disposable {
  internal: boolean;
  exposed: boolean;
  graphRefs: number;
}

type Kind = "tidy" | "owned" | "shielded";
interface Frame {
  readonly kind: Kind;
  readonly tensors: Set<Disposable>;
}

const stack: Frame[] = [];

export function trackInScope(t: Disposable): void {
  if (stack.length > 0) stack[stack.length - 1].tensors.add(t);
}

/** Keeps a tensor alive past the enclosing tidy() (e.g. parameters updated inside a training step). */
export function keep<T extends Disposable>(t: T): T {
  for (const f of stack) f.tensors.delete(t);
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

function isOwnable(t: Disposable): t is Ownable {
  return "graphRefs" in t && "internal" in t;
}

/** Marks a tensor internal and disposes it if no autograd node needs it; returns whether it went. */
export function releaseInternal(t: Disposable): boolean {
  if (!isOwnable(t) || t.exposed || t.isDisposed) return false;
  t.internal = true;
  if (t.graphRefs > 0) return false;
  t.dispose();
  return true;
}

function run<T>(kind: Kind, fn: () => T, settle: (t: Disposable, kept: boolean) => boolean): T {
  const frame: Frame = { kind, tensors: new Set() };
  stack.push(frame);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    stack.pop();
    for (const t of frame.tensors) if (!settle(t, false)) trackInScope(t);
    throw e;
  }
  stack.pop();
  if (result instanceof Promise) {
    for (const t of frame.tensors) trackInScope(t);
    throw new Error(
      `${kind === "tidy" ? "tidy" : "convlab"}: expected a synchronous function, got one returning a Promise (await outside tidy)`,
    );
  }
  const kept = new Set<unknown>();
  collect(result, kept);
  for (const t of frame.tensors) if (!settle(t, kept.has(t))) trackInScope(t);
  return result;
}

export function tidy<T>(fn: () => T): T {
  if (typeof fn !== "function") throw new Error(`tidy: expected a function, got ${typeof fn}`);
  return run("tidy", fn, (t, kept) => {
    if (kept) return false;
    t.dispose();
    return true;
  });
}

/** The library's scope: what fn creates and does not return is internal (see the file comment). */
export function owned<T>(fn: () => T): T {
  return run("owned", fn, (t, kept) => !kept && releaseInternal(t));
}

/** Around user code: whatever it creates, takes or returns is never internal. */
export function shielded<T>(input: unknown, fn: () => T): T {
  expose(input);
  const result = run("shielded", fn, (t) => {
    if (isOwnable(t)) t.exposed = true;
    return false;
  });
  expose(result);
  return result;
}

function expose(x: unknown): void {
  const found = new Set<unknown>();
  collect(x, found);
  for (const t of found) if (typeof t === "object" && t !== null && "exposed" in t) Reflect.set(t, "exposed", true);
}
