/**
 * What a `forbid` list names: an op family (every public op of it and the primitive kernels that compute it)
 * or a single public op (`"maxPool2d"`). The families follow the library's op folders; `conv` includes the
 * FFT-based convolutions (`fftConv`, `fftConvolve`) because they compute the same answer.
 */
import { withForbidden } from "../core/forbid";

export const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  conv: [
    "conv1d",
    "conv2d",
    "conv3d",
    "convTranspose1d",
    "convTranspose2d",
    "convTranspose3d",
    "convolve",
    "correlate",
    "fftConv",
    "fftConvolve",
    "convMatrix",
    "convMatrix2d",
    "separableConv2d",
    "locallyConnected1d",
    "locallyConnected2d",
    "tiledConv2d",
    "conv",
    "convTranspose",
    "convWeightGrad",
  ],
  unfold: ["unfold", "fold"],
  pool: [
    "maxPool1d",
    "maxPool2d",
    "maxPool3d",
    "avgPool1d",
    "avgPool2d",
    "avgPool3d",
    "lpPool1d",
    "lpPool2d",
    "kMaxPool1d",
    "globalAvgPool",
    "globalMaxPool",
    "adaptiveAvgPool1d",
    "adaptiveAvgPool2d",
    "adaptiveAvgPool3d",
    "adaptiveMaxPool1d",
    "adaptiveMaxPool2d",
    "adaptiveMaxPool3d",
    "pool",
    "avgPoolGrad",
  ],
  fft: [
    "fft",
    "ifft",
    "rfft",
    "irfft",
    "fftn",
    "ifftn",
    "fft2",
    "ifft2",
    "rfftn",
    "irfftn",
    "rfft2",
    "irfft2",
    "fftConv",
    "fftConvolve",
  ],
  matmul: ["matmul", "dot"],
};

/** The public ops and kernels a forbid list stands for. */
export function expandForbid(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    if (typeof n !== "string" || n === "")
      throw new TypeError(`grading.forbid: expected op or family names, got ${JSON.stringify(n)}`);
    for (const op of FAMILIES[n] ?? [n]) out.add(op);
  }
  return out;
}

/** Runs `fn` (the student's code) with these ops forbidden; their calls throw `<op> is not allowed in this exercise`. */
export function forbid<T>(names: readonly string[], fn: () => T): T {
  return withForbidden(expandForbid(names), fn);
}
