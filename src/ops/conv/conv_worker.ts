/**
 * Worker-thread entry of conv_threads.ts: runs convFast on the flat output range it is sent, over shared
 * memory, and reports through the Atomics control word (the main thread is blocked in Atomics.wait).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { FloatArray } from "../../core/dtype";
import type { Geom3 } from "./conv3";
import { convFast } from "./conv_fast";

export const IDLE = 1, BUSY = 2, DONE = 3, FAILED = 4;

export interface ConvJob {
  g: Geom3;
  x: FloatArray;
  w: FloatArray;
  y: FloatArray;
  f0: number;
  f1: number;
}

if (parentPort && workerData?.convlabConvWorker) {
  const ctl: Int32Array = workerData.ctl;
  parentPort.on("message", (job: ConvJob) => {
    try {
      convFast(job.g, job.x, job.w, job.y, undefined, job.f0, job.f1);
      Atomics.store(ctl, 0, DONE);
    } catch {
      Atomics.store(ctl, 0, FAILED);
    }
    Atomics.notify(ctl, 0);
  });
  Atomics.store(ctl, 0, IDLE);
  Atomics.notify(ctl, 0);
}
