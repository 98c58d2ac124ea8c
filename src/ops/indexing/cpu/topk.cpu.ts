/**
 * cpu kernel of `topk`: indices of the k largest values along an axis, returned in their original order
 * (dynamic k-max pooling keeps the order of the selected features; Kalchbrenner et al. 2014).
 * Ties prefer the earlier position.
 */
import type { KernelFn } from "../../../core/backend";
import { contiguousStrides, sizeOf } from "../../../core/shape";
import { cpuFromData, dense } from "../../../backends/cpu/cpu_storage";

export const topkCpu: KernelFn<"topk"> = ([x], { k, axis }) => {
  const v = dense(x);
  const n = x.shape[axis];
  const stride = contiguousStrides(x.shape)[axis];
  const outShape = x.shape.map((d, i) => (i === axis ? k : d));
  const out = new Int32Array(sizeOf(outShape));
  const outer = sizeOf(x.shape.slice(0, axis)),
    inner = stride;
  const order = new Array<number>(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let j = 0; j < n; j++) order[j] = j;
      order.sort((p, q) => {
        const a = v[base + p * stride],
          b = v[base + q * stride];
        return a === b ? p - q : a !== a ? -1 : b !== b ? 1 : b - a;
      });
      const chosen = order.slice(0, k).sort((p, q) => p - q);
      for (let j = 0; j < k; j++) out[o * k * inner + j * inner + i] = chosen[j];
    }
  }
  return [cpuFromData(out, outShape, "int32")];
};
