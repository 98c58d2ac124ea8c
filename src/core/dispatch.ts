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
import { GradNode, isGradEnabled, recordNode } from "./grad_node";
import type { KernelAttrs, KernelInputs, KernelName, KernelOutputs } from "./kernels";
import type { Tensor } from "./tensor";

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
    throw opError(
      "transfer",
      `expected a tensor that can be read synchronously, got one on ${t.backend}: use await t.to("${to}")`,
    );
  }
  return getBackendImpl(to).fromHost(from.readSync(t), t.shape, t.dtype);
}

/**
 * xs.map(f) with xs's tuple type kept. TypeScript types Array#map on a tuple as `Tensor[]` (it cannot
 * express "the same length"), so this is the one place the kernel contract is asserted rather than
 * inferred; `f` maps a tensor to a tensor, which keeps every element's type.
 */
function mapTensors<T extends readonly Tensor[]>(xs: T, f: (t: Tensor) => Tensor): T {
  return xs.map(f) as readonly Tensor[] as T;
}

export function runKernel<K extends KernelName>(
  name: K,
  inputs: KernelInputs<K>,
  attrs: KernelAttrs<K>,
): KernelOutputs<K> {
  checkAllowed(name, true);
  for (const t of inputs) {
    if (t.isDisposed) throw opError(name, `expected live input tensors, got tensor #${t.id} after dispose()`);
  }
  const target = pickBackend(inputs);
  const backend = getBackendImpl(target);
  const outputs = backend.kernels[name](
    mapTensors(inputs, (t) => transferSync(t, target)),
    attrs,
  );
  if (isGradEnabled() && inputs.some((t) => t.tracked)) {
    const node = new GradNode(nextNodeId++, name, attrs, inputs, outputs);
    outputs.forEach((o, i) => {
      if (o.dtype === "int32") return; // indices carry no gradient
      o.node = node;
      o.outputIndex = i;
    });
    recordNode(node);
  }
  return outputs;
}

/** runKernel for single-output kernels (and the first output of the others). */
export function run1<K extends KernelName>(name: K, inputs: KernelInputs<K>, attrs: KernelAttrs<K>): Tensor {
  return runKernel(name, inputs, attrs)[0];
}

/** A new tensor on the current backend from host data. */
export function fromHost(...args: Parameters<ReturnType<typeof getBackendImpl>["fromHost"]>): Tensor {
  return getBackendImpl(currentBackendName()).fromHost(...args);
}
