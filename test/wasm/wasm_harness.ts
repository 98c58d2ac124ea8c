/**
 * Helpers for the wasm kernel tests: run a function with a given CONVLAB_CPU_THREADS, once the pool's
 * workers have started (the first parallel call starts them and runs on one thread).
 */
import { readyWorkers } from "../../src/backends/cpu/wasm/wasm_pool";

export async function withThreads<T>(n: number, f: () => T): Promise<T> {
  const before = process.env.CONVLAB_CPU_THREADS;
  process.env.CONVLAB_CPU_THREADS = String(n);
  try {
    f(); // starts the pool if needed
    for (let i = 0; i < 200 && readyWorkers() < n - 1; i++) await new Promise((r) => setTimeout(r, 25));
    if (readyWorkers() < n - 1)
      throw new Error(`expected ${n - 1} wasm worker(s) ready within 5 s, got ${readyWorkers()}`);
    return f();
  } finally {
    if (before === undefined) delete process.env.CONVLAB_CPU_THREADS;
    else process.env.CONVLAB_CPU_THREADS = before;
  }
}
