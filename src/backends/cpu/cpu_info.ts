/** What cl.backendInfo().cpu reports: which kernels the cpu backend runs, on how many threads, and why. */
import { wasmStatus } from "./wasm/wasm_module";
import { liveWorkers, poolStats, threadCount } from "./wasm/wasm_pool";
import { recycledBytes, recycleStats } from "../../core/recycle";
import { convAlgoChoices, type ConvAlgoChoice } from "../../ops/conv/cpu/conv_algo.cpu";

export interface CpuInfo {
  /** "wasm": float32 conv / matmul on the WebAssembly SIMD kernels; "js": the TypeScript kernels everywhere */
  kernels: "wasm" | "js";
  /** why the TypeScript kernels run (null when the wasm kernels do) */
  reason: string | null;
  /** threads a parallel kernel may use, the main thread included (CONVLAB_CPU_THREADS) */
  threads: number;
  /** worker threads alive now (started on the first large kernel, ended by cl.shutdown()) */
  workers: number;
  /** shares run by workers so far */
  workerShares: number;
  /** shares posted to a worker that the main thread took back and ran because no worker had started them */
  takenBack: number;
  /** disposed tensors' buffers held for reuse (bytes), and how many allocations reused one so far */
  recycledBytes: number;
  reusedBuffers: number;
  /** bytes of the shared WebAssembly memory (the kernels' scratch: grows on demand, never shrinks) */
  wasmMemoryBytes: number;
  /** the conv algorithm chosen per shape, with the measured times */
  convAlgos: ConvAlgoChoice[];
}

export function cpuInfo(): CpuInfo {
  const s = wasmStatus();
  return {
    kernels: s.kernels,
    reason: s.reason,
    threads: threadCount(),
    workers: liveWorkers(),
    workerShares: poolStats.posted - poolStats.takenBack,
    takenBack: poolStats.takenBack,
    recycledBytes: recycledBytes(),
    reusedBuffers: recycleStats.reused,
    wasmMemoryBytes: s.memoryBytes,
    convAlgos: convAlgoChoices(),
  };
}
