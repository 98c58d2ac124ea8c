/**
 * The pool of worker threads that run wasm kernels over the shared memory. A parallel call is a list of
 * shares (disjoint parts of one output, the same arithmetic for each element whatever the split, so the
 * result is bit-identical for any number of threads): the main thread posts shares 1… to idle workers,
 * runs share 0 itself, then runs any share no worker took, takes back every posted share that no worker
 * has started yet and runs it too, and waits (Atomics.wait: the cpu backend's kernels are synchronous)
 * for the shares that are running. Taking back bounds a call by its one-thread time: a worker woken while
 * V8's collector or compiler holds the other core can start milliseconds late (measured: the median
 * LeNet-5 conv took 3x its minimum on 2 threads, and 2-thread training ran 11 % slower than 1-thread).
 *
 * Threads: CONVLAB_CPU_THREADS (default: the machine's cores, at most 16) including the main thread. The
 * workers start lazily on the first parallel call (that call runs on one thread: no waiting on start-up),
 * are unref'd (they never keep the process alive) and end with cl.shutdown().
 * A share that throws in a worker becomes an error naming the op. An interrupt of the main thread (the
 * notebook kernel's terminateExecution) can leave workers finishing an old share: every call first waits
 * for them, so the next call never shares memory with a stale job.
 */
import * as os from "node:os";
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { opError } from "../../../core/errors";
import type { WasmRuntime } from "./wasm_module";
import {
  ARG_SLOTS,
  DONE,
  FAILED,
  IDLE,
  JOB,
  JOB_EXPORTS,
  MAX_WORKERS,
  RUNNING,
  STARTING,
  STOP,
  type JobExport,
  type WorkerInit,
} from "./wasm_protocol";

export interface Share {
  fn: JobExport;
  args: readonly number[];
}

interface Pool {
  workers: Worker[];
  ports: MessagePort[];
  ctl: Int32Array;
  args: Float64Array;
}

let pool: Pool | null = null;

/**
 * Shares posted to workers so far, and how many of those the main thread took back before a worker
 * started them (tests check that threads took part; cl.backendInfo().cpu shows what workers ran).
 */
export const poolStats = { posted: 0, takenBack: 0, calls: 0 };

/** Below this many flops a thread hand-off costs more than it saves (measured wake-up ~20-50 µs). */
export const WASM_THREAD_MIN_FLOPS = 4e6;

/** How many shares a call of `flops` over `units` splittable units gets. */
export function partsFor(flops: number, units: number): number {
  return flops < WASM_THREAD_MIN_FLOPS ? 1 : Math.max(1, Math.min(threadCount(), units));
}

/** The first unit of share p when `total` units are split into `parts` shares (the last ends at total). */
export const bound = (p: number, parts: number, total: number): number => Math.round((p * total) / parts);

/** Threads a parallel call may use, the main thread included. */
export function threadCount(): number {
  const env = Number(process.env.CONVLAB_CPU_THREADS);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(Number.isInteger(env) && env > 0 ? env : cores, MAX_WORKERS + 1));
}

function start(rt: WasmRuntime): Pool {
  const n = threadCount() - 1;
  const ctlBuf = new SharedArrayBuffer(4 * Math.max(n, 1)),
    argBuf = new SharedArrayBuffer(8 * ARG_SLOTS * Math.max(n, 1));
  const ext = path.extname(__filename),
    file = path.join(__dirname, `wasm_worker${ext}`);
  // from the sources (tests, tsx) a worker needs tsx's require hook; the built package needs nothing
  const execArgv = ext === ".ts" ? ["--require", "tsx/cjs"] : undefined;
  const p: Pool = { workers: [], ports: [], ctl: new Int32Array(ctlBuf), args: new Float64Array(argBuf) };
  for (let i = 0; i < n; i++) {
    // errors come back on a port of their own, which the main thread reads synchronously
    // (receiveMessageOnPort) while it is blocked in a kernel call and its event loop does not turn
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = {
      convlabWasmWorker: true,
      index: i,
      module: rt.module,
      memory: rt.memory,
      ctl: ctlBuf,
      args: argBuf,
      port: port1,
    };
    try {
      const worker = new Worker(file, { workerData: init, execArgv, transferList: [port1] });
      worker.unref();
      worker.on("error", () => Atomics.store(p.ctl, i, STOP));
      p.workers.push(worker);
      port2.unref();
      p.ports.push(port2);
    } catch {
      break; // no worker threads here: the main thread does every share
    }
  }
  return p;
}

