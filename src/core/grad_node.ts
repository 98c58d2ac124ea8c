/**
 * The autograd record of one kernel call. `dispatch.ts` attaches a node to the outputs of every kernel
 * that has a tracked input while grad mode is on; `autograd/` walks these nodes backwards.
 */
import { opError } from "./errors";
import type { KernelAttrs, KernelInputs, KernelName, KernelOutputs } from "./kernels";
import type { Tensor } from "./tensor";

/**
 * One kernel call as autograd sees it, typed by its kernel's declaration: a rule reads `node.inputs` and
 * `node.outputs` as the kernel's named tuples. A tensor records `GradNode` (any kernel); a rule receives
 * `GradNode<K>`.
 */
export class GradNode<K extends KernelName = KernelName> {
  /** the tensors the rule reads (saved for backward); null once the node is freed */
  private saved: { readonly inputs: KernelInputs<K>; readonly outputs: KernelOutputs<K> } | null;

  constructor(
    readonly id: number,
    readonly kernel: K,
    readonly attrs: KernelAttrs<K>,
    inputs: KernelInputs<K>,
    outputs: KernelOutputs<K>,
  ) {
    this.saved = { inputs, outputs };
  }

  get inputs(): KernelInputs<K> {
    return this.live().inputs;
  }

  get outputs(): KernelOutputs<K> {
    return this.live().outputs;
  }

  /** a backward pass without retainGraph has released this node's graph */
  get isFreed(): boolean {
    return this.saved === null;
  }

  /** Lets go of the saved tensors and returns them (once; later calls return none). */
  release(): Tensor[] {
    if (!this.saved) return [];
    const { inputs, outputs } = this.saved;
    this.saved = null;
    return [...inputs, ...outputs];
  }

  private live(): { readonly inputs: KernelInputs<K>; readonly outputs: KernelOutputs<K> } {
    if (!this.saved) {
      throw opError(
        `${this.kernel} gradient`,
        "expected a live autograd graph, got one already freed by an earlier backward()",
      );
    }
    return this.saved;
  }
}

/** Counts the node's references on the tensors it saves (see `freeNode`). */
export function recordNode(n: GradNode): void {
  for (const t of n.inputs) t.graphRefs++;
  for (const t of n.outputs) t.graphRefs++;
}

/**
 * Frees a node after backward() used it (PyTorch frees the graph unless asked to retain it): the node lets
 * go of its saved tensors, and those only the library ever saw (internal) are disposed once no node needs
 * them. Tensors the user holds stay valid; the node itself stays as a marker that its graph is gone.
 */
export function freeNode(n: GradNode): void {
  for (const t of n.release()) {
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
