/**
 * Splits a large forward convolution over worker threads (the cpu backend's kernels are synchronous, so
 * the main thread computes its own share and then blocks in Atomics.wait until the workers are done).
 * Each thread computes a disjoint flat range of (n, group, output position) with the same arithmetic, so
 * the result is bit-identical to the single-threaded one.
 *
 * The pool starts lazily on the first large conv (that call still runs on one thread, no waiting on
 * start-up), has availableParallelism − 1 workers (at most 3), and is unref'd so it never keeps the
 * process alive. CONVLAB_CPU_THREADS=1 turns it off. Inputs are copied into SharedArrayBuffers (a memcpy,
 * small next to the conv) and the output is allocated there.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { FloatArray, FloatDType } from "../../core/dtype";
import type { Geom3 } from "./conv3";
import { convFast } from "./conv_fast";
import { BUSY, DONE, FAILED, IDLE, type ConvJob } from "./conv_worker";

/** Below this many flops a thread hand-off costs more than it saves. */
export const THREAD_MIN_FLOPS = 8e6;

interface Slot { worker: Worker; ctl: Int32Array }

let pool: Slot[] | null = null;

function threadCount(): number {
  const env = Number(process.env.CONVLAB_CPU_THREADS);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(Number.isInteger(env) && env > 0 ? env : cores, 4));
}

function startPool(): Slot[] {
  const ext = path.extname(__filename), file = path.join(__dirname, `conv_worker${ext}`);
  // from source (tests, notebooks under tsx) the worker needs tsx's require hook: worker threads do not
  // inherit `--import tsx`; the built package (dist/*.js) needs nothing
  const execArgv = ext === ".ts" ? ["--require", "tsx/cjs"] : undefined;
  const slots: Slot[] = [];
  for (let i = 1; i < threadCount(); i++) {
    const ctl = new Int32Array(new SharedArrayBuffer(4));
    try {
      const worker = new Worker(file, { workerData: { convlabConvWorker: true, ctl }, execArgv });
      worker.unref();
      worker.on("error", () => Atomics.store(ctl, 0, FAILED));
      slots.push({ worker, ctl });
    } catch {
      break; // no worker support here: stay single-threaded
    }
  }
  return slots;
}

function shared(a: FloatArray): FloatArray {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = a instanceof Float64Array ? new Float64Array(new SharedArrayBuffer(a.byteLength)) : new Float32Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}

function allocOut(dtype: FloatDType, n: number, sharedMem: boolean): FloatArray {
  const bytes = n * (dtype === "float64" ? 8 : 4);
  const buf = sharedMem ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return dtype === "float64" ? new Float64Array(buf) : new Float32Array(buf);
}

/** y = conv(x, w), on several threads when it is large and the pool is up. */
export function convThreaded(g: Geom3, x: FloatArray, w: FloatArray, dtype: FloatDType): FloatArray {
  const total = g.N * g.G * g.L, flops = 2 * total * g.Og * g.Cg * g.K;
  if (flops < THREAD_MIN_FLOPS || threadCount() < 2) {
    const y = allocOut(dtype, g.N * g.O * g.L, false);
    convFast(g, x, w, y);
    return y;
  }
  pool ??= startPool();
  const ready = pool.filter((s) => Atomics.load(s.ctl, 0) === IDLE);
  const y = allocOut(dtype, g.N * g.O * g.L, ready.length > 0);
  if (ready.length === 0) {
    convFast(g, x, w, y);
    return y;
  }
  const parts = ready.length + 1, xs = shared(x), ws = shared(w);
  const bound = (p: number) => Math.round((p * total) / parts);
  ready.forEach((s, i) => {
    Atomics.store(s.ctl, 0, BUSY);
    const job: ConvJob = { g, x: xs, w: ws, y, f0: bound(i + 1), f1: bound(i + 2) };
    s.worker.postMessage(job);
  });
  convFast(g, xs, ws, y, undefined, 0, bound(1));
  ready.forEach((s, i) => {
    while (Atomics.load(s.ctl, 0) === BUSY) Atomics.wait(s.ctl, 0, BUSY, 1000);
    if (Atomics.load(s.ctl, 0) !== DONE) convFast(g, xs, ws, y, undefined, bound(i + 1), bound(i + 2)); // a failed worker's share
    else Atomics.store(s.ctl, 0, IDLE);
  });
  return y;
}
