/**
 * What the main thread and the pool's workers share (wasm_pool.ts, wasm_worker.ts): the names of the
 * wasm exports a job may call, and the layout of the control block, a SharedArrayBuffer apart from the
 * wasm memory. Per worker w: state word ctl[w] (Int32), and ARG_SLOTS float64 slots
 * args[w·ARG_SLOTS …]: [export index, argument count, arguments…] (pointers and sizes fit exactly).
 */

/** The wasm exports a job may run (index = position). */
export const JOB_EXPORTS = [
  "convForward",
  "convCols",
  "convWeightGrad",
  "convDirect",
  "padPlanes",
  "winogradForward",
  "winogradGradTransforms",
  "winogradGemms",
  "gemmBatch",
  "fftLines",
  "fftSplitPairs",
  "poolPlanes",
] as const;
export type JobExport = (typeof JOB_EXPORTS)[number];

/**
 * Worker states: STARTING until its instance is ready; main sets JOB; the worker claims it (JOB → RUNNING,
 * one compare-exchange) and ends it DONE or FAILED — unless main took the share back first (JOB → IDLE).
 */
export const STARTING = 0,
  IDLE = 1,
  JOB = 2,
  DONE = 3,
  FAILED = 4,
  STOP = 5,
  RUNNING = 6;

export const ARG_SLOTS = 16;
export const MAX_WORKERS = 15;

export interface WorkerInit {
  convlabWasmWorker: true;
  index: number;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctl: SharedArrayBuffer;
  args: SharedArrayBuffer;
  /** where the worker posts the text of an error */
  port: import("node:worker_threads").MessagePort;
}
