// TEMPORARY placeholder, replaced by the conv family implementation.
import type { KernelFn } from "../../core/backend";
const todo = (k: string) => (): never => { throw new Error(`${k}: cpu kernel not written yet`); };
export const unfoldCpu: KernelFn<"unfold"> = todo("unfold");
export const foldCpu: KernelFn<"fold"> = todo("fold");
