/** webgpu kernel of `unary`: one invocation per element (int32 inputs are computed in f32, as on the cpu in f64). */
import type { KernelFn } from "../../core/backend";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../backends/webgpu/shader";
import { unaryDecl } from "./unary.wgsl";

export const unaryWebgpu: KernelFn<"unary"> = ([x], { op }) => {
  const y = gpuEmpty(x.shape, x.dtype);
  rt().run(buildProgram(unaryDecl(op, wgslType(x.dtype))), [gpuBuffer(x), gpuBuffer(y)], { total: x.size });
  return [y];
};
