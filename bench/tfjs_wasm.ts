/**
 * tfjs-backend-wasm (XNNPACK, WebAssembly SIMD) as a benchmark contender in Node: its .wasm files are
 * loaded from its npm package (setWasmPaths); it runs on one thread in Node (its threaded build needs
 * blob: workers, shared/notes/perf-baselines.md). It has Conv2D and Conv2DBackpropInput, no
 * Conv2DBackpropFilter and no FFT.
 */
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

/** Registers the backend; returns false (with the reason on stderr) when it cannot start here. */
export async function startTfjsWasm(): Promise<boolean> {
  setWasmPaths(
    path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep,
  );
  try {
    return await tf.setBackend("wasm");
  } catch (e) {
    console.error(`tfjs-backend-wasm unavailable: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

export { tf };
