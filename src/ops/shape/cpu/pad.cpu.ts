/** cpu kernel of `pad`: every output element reads x through one per-axis source-index map. */
import { allocArray } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import { sizeOf } from "../../../core/shape";
import { cpuArray, cpuFromData } from "../../../backends/cpu/cpu_storage";
import { padAxisMap } from "../geometry/pad_index";

export const padCpu: KernelFn<"pad"> = ([x], { pads, mode, value }) => {
  const a = cpuArray(x);
  const r = a.shape.length;
  const shape = a.shape.map((n, d) => pads[d][0] + n + pads[d][1]);
  const maps = a.shape.map((n, d) => padAxisMap(pads[d][0], pads[d][1], n, mode));
  const out = allocArray(x.dtype, sizeOf(shape));
  if (out.length === 0) return [cpuFromData(out, shape, x.dtype)];
  if (r === 0) {
    out[0] = a.data[a.offset];
    return [cpuFromData(out, shape, x.dtype)];
  }
  const idx = new Array<number>(r).fill(0);
  const last = r - 1,
    lastMap = maps[last],
    lastStride = a.stride[last],
    lastLen = shape[last];
  for (let o = 0; o < out.length; o += lastLen) {
    let base = a.offset,
      outside = false;
    for (let d = 0; d < last; d++) {
      const s = maps[d][idx[d]];
      if (s < 0) {
        outside = true;
        break;
      }
      base += s * a.stride[d];
    }
    for (let j = 0; j < lastLen; j++) {
      const s = lastMap[j];
      out[o + j] = outside || s < 0 ? value : a.data[base + s * lastStride];
    }
    for (let d = last - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return [cpuFromData(out, shape, x.dtype)];
};
