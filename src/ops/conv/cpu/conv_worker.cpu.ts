/**
 * Worker-thread entry of conv_threads.cpu.ts: runs one of the fast conv kernels on the range it is sent, over
 * shared memory, and reports through the Atomics control word (the main thread is blocked in Atomics.wait).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FloatArray } from "../../../core/dtype";
import type { Geom3 } from "../geometry/conv_geometry_3d";
import { convFast, convTransposeFast, convWeightGradFast } from "./conv_gemm.cpu";

export const IDLE = 1, BUSY = 2, DONE = 3, FAILED = 4;

export type SplitKernel = "conv" | "convTranspose" | "convWeightGrad";

export interface ConvJob {
  kind: SplitKernel;
  g: Geom3;
  a: FloatArray;
  b: FloatArray;
  out: FloatArray;
  /** the share: flat (n, group, position) range for conv, (n, group) blocks for convTranspose, output channels for convWeightGrad */
  f0: number;
  f1: number;
}

/** Runs a job's share (also used by the main thread for its own). */
export function runJob(j: ConvJob): void {
  if (j.kind === "conv") convFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1);
  else if (j.kind === "convTranspose") convTransposeFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1);
  else convWeightGradFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1);
}

if (parentPort && workerData?.convlabConvWorker) {
  const ctl: Int32Array = workerData.ctl;
  parentPort.on("message", (job: ConvJob) => {
    try {
      runJob(job);
      Atomics.store(ctl, 0, DONE);
    } catch {
      Atomics.store(ctl, 0, FAILED);
    }
    Atomics.notify(ctl, 0);
  });
  Atomics.store(ctl, 0, IDLE);
  Atomics.notify(ctl, 0);
}
