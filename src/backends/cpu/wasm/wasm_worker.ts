/**
 * A worker of the wasm pool (wasm_pool.ts): instantiates the kernels over the shared memory, then sleeps
 * in Atomics.wait on its state word until the main thread posts a job (export + arguments in its
 * argument slots), claims it (JOB → RUNNING; the main thread may have taken it back first), runs it, and
 * reports DONE, or FAILED with the error's text on its port. It never
 * allocates in wasm memory: every pointer it gets was handed out by the main thread's arena.
 */
import { workerData } from "node:worker_threads";
import { ARG_SLOTS, DONE, FAILED, IDLE, JOB, JOB_EXPORTS, RUNNING, STOP, type WorkerInit } from "./wasm_protocol";

function serve(init: WorkerInit): void {
  const wasmExports = new WebAssembly.Instance(init.module, { env: { memory: init.memory } }).exports;
  const ctl = new Int32Array(init.ctl),
    args = new Float64Array(init.args);
  const fns = JOB_EXPORTS.map((name) => wasmExports[name]);
  const slot = init.index,
    base = slot * ARG_SLOTS;
  Atomics.store(ctl, slot, IDLE);
  Atomics.notify(ctl, slot);
  for (;;) {
    const state = Atomics.load(ctl, slot);
    if (state === STOP) return;
    if (state !== JOB) {
      Atomics.wait(ctl, slot, state);
      continue;
    }
    if (Atomics.compareExchange(ctl, slot, JOB, RUNNING) !== JOB) continue; // taken back by the main thread
    try {
      const f = fns[args[base]];
      if (typeof f !== "function") throw new Error(`no wasm export number ${args[base]}`);
      const n = args[base + 1];
      const a: number[] = [];
      for (let i = 0; i < n; i++) a.push(args[base + 2 + i]);
      (f as (...v: number[]) => unknown)(...a);
      Atomics.store(ctl, slot, DONE);
    } catch (e) {
      init.port.postMessage(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      Atomics.store(ctl, slot, FAILED);
    }
    Atomics.notify(ctl, slot);
  }
}

const init = workerData as WorkerInit | undefined;
if (init?.convlabWasmWorker) serve(init);
