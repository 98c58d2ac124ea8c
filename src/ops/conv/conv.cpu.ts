// TEMPORARY placeholder, replaced by the conv family implementation.
import type { KernelFn } from "../../core/backend";
const todo = (k: string) => (): never => { throw new Error(`${k}: cpu kernel not written yet`); };
export const convCpu: KernelFn<"conv"> = todo("conv");
export const convTransposeCpu: KernelFn<"convTranspose"> = todo("convTranspose");
export const convWeightGradCpu: KernelFn<"convWeightGrad"> = todo("convWeightGrad");
