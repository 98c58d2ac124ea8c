/** cpu kernel of `concat`: each input is assigned into its slab of the output (strided copies). */
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { allocArray, type DType } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import { sizeOf } from "../../../core/shape";
import { cpuArray, cpuFromData } from "../../../backends/cpu/cpu_storage";

export const concatCpu: KernelFn<"concat"> = (xs, { axis }) => {
  const dtype: DType = xs.some((t) => t.dtype === "float64") ? "float64" : xs[0].dtype;
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
  const out = allocArray(dtype, sizeOf(shape));
  const o = ndarray(out, shape);
  let at = 0;
  for (const t of xs) {
    const n = t.shape[axis];
    if (n > 0 && t.size > 0) {
      const lo = shape.map((_, d) => (d === axis ? at : 0));
      const hi = shape.map((s, d) => (d === axis ? n : s));
      ops.assign(o.lo(...lo).hi(...hi), cpuArray(t));
    }
    at += n;
  }
  return [cpuFromData(out, shape, dtype)];
};
