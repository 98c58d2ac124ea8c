/**
 * Interrupts for the execution process. A busy loop (`while (true) {}`), even after an `await`,
 * is stopped by the watchdog worker (watchdog_worker.js) with the inspector's terminateExecution,
 * which keeps the process and its globals; a pending `await` is stopped by rejecting the cell's
 * interrupt promise. Both arrive here as `onInterrupt`.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export interface Watchdog {
  /** Resolves when the worker is running and listening to the pipe. */
  ready: Promise<void>;
  /** Marks the TypeScript compiler as running: the watchdog waits instead of terminating it. */
  inCompiler<T>(f: () => T): T;
}

export function startWatchdog(root: string, fd: number, onInterrupt: () => void): Watchdog {
  const shared = new SharedArrayBuffer(8);
  const flags = new Int32Array(shared);
  const worker = new Worker(join(root, "kernel", "exec", "watchdog_worker.js"), { workerData: { flags: shared, fd } });
  worker.unref();
  let handled = 0;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  worker.on("message", (m: { seq: number; ready?: boolean }) => {
    if (m.ready) return markReady();
    if (m.seq <= handled) return;
    handled = m.seq;
    Atomics.store(flags, 0, m.seq);
    Atomics.notify(flags, 0);
    onInterrupt();
  });
  worker.on("error", (e) => process.stderr.write(`[convlab] interrupt watchdog failed: ${String(e)}\n`));
  return {
    ready,
    inCompiler(f) {
      Atomics.store(flags, 1, 1);
      try {
        return f();
      } finally {
        Atomics.store(flags, 1, 0);
        Atomics.notify(flags, 1);
      }
    },
  };
}
