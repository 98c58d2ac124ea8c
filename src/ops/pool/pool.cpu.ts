// TEMPORARY placeholder, replaced by the pooling implementation.
import type { KernelFn } from "../../core/backend";
const todo = (k: string) => (): never => { throw new Error(`${k}: cpu kernel not written yet`); };
export const poolCpu: KernelFn<"pool"> = todo("pool");
export const avgPoolGradCpu: KernelFn<"avgPoolGrad"> = todo("avgPoolGrad");
