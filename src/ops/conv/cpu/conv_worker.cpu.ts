/**
 * Worker-thread entry of conv_threads.cpu.ts: runs one of the fast conv kernels on the range it is sent, over
 * shared memory, and reports through the Atomics control word (the main thread is blocked in Atomics.wait).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FloatArray } from "../../../core/dtype";
import type { ConvKernelName } from "../../../core/kernels";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { convFast, convTransposeFast, convWeightGradFast } from "./conv_gemm.cpu";

export const IDLE = 1,
  BUSY = 2,
  DONE = 3,
  FAILED = 4;

/** the kernels split over threads: all three of a convolution */
export type SplitKernel = ConvKernelName;

export interface ConvJob {
  kind: SplitKernel;
  g: ConvGeometry3d;
  a: FloatArray;
  b: FloatArray;
  out: FloatArray;
  /** the share: flat (n, group, position) range for conv, (n, group) blocks for convTranspose, output channels for convWeightGrad */
  f0: number;
  f1: number;
}

/** The fast kernel of each variant, run on a share [f0, f1): a variant without one does not compile. */
const FAST: { readonly [K in SplitKernel]: (j: ConvJob) => void } = {
  conv: (j) => convFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1),
  convTranspose: (j) => convTransposeFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1),
  convWeightGrad: (j) => convWeightGradFast(j.g, j.a, j.b, j.out, undefined, j.f0, j.f1),
};

/** Runs a job's share (also used by the main thread for its own). */
export function runJob(j: ConvJob): void {
  FAST[j.kind](j);
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
