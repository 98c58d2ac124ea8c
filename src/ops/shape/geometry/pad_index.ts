/**
 * Where each padded position reads from, per axis (−1 = the constant value). PyTorch's rules:
 * reflect mirrors without repeating the edge (needs pad < n), replicate clamps, circular wraps.
 * Shared by the cpu pad kernel, the WebGPU pad kernel's host code and the pad gradient.
 */
import type { PadMode } from "../../../core/kernels";

export function padSourceIndex(o: number, lo: number, n: number, mode: PadMode): number {
  const i = o - lo;
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case "constant":
      return -1;
    case "replicate":
      return i < 0 ? 0 : n - 1;
    case "circular":
      return ((i % n) + n) % n;
    case "reflect": {
      if (n === 1) return 0;
      const period = 2 * (n - 1);
      let m = ((i % period) + period) % period;
      if (m >= n) m = period - m;
      return m;
    }
  }
}

export function padAxisMap(lo: number, hi: number, n: number, mode: PadMode): Int32Array {
  const out = new Int32Array(lo + n + hi);
  for (let o = 0; o < out.length; o++) out[o] = padSourceIndex(o, lo, n, mode);
  return out;
}