/**
 * After an interrupt: withdraws old shares no worker started, waits for the ones running, and marks
 * finished workers idle.
 */
function settle(p: Pool): void {
  p.workers.forEach((_, i) => {
    Atomics.compareExchange(p.ctl, i, JOB, IDLE);
    while (Atomics.load(p.ctl, i) === RUNNING) Atomics.wait(p.ctl, i, RUNNING, 100);
    const s = Atomics.load(p.ctl, i);
    if (s === DONE || s === FAILED) {
      while (receiveMessageOnPort(p.ports[i])) {
        /* an old share's error: its call is gone */
      }
      Atomics.store(p.ctl, i, IDLE);
    }
  });
}

/** Runs every share (share 0 on this thread); throws `op: …` if a share failed. */
export function runShares(rt: WasmRuntime, op: string, shares: readonly Share[]): void {
  if (shares.length > 1 && threadCount() > 1) pool ??= start(rt);
  const p = pool;
  poolStats.calls++;
  const posted: number[] = []; // worker of share s + 1, or −1 when the main thread runs it
  if (p) {
    settle(p);
    let w = 0;
    for (let s = 1; s < shares.length; s++) {
      while (w < p.workers.length && Atomics.load(p.ctl, w) !== IDLE) w++;
      if (w === p.workers.length) {
        posted.push(-1);
        continue;
      }
      const base = w * ARG_SLOTS,
        sh = shares[s];
      p.args[base] = JOB_EXPORTS.indexOf(sh.fn);
      p.args[base + 1] = sh.args.length;
      sh.args.forEach((v, k) => (p.args[base + 2 + k] = v));
      Atomics.store(p.ctl, w, JOB);
      Atomics.notify(p.ctl, w);
      posted.push(w++);
      poolStats.posted++;
    }
  }
  const errors: string[] = [];
  const local = (sh: Share) => {
    try {
      rt.call(sh.fn, sh.args);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  };
  local(shares[0]);
  for (let s = 1; s < shares.length; s++) if ((posted[s - 1] ?? -1) < 0) local(shares[s]);
  if (p) {
    posted.forEach((w, s) => {
      if (w >= 0 && Atomics.compareExchange(p.ctl, w, JOB, IDLE) === JOB) {
        poolStats.takenBack++;
        posted[s] = -1;
        local(shares[s + 1]);
      }
    });
    for (const w of posted) {
      if (w < 0) continue;
      while (Atomics.load(p.ctl, w) === RUNNING) Atomics.wait(p.ctl, w, RUNNING, 100);
      if (Atomics.load(p.ctl, w) === FAILED)
        errors.push(String(receiveMessageOnPort(p.ports[w])?.message ?? "unknown error"));
      if (Atomics.load(p.ctl, w) !== STOP) Atomics.store(p.ctl, w, IDLE);
    }
  }
  if (errors.length)
    throw opError(op, `expected its WebAssembly kernel to run, got an error on a cpu thread: ${errors[0]}`);
}

/** Workers alive now (0 before the first parallel call and after stopPool). */
export function liveWorkers(): number {
  return pool ? pool.workers.length : 0;
}

/** Workers that finished starting (the rest are STARTING or stopped). */
export function readyWorkers(): number {
  return pool
    ? pool.workers.filter((_, i) => Atomics.load(pool!.ctl, i) !== STARTING && Atomics.load(pool!.ctl, i) !== STOP)
        .length
    : 0;
}

/** Ends every worker (cl.shutdown()); a later parallel call starts a fresh pool. */
export async function stopPool(): Promise<void> {
  const p = pool;
  pool = null;
  if (!p) return;
  p.workers.forEach((_, i) => {
    Atomics.store(p.ctl, i, STOP);
    Atomics.notify(p.ctl, i);
  });
  await Promise.all(p.workers.map((w) => w.terminate()));
  p.ports.forEach((port) => port.close());
}
