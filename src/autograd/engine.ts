/**
 * The reverse sweep. dispatch.ts recorded a GradNode on every kernel output with a tracked input; node ids
 * grow with creation, so visiting the reachable nodes in decreasing id order is a topological order
 * (every node runs after all nodes that consumed its outputs). Each node's rule turns its outputs'
 * cotangents into its inputs' cotangents; contributions to one tensor are summed (the multivariate chain
 * rule, 003 Lemma 1.1.1: J_{H∘G} = J_H·J_G, applied one vector–Jacobian product at a time).
 */
import { opError, fmtShape } from "../core/errors";
import { freeNode, noGrad, type GradNode } from "../core/grad_node";
import type { KernelName } from "../core/kernels";
import { owned } from "../core/scope";
import { shapesEqual } from "../core/shape";
import type { Tensor } from "../core/tensor";
import { add } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";
import { gradRule } from "./rules";

export interface SweepResult {
  /** summed cotangent of each leaf (tracked tensor without a node) reached by the sweep */
  grads: Map<Tensor, Tensor>;
  /** every leaf that some node used as an input, even where its cotangent was zero */
  reached: Set<Tensor>;
}

function reachableNodes(op: string, roots: readonly Tensor[]): GradNode[] {
  const seen = new Set<GradNode>();
  const stack = roots.map((r) => r.node).filter((n): n is GradNode => n !== null);
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (seen.has(n)) continue;
    if (n.isFreed) {
      throw opError(
        op,
        "expected a live autograd graph, got one already freed by an earlier backward() " +
          "(pass {retainGraph: true} to the first backward() to run it twice)",
      );
    }
    seen.add(n);
    for (const t of n.inputs) if (t.node && !seen.has(t.node)) stack.push(t.node);
  }
  return [...seen].sort((a, b) => b.id - a.id);
}

/**
 * The cotangents alive during a sweep, counted by holder (the two maps and rules that return one tensor for
 * several inputs), so that each is disposed as soon as its last holder is done with it — not at the end of
 * the pass: the peak memory of backward() stays near that of one layer's gradients.
 */
class Holds {
  private readonly count = new Map<Tensor, number>();
  constructor(private readonly created: (t: Tensor) => boolean) {}
  hold(t: Tensor): void {
    this.count.set(t, (this.count.get(t) ?? 0) + 1);
  }
  drop(t: Tensor): void {
    const n = (this.count.get(t) ?? 0) - 1;
    if (n > 0) return void this.count.set(t, n);
    this.count.delete(t);
    if (this.created(t)) t.dispose();
  }
  /** map[t] += g, taking over the caller's hold on g */
  accumulate(map: Map<Tensor, Tensor>, t: Tensor, g: Tensor): void {
    const prev = map.get(t);
    if (!prev) return void map.set(t, g);
    const sum = add(prev, g);
    this.hold(sum);
    map.set(t, sum);
    this.drop(prev);
    this.drop(g);
  }
}

/** Runs one rule; checks the shapes it returns (a wrong rule is named, not silently broadcast). */
function applyRule<K extends KernelName>(node: GradNode<K>, dys: readonly (Tensor | null)[]): (Tensor | null)[] {
  const needs = node.inputs.map((t) => t.tracked);
  const dxs: readonly (Tensor | null)[] = gradRule(node.kernel)({ node, dys, needs });
  return node.inputs.map((x, i) => {
    const dx = dxs[i] ?? null;
    if (!dx || !needs[i]) return null;
    if (!shapesEqual(dx.shape, x.shape)) {
      throw opError(
        `${node.kernel} gradient`,
        `expected a gradient of shape ${fmtShape(x.shape)} for input ${i}, got ${fmtShape(dx.shape)}`,
      );
    }
    return dx.dtype === x.dtype ? dx : cast(dx, x.dtype);
  });
}

/**
 * Backpropagates cotangents `cots` from `roots` to every leaf. With retainGraph false the nodes are freed
 * (their saved tensors let go, the library's own ones disposed), so a second sweep through them is an
 * error (PyTorch's rule; it keeps memory bounded). Every intermediate cotangent is disposed once used; the
 * returned gradients are the only tensors the sweep leaves alive.
 */
export function sweep(
  op: string,
  roots: readonly Tensor[],
  cots: readonly Tensor[],
  retainGraph: boolean,
): SweepResult {
  const nodes = reachableNodes(op, roots);
  const given = new Set(cots);
  const holds = new Holds((t) => !given.has(t));
  const result = noGrad(() =>
    owned(() => {
      const cot = new Map<Tensor, Tensor>();
      const grads = new Map<Tensor, Tensor>();
      const reached = new Set<Tensor>();
      roots.forEach((r, i) => {
        holds.hold(cots[i]);
        holds.accumulate(r.node ? cot : grads, r, cots[i]);
      });
      roots.forEach((r) => {
        if (!r.node) reached.add(r);
      });
      for (const node of nodes) {
        const dys = node.outputs.map((o) => cot.get(o) ?? null);
        node.outputs.forEach((o) => cot.delete(o));
        for (const x of node.inputs) if (!x.node && x.tracked) reached.add(x);
        if (dys.every((d) => d === null)) continue;
        const dxs = applyRule(node, dys);
        dxs.forEach((dx) => dx && holds.hold(dx));
        node.inputs.forEach((x, i) => {
          const dx = dxs[i];
          if (dx) holds.accumulate(x.node ? cot : grads, x, dx);
        });
        for (const dy of dys) if (dy) holds.drop(dy);
      }
      return { grads, reached };
    }),
  );
  if (!retainGraph) for (const n of nodes) freeNode(n);
  return result;
}
