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
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
}

export type AnyGradNode = { [K in KernelName]: GradNode<K> }[KernelName];

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

/** Async variant of noGrad for code that awaits inside. */
export async function noGradAsync<T>(fn: () => Promise<T>): Promise<T> {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return await fn();
  } finally {
    gradEnabled = prev;
  }
}
