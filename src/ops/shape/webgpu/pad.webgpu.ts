/** webgpu kernel of `pad` (pad.wgsl.ts): one invocation per output element. */
import type { KernelFn } from "../../../core/backend";
import { contiguousStrides } from "../../../core/shape";
import { bitsOf, gpuBuffer, gpuEmpty, gpuRuntime } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { checkRank, padTo } from "../../../backends/webgpu/wgsl_index";
import { padDecl } from "./pad.wgsl";

export const padWebgpu: KernelFn<"pad"> = ([x], { pads, mode, value }) => {
  checkRank("pad", x.rank);
  const shape = x.shape.map((n, d) => pads[d][0] + n + pads[d][1]);
  const y = gpuEmpty(shape, x.dtype);
  if (x.size === 0 && mode !== "constant") return [y];
  gpuRuntime().run(buildProgram(padDecl(mode, shape.length)), [gpuBuffer(x), gpuBuffer(y)], {
    total: y.size,
    rank: shape.length,
    shape: padTo(shape, 1),
    inShape: padTo(x.shape, 1),
    padLo: padTo(
      pads.map((p) => p[0]),
      0,
    ),
    xStrides: padTo(contiguousStrides(x.shape), 0),
    value: bitsOf(value, x.dtype),
  });
  return [y];
};
