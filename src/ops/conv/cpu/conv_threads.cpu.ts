/**
 * Splits a large convolution kernel over worker threads (the cpu backend's kernels are synchronous, so
 * the main thread computes its own share and then blocks in Atomics.wait until the workers are done).
 * Shares are disjoint parts of the output computed with the same arithmetic, so the result is
 * bit-identical to the single-threaded one: conv splits the flat (n, group, position) range,
 * convTranspose the (n, group) blocks of dx (col2im overlaps stay inside a block), convWeightGrad the
 * output channels of dw.
 *
 * The pool starts lazily on the first large conv (that call still runs on one thread, no waiting on
 * start-up), has availableParallelism − 1 workers (at most 3), and is unref'd so it never keeps the
 * process alive. CONVLAB_CPU_THREADS=1 turns it off. A worker's own exceptions are reported as FAILED and
 * its share is recomputed on the main thread. Inputs are copied into SharedArrayBuffers (a memcpy,
 * small next to the conv) and the output is allocated there.
 */
import * as os from "node:os";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { FloatArray, FloatDType } from "../../../core/dtype";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { BUSY, DONE, FAILED, IDLE, runJob, type ConvJob, type SplitKernel } from "./conv_worker.cpu";

/** Below this many flops a thread hand-off costs more than it saves. */
export const THREAD_MIN_FLOPS = 8e6;

interface Slot {
  worker: Worker;
  ctl: Int32Array;
}

let pool: Slot[] | null = null;

function threadCount(): number {
  const env = Number(process.env.CONVLAB_CPU_THREADS);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(Number.isInteger(env) && env > 0 ? env : cores, 4));
}

function startPool(): Slot[] {
  const ext = path.extname(__filename),
    file = path.join(__dirname, `conv_worker.cpu${ext}`);
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
  const s =
    a instanceof Float64Array
      ? new Float64Array(new SharedArrayBuffer(a.byteLength))
      : new Float32Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}

function allocOut(dtype: FloatDType, n: number, sharedMem: boolean): FloatArray {
  const bytes = n * (dtype === "float64" ? 8 : 4);
  const buf = sharedMem ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return dtype === "float64" ? new Float64Array(buf) : new Float32Array(buf);
}

/** Output length and the size of the range that is split, per kernel (a kernel without them does not compile). */
const LAYOUT: { readonly [K in SplitKernel]: (g: ConvGeometry3d) => { outLen: number; total: number } } = {
  conv: (g) => ({ outLen: g.N * g.O * g.L, total: g.N * g.G * g.L }),
  convTranspose: (g) => ({ outLen: g.N * g.C * g.inLen, total: g.N * g.G }),
  convWeightGrad: (g) => ({ outLen: g.O * g.Cg * g.K, total: g.O }),
};

/**
 * kind(a, b) — conv(x, w), convTranspose(dy, w) or convWeightGrad(x, dy) — on several threads when it is
 * large and the pool is up; the result is a fresh array of `dtype`.
 */
export function runConvKernel(
  kind: SplitKernel,
  g: ConvGeometry3d,
  a: FloatArray,
  b: FloatArray,
  dtype: FloatDType,
): FloatArray {
  const { outLen, total } = LAYOUT[kind](g),
    flops = 2 * g.N * g.O * g.L * g.Cg * g.K;
  const single = (): FloatArray => {
    const out = allocOut(dtype, outLen, false);
    runJob({ kind, g, a, b, out, f0: 0, f1: total });
    return out;
  };
  if (flops < THREAD_MIN_FLOPS || total < 2 || threadCount() < 2) return single();
  pool ??= startPool();
  const ready = pool.filter((s) => Atomics.load(s.ctl, 0) === IDLE).slice(0, total - 1);
  if (ready.length === 0) return single();
  const out = allocOut(dtype, outLen, true);
  const parts = ready.length + 1,
    as = shared(a),
    bs = shared(b);
  const bound = (p: number) => Math.round((p * total) / parts);
  const share = (p: number): ConvJob => ({ kind, g, a: as, b: bs, out, f0: bound(p), f1: bound(p + 1) });
  ready.forEach((s, i) => {
    Atomics.store(s.ctl, 0, BUSY);
    try {
      s.worker.postMessage(share(i + 1));
    } catch {
      Atomics.store(s.ctl, 0, FAILED); // never sent: the wait below sees FAILED and redoes the share here
    }
  });
  runJob(share(0));
  ready.forEach((s, i) => {
    while (Atomics.load(s.ctl, 0) === BUSY) Atomics.wait(s.ctl, 0, BUSY, 1000);
    if (Atomics.load(s.ctl, 0) !== DONE)
      runJob(share(i + 1)); // a failed worker's share, redone here
    else Atomics.store(s.ctl, 0, IDLE);
  });
  return out;
}
