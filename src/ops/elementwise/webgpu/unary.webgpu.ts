/** webgpu kernel of `unary`: one invocation per 4 float32 elements (vec4) or per int32 element (computed in f32, as on the cpu in f64). */
import type { KernelFn } from "../../../core/backend";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { unaryDecl } from "./unary.wgsl";

export const unaryWebgpu: KernelFn<"unary"> = ([x], { op }) => {
  const y = gpuEmpty(x.shape, x.dtype);
  const vec4 = wgslType(x.dtype) === "f32";
  gpuRuntime().run(buildProgram(unaryDecl(op, wgslType(x.dtype), vec4)), [gpuBuffer(x), gpuBuffer(y)], {
    total: vec4 ? Math.ceil(x.size / 4) : x.size,
  });
  return [y];
};
