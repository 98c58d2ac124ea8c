/**
 * Functional gradients (JAX-style names, PyTorch-style engine):
 *   grad(f, {argnums})(...args)          ∇f at args, for a scalar-valued f (one gradient or an array)
 *   valueAndGrad(f, {argnums})(...args)  [f(args), ∇f(args)]
 *   vjp(f, ...args)                      [y, (dy) => [dy·∂y/∂arg_i for every arg]]
 *   jacobian(f, {argnums})(...args)      J with shape [...y.shape, ...x.shape] (one vjp per output element)
 * Each argument in argnums is replaced by a fresh leaf (x.detach() with requiresGrad) before f runs, so
 * a tensor's own history never leaks into the result. An argument f does not use is an error
 * (not silent zeros): in a notebook it is almost always a bug. Gradients of gradients are not supported.
 */
import { toTensor, type TensorLike } from "../core/coerce";
import { fromHost } from "../core/dispatch";
import { allocArray } from "../core/dtype";
import { fmtShape, opError } from "../core/errors";
import { isGradEnabled } from "../core/grad_node";
import { shapesEqual } from "../core/shape";
import { isTensor, type Tensor } from "../core/tensor";
import { zeros } from "../ops/creation";
import { stack } from "../ops/shape/concat";
import { reshape } from "../ops/shape/view_ops";
import { sweep } from "./engine";

export type TensorFn = (...args: Tensor[]) => Tensor;

export interface GradOptions<N extends number | readonly number[] = number | readonly number[]> {
  /** which arguments to differentiate with respect to (default 0) */
  argnums?: N;
}

interface Traced {
  y: Tensor;
  leaves: Tensor[];
  argnums: number[];
}

function trace(op: string, f: TensorFn, args: readonly TensorLike[], argnums: readonly number[]): Traced {
  if (typeof f !== "function") throw opError(op, `expected f to be a function, got ${typeof f}`);
  if (!isGradEnabled()) throw opError(op, "expected gradient recording on, got a call inside noGrad()");
  for (const a of argnums) {
    if (!Number.isInteger(a) || a < 0 || a >= args.length) {
      throw opError(op, `expected argnums in [0, ${args.length}) for ${args.length} arguments, got ${a}`);
    }
  }
  const ts = args.map((a, i) => toTensor(op, `args[${i}]`, a));
  const leaves = argnums.map((a) => {
    if (ts[a].dtype === "int32") throw opError(op, `expected a float tensor for argument ${a}, got int32`);
    const leaf = ts[a].detach();
    leaf.requiresGrad = true;
    ts[a] = leaf;
    return leaf;
  });
  const y = f(...ts);
  if (!isTensor(y)) throw opError(op, `expected f to return a Tensor, got ${typeof y}`);
  return { y, leaves, argnums: [...argnums] };
}

function pullback(op: string, t: Traced, dy: Tensor, retainGraph: boolean): Tensor[] {
  if (!t.y.tracked) {
    throw opError(
      op,
      `expected f's output to depend on argument ${t.argnums[0]}, got an output with no autograd ` +
        "history (f does not use its input, or only through int32 indices / noGrad)",
    );
  }
  const { grads, reached } = sweep(op, [t.y], [dy], retainGraph);
  return t.leaves.map((leaf, i) => {
    if (!reached.has(leaf)) {
      throw opError(
        op,
        `expected f's output to depend on argument ${t.argnums[i]}, got no path from it to the output ` +
          "(f does not use it, or only through int32 indices / noGrad)",
      );
    }
    return grads.get(leaf) ?? zeros(leaf.shape, { dtype: leaf.dtype });
  });
}

function scalarCheck(op: string, y: Tensor): void {
  if (y.size !== 1) {
    throw opError(
      op,
      `expected f to return a scalar (one element), got shape ${fmtShape(y.shape)}; use vjp or jacobian for non-scalar outputs`,
    );
  }
  if (y.dtype === "int32") throw opError(op, "expected f to return a float tensor, got int32");
}

function ones(y: Tensor): Tensor {
  const data = allocArray(y.dtype, y.size).fill(1);
  return fromHost(data, y.shape, y.dtype);
}

function argList(argnums: number | readonly number[] | undefined): number[] {
  return argnums === undefined ? [0] : typeof argnums === "number" ? [argnums] : [...argnums];
}

export function valueAndGrad(f: TensorFn, opts?: GradOptions<number>): (...args: TensorLike[]) => [Tensor, Tensor];
export function valueAndGrad(
  f: TensorFn,
  opts: GradOptions<readonly number[]>,
): (...args: TensorLike[]) => [Tensor, Tensor[]];
export function valueAndGrad(
  f: TensorFn,
  opts: GradOptions = {},
): (...args: TensorLike[]) => [Tensor, Tensor | Tensor[]] {
  return (...args) => {
    const t = trace("grad", f, args, argList(opts.argnums));
    scalarCheck("grad", t.y);
    const gs = pullback("grad", t, ones(t.y), false);
    return [t.y, typeof opts.argnums === "object" ? gs : gs[0]];
  };
}

export function grad(f: TensorFn, opts?: GradOptions<number>): (...args: TensorLike[]) => Tensor;
export function grad(f: TensorFn, opts: GradOptions<readonly number[]>): (...args: TensorLike[]) => Tensor[];
export function grad(f: TensorFn, opts: GradOptions = {}): (...args: TensorLike[]) => Tensor | Tensor[] {
  const vg = valueAndGrad(f, { argnums: argList(opts.argnums) });
  return (...args) => {
    const gs = vg(...args)[1];
    return typeof opts.argnums === "object" ? gs : gs[0];
  };
}

/** vjp(f, ...args) → [y, pullback]; pullback(dy) returns one gradient per argument and may be called again. */
export function vjp(f: TensorFn, ...args: TensorLike[]): [Tensor, (cotangent: TensorLike) => Tensor[]] {
  const t = trace(
    "vjp",
    f,
    args,
    args.map((_, i) => i),
  );
  const back = (cotangent: TensorLike): Tensor[] => {
    const dy = toTensor("vjp", "cotangent", cotangent, t.y);
    if (!shapesEqual(dy.shape, t.y.shape)) {
      throw opError(
        "vjp",
        `expected a cotangent of the output's shape ${fmtShape(t.y.shape)}, got ${fmtShape(dy.shape)}`,
      );
    }
    return pullback("vjp", t, dy, true);
  };
  return [t.y, back];
}

export function jacobian(f: TensorFn, opts?: GradOptions<number>): (...args: TensorLike[]) => Tensor;
export function jacobian(f: TensorFn, opts: GradOptions<readonly number[]>): (...args: TensorLike[]) => Tensor[];
export function jacobian(f: TensorFn, opts: GradOptions = {}): (...args: TensorLike[]) => Tensor | Tensor[] {
  return (...args) => {
    const t = trace("jacobian", f, args, argList(opts.argnums));
    const rows: Tensor[][] = t.leaves.map(() => []);
    for (let i = 0; i < t.y.size; i++) {
      const e = allocArray(t.y.dtype, t.y.size);
      e[i] = 1;
      const gs = pullback("jacobian", t, fromHost(e, t.y.shape, t.y.dtype), true);
      gs.forEach((g, j) => rows[j].push(g));
    }
    const js = t.leaves.map((leaf, j) => {
      const shape = [...t.y.shape, ...leaf.shape];
      return rows[j].length ? reshape(stack(rows[j]), shape) : zeros(shape, { dtype: leaf.dtype });
    });
    return typeof opts.argnums === "object" ? js : js[0];
  };
}
