/**
 * runKernel: the one door from ops to backends. It picks the backend, moves inputs there when that can be
 * done synchronously (host → GPU upload), runs the kernel and records the autograd node.
 *
 * Backend choice: the current backend (`cl.setBackend`), except that tensors already on the GPU keep the
 * op on the GPU — moving them to the cpu needs an async readback (`await t.to("cpu")`).
 */
import { currentBackendName, getBackendImpl, type BackendName } from "./backend";
import { opError } from "./errors";
import { checkAllowed } from "./forbid";
import { isGradEnabled, recordNode, type AnyGradNode, type GradNode } from "./grad_node";
import type { KernelAttrs, KernelName } from "./kernels";
import { Tensor } from "./tensor";

let nextNodeId = 1;

/** The backend a kernel over these inputs runs on. */
export function pickBackend(inputs: readonly Tensor[]): BackendName {
  const cur = currentBackendName();
  if (cur === "cpu" && inputs.some((t) => t.backend === "webgpu")) return "webgpu";
  return cur;
}

/** Moves a tensor to another backend synchronously (only cpu → other is possible). */
export function transferSync(t: Tensor, to: BackendName): Tensor {
  if (t.backend === to) return t;
  const from = getBackendImpl(t.backend);
  if (!from.readSync) {
    throw opError("transfer", `expected a tensor that can be read synchronously, got one on ${t.backend}: use await t.to("${to}")`);
  }
  return getBackendImpl(to).fromHost(from.readSync(t), t.shape, t.dtype);
}

export function runKernel<K extends KernelName>(name: K, inputs: readonly Tensor[], attrs: KernelAttrs<K>): Tensor[] {
  checkAllowed(name, true);
  for (const t of inputs) {
    if (t.isDisposed) throw opError(name, `expected live input tensors, got tensor #${t.id} after dispose()`);
  }
  const target = pickBackend(inputs);
  const backend = getBackendImpl(target);
  const moved = inputs.map((t) => transferSync(t, target));
  const outputs = backend.kernels[name](moved, attrs);
  if (isGradEnabled() && inputs.some((t) => t.tracked)) {
    const node: GradNode<K> = { id: nextNodeId++, kernel: name, attrs, inputs: [...inputs], outputs };
    outputs.forEach((o, i) => {
      if (o.dtype === "int32") return; // indices carry no gradient
      // GradNode<K> is one member of the AnyGradNode union for this K; TypeScript cannot narrow a generic
      // K to a member of a mapped union, so this one widening is asserted here (and nowhere else).
      o.node = node as unknown as AnyGradNode;
      o.outputIndex = i;
    });
    recordNode(node as unknown as AnyGradNode);
  }
  return outputs;
}

/** runKernel for single-output kernels. */
export function run1<K extends KernelName>(name: K, inputs: readonly Tensor[], attrs: KernelAttrs<K>): Tensor {
  return runKernel(name, inputs, attrs)[0];
}

/** A new tensor on the current backend from host data. */
export function fromHost(...args: Parameters<ReturnType<typeof getBackendImpl>["fromHost"]>): Tensor {
  return getBackendImpl(currentBackendName()).fromHost(...args);
}
