/**
 * webgpu kernel of `cast`: float → int32 truncates toward zero (WGSL's i32(f32), PyTorch's .to(int32));
 * float64 is stored as float32 on the GPU, so float32 ↔ float64 casts share the buffer.
 */
import type { KernelFn } from "../../../core/backend";
import { gpuAlias, gpuBuffer, gpuDType, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl, type Scalar } from "../../../backends/webgpu/shader";

export function castDecl(from: Scalar, to: Scalar): KernelDecl {
  return {
    op: "cast",
    bindings: [
      { name: "x", type: from },
      { name: "y", type: to, write: true },
    ],
    uniforms: [],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    body: `  y[i] = ${to}(x[i]);`,
  };
}

export const castWebgpu: KernelFn<"cast"> = ([x], { dtype }) => {
  if (gpuDType(dtype) === gpuDType(x.dtype)) return [gpuAlias(x, x.shape)];
  const y = gpuEmpty(x.shape, dtype);
  gpuRuntime().run(buildProgram(castDecl(wgslType(x.dtype), wgslType(dtype))), [gpuBuffer(x), gpuBuffer(y)], {
    total: x.size,
  });
  return [y];
};
