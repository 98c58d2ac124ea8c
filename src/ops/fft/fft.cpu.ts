// TEMPORARY placeholder, replaced by the FFT implementation.
import type { KernelFn } from "../../core/backend";
export const fftCpu: KernelFn<"fft"> = (): never => { throw new Error("fft: cpu kernel not written yet"); };
