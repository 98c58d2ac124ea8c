/**
 * The autograd record of one kernel call. `dispatch.ts` attaches a node to the outputs of every kernel
 * that has a tracked input while grad mode is on; `autograd/` walks these nodes backwards.
 */
import type { KernelAttrs, KernelName } from "./kernels";
import type { Tensor } from "./tensor";

export interface GradNode<K extends KernelName> {
  readonly id: number;
  readonly kernel: K;
  readonly attrs: KernelAttrs<K>;
  /** the tensors the rule reads (saved for backward); emptied when the node is freed */
  inputs: readonly Tensor[];
  outputs: readonly Tensor[];
}

export type AnyGradNode = { [K in KernelName]: GradNode<K> }[KernelName];

/** Nodes whose graph a backward pass without retainGraph has released. */
const freed = new WeakSet<AnyGradNode>();

export function isFreed(n: AnyGradNode): boolean {
  return freed.has(n);
}

/** Counts the node's references on the tensors it saves (see `freeNode`). */
export function recordNode(n: AnyGradNode): void {
  for (const t of n.inputs) t.graphRefs++;
  for (const t of n.outputs) t.graphRefs++;
}

/**
 * Frees a node after backward() used it (PyTorch frees the graph unless asked to retain it): the node lets
 * go of its saved tensors, and those only the library ever saw (internal) are disposed once no node needs
 * them. Tensors the user holds stay valid; the node itself stays as a marker that its graph is gone.
 */
export function freeNode(n: AnyGradNode): void {
  if (freed.has(n)) return;
  freed.add(n);
  const saved = [...n.inputs, ...n.outputs];
  n.inputs = [];
  n.outputs = [];
  for (const t of saved) {
    if (--t.graphRefs === 0 && t.internal) t.dispose();
  }
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs fn with gradient recording off (like torch.no_grad()). */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}
