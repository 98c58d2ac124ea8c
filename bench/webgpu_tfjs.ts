/**
 * Loads `@tensorflow/tfjs-backend-webgpu` on its own Dawn instance (npm `webgpu`) for the benchmark.
 * Set-up (docs/webgpu.md, "Dawn in Node"): Dawn's globals, `navigator.gpu` and a `WorkerGlobalScope`
 * (its isWebGPUSupported() wants a browser or a worker) must exist before tfjs is imported.
 */
import type * as tfcore from "@tensorflow/tfjs-core";

export interface TfjsLike {
  randomNormal(shape: number[]): tfcore.Tensor4D;
  conv2d(x: tfcore.Tensor4D, w: tfcore.Tensor4D, strides: number, pad: "same" | "valid"): tfcore.Tensor4D;
  /** the gradient kernels tf.grad runs (Conv2DBackpropInput / Conv2DBackpropFilter), called directly */
  conv2dDx(dy: tfcore.Tensor4D, w: tfcore.Tensor4D, xShape: number[], pad: "same" | "valid"): tfcore.Tensor4D;
  conv2dDw(x: tfcore.Tensor4D, dy: tfcore.Tensor4D, wShape: number[], pad: "same" | "valid"): tfcore.Tensor4D;
}

/** the GPU instance tfjs uses, held for the process's lifetime (collecting it while in use crashes node) */
let held: unknown = null;

export async function loadTfjsWebgpu(): Promise<TfjsLike | null> {
  try {
    const dawn = await import("webgpu");
    const g = globalThis as Record<string, unknown>;
    for (const [k, v] of Object.entries(dawn.globals)) if (!(k in g)) g[k] = v;
    held = dawn.create([]);
    g.navigator = { gpu: held, userAgent: "node" };
    g.WorkerGlobalScope ??= class {};
    const tf = await import("@tensorflow/tfjs-core");
    await import("@tensorflow/tfjs-backend-webgpu");
    if (!(await tf.setBackend("webgpu"))) return null;
    await tf.ready();
    return {
      randomNormal: (s) => tf.randomNormal([s[0], s[1], s[2], s[3]]),
      conv2d: (x, w, s, pad) => tf.conv2d(x, w, [s, s], pad),
      conv2dDx: (dy, w, inputShape, pad) =>
        tf
          .engine()
          .runKernel<tfcore.Tensor4D>(
            "Conv2DBackpropInput",
            { dy, filter: w },
            { strides: [1, 1], pad, dataFormat: "NHWC", inputShape },
          ),
      conv2dDw: (x, dy, filterShape, pad) =>
        tf
          .engine()
          .runKernel<tfcore.Tensor4D>(
            "Conv2DBackpropFilter",
            { x, dy },
            { strides: [1, 1], pad, dataFormat: "NHWC", filterShape },
          ),
    };
  } catch (e) {
    console.warn(`tfjs-webgpu unavailable: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
