/**
 * The reverse sweep. dispatch.ts recorded a GradNode on every kernel output with a tracked input; node ids
 * grow with creation, so visiting the reachable nodes in decreasing id order is a topological order
 * (every node runs after all nodes that consumed its outputs). Each node's rule turns its outputs'
 * cotangents into its inputs' cotangents; contributions to one tensor are summed (the multivariate chain
 * rule, 003 Lemma 1.1.1: J_{H∘G} = J_H·J_G, applied one vector–Jacobian product at a time).
 */
import { opError, fmtShape } from "../core/errors";
import { noGrad, type AnyGradNode } from "../core/grad_node";
import { shapesEqual } from "../core/shape";
import type { Tensor } from "../core/tensor";
import { add } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";
import { gradRule } from "./rules";

/** Nodes whose graph a backward pass without retainGraph has released. */
const freed = new WeakSet<AnyGradNode>();

export interface SweepResult {
  /** summed cotangent of each leaf (tracked tensor without a node) reached by the sweep */
  grads: Map<Tensor, Tensor>;
  /** every leaf that some node used as an input, even where its cotangent was zero */
  reached: Set<Tensor>;
}

function reachableNodes(op: string, roots: readonly Tensor[]): AnyGradNode[] {
  const seen = new Set<AnyGradNode>();
  const stack = roots.map((r) => r.node).filter((n): n is AnyGradNode => n !== null);
  while (stack.length > 0) {
    const n = stack.pop() as AnyGradNode;
    if (seen.has(n)) continue;
    if (freed.has(n)) {
      throw opError(op, "expected a live autograd graph, got one already freed by an earlier backward() " +
        "(pass {retainGraph: true} to the first backward() to run it twice)");
    }
    seen.add(n);
    for (const t of n.inputs) if (t.node && !seen.has(t.node)) stack.push(t.node);
  }
  return [...seen].sort((a, b) => b.id - a.id);
}

function accumulate(map: Map<Tensor, Tensor>, t: Tensor, g: Tensor): void {
  const prev = map.get(t);
  map.set(t, prev ? add(prev, g) : g);
}

/** Runs one rule; checks the shapes it returns (a wrong rule is named, not silently broadcast). */
function applyRule(node: AnyGradNode, dys: (Tensor | null)[]): (Tensor | null)[] {
  const needs = node.inputs.map((t) => t.tracked);
  const rule = gradRule(node.kernel) as (ctx: { node: AnyGradNode; dys: (Tensor | null)[]; needs: boolean[] }) => (Tensor | null)[];
  const dxs = rule({ node, dys, needs });
  return node.inputs.map((x, i) => {
    const dx = dxs[i] ?? null;
    if (!dx || !needs[i]) return null;
    if (!shapesEqual(dx.shape, x.shape)) {
      throw opError(`${node.kernel} gradient`, `expected a gradient of shape ${fmtShape(x.shape)} for input ${i}, got ${fmtShape(dx.shape)}`);
    }
    return dx.dtype === x.dtype ? dx : cast(dx, x.dtype);
  });
}

/**
 * Backpropagates cotangents `cots` from `roots` to every leaf. With retainGraph false the nodes are
 * marked freed, so a second sweep through them is an error (PyTorch's rule; it keeps memory bounded).
 */
export function sweep(op: string, roots: readonly Tensor[], cots: readonly Tensor[], retainGraph: boolean): SweepResult {
  const nodes = reachableNodes(op, roots);
  return noGrad(() => {
    const cot = new Map<Tensor, Tensor>();
    const grads = new Map<Tensor, Tensor>();
    const reached = new Set<Tensor>();
    roots.forEach((r, i) => accumulate(r.node ? cot : grads, r, cots[i]));
    roots.forEach((r) => { if (!r.node) reached.add(r); });
    for (const node of nodes) {
      const dys = node.outputs.map((o) => cot.get(o) ?? null);
      node.outputs.forEach((o) => cot.delete(o));
      for (const x of node.inputs) if (!x.node && x.tracked) reached.add(x);
      if (dys.every((d) => d === null)) continue;
      const dxs = applyRule(node, dys);
      node.inputs.forEach((x, i) => {
        const dx = dxs[i];
        if (dx) accumulate(x.node ? cot : grads, x, dx);
      });
    }
    if (!retainGraph) for (const n of nodes) freed.add(n);
    return { grads, reached };
  });
}
