/**
 * cpu kernel of `fft`: the unnormalised complex DFT along one axis of (re, im), in float64.
 *   forward: X_k = Σ_j x_j e^{−2πi jk/n}      inverse: x_j = Σ_k X_k e^{+2πi jk/n}   (no 1/n here)
 * The inverse reuses the forward plan: swapping re and im is z ↦ i·conj(z), and
 * swap(DFT(swap(x))) = conj(DFT(conj x)) = the e^{+2πi} sum. Inputs may be strided views (read with their
 * strides); outputs are contiguous and keep the inputs' dtype (float64 if either input is float64).
 */
import type { KernelFn } from "../../core/backend";
import { allocArray, promoteTypes } from "../../core/dtype";
import { opError, fmtShape } from "../../core/errors";
import { contiguousStrides, shapesEqual, sizeOf } from "../../core/shape";
import { cpuArray, cpuFromData } from "../../backends/cpu/cpu_storage";
import { getFftPlan } from "./fft_plan";

export const fftCpu: KernelFn<"fft"> = ([re, im], { axis, inverse }) => {
  if (!shapesEqual(re.shape, im.shape)) {
    throw opError("fft", `expected re and im of equal shape, got ${fmtShape(re.shape)} and ${fmtShape(im.shape)}`);
  }
  const shape = re.shape, size = sizeOf(shape);
  const dtype = promoteTypes(re.dtype, im.dtype) === "float64" ? "float64" : "float32";
  const outRe = allocArray(dtype, size), outIm = allocArray(dtype, size);
  const n = shape[axis];
  if (size > 0) {
    const a = cpuArray(re), b = cpuArray(im);
    const plan = getFftPlan(n);
    const work = new Float64Array(plan.workSize);
    const lr = new Float64Array(n), li = new Float64Array(n);
    // with the swap trick, the line read from `re` goes into the imaginary slot for the inverse
    const [pr, pi] = inverse ? [li, lr] : [lr, li];
    const os = contiguousStrides(shape);
    const sa = a.stride[axis], sb = b.stride[axis], so = os[axis];
    const others = shape.map((_, d) => d).filter((d) => d !== axis);
    const counter = new Array<number>(others.length).fill(0);
    let offA = a.offset, offB = b.offset, offO = 0;
    for (let line = 0, lines = size / n; line < lines; line++) {
      for (let t = 0; t < n; t++) { pr[t] = a.data[offA + t * sa]; pi[t] = b.data[offB + t * sb]; }
      plan.forward(lr, li, work);
      for (let t = 0; t < n; t++) { outRe[offO + t * so] = pr[t]; outIm[offO + t * so] = pi[t]; }
      // odometer over every axis but `axis`, last axis fastest
      for (let k = others.length - 1; k >= 0; k--) {
        const d = others[k];
        offA += a.stride[d]; offB += b.stride[d]; offO += os[d];
        if (++counter[k] < shape[d]) break;
        offA -= a.stride[d] * shape[d]; offB -= b.stride[d] * shape[d]; offO -= os[d] * shape[d];
        counter[k] = 0;
      }
    }
  }
  return [cpuFromData(outRe, shape, dtype), cpuFromData(outIm, shape, dtype)];
};
