/**
 * webgpu kernel of `view`. A view whose strides are the row-major strides of its shape with offset 0 is a
 * reshape: the result shares the input's buffer. Any other view (transpose, slice, step, flip, broadcast)
 * is materialised by a strided gather, since webgpu tensors are always contiguous.
 */
import type { KernelFn } from "../../../core/backend";
import { contiguousStrides, sizeOf } from "../../../core/shape";
import { gpuAlias, gpuBuffer, gpuEmpty, gpuRuntime } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { checkRank, padTo } from "../../../backends/webgpu/wgsl_index";
import { VIEW_PER_INVOCATION, viewDecl } from "./view.wgsl";
import { FAST_UNRAVEL_BELOW } from "../../../backends/webgpu/wgsl_index";

export const viewWebgpu: KernelFn<"view"> = ([x], { shape, strides, offset }) => {
  const cs = contiguousStrides(shape);
  const isReshape = offset === 0 && sizeOf(shape) === x.size && shape.every((d, k) => d === 1 || strides[k] === cs[k]);
  if (isReshape) return [gpuAlias(x, shape)];
  checkRank("view", shape.length);
  const y = gpuEmpty(shape, x.dtype);
  gpuRuntime().run(buildProgram(viewDecl(shape.length, y.size < FAST_UNRAVEL_BELOW)), [gpuBuffer(x), gpuBuffer(y)], {
    total: Math.ceil(y.size / VIEW_PER_INVOCATION),
    count: y.size,
    rank: shape.length,
    shape: padTo(shape, 1),
    xStrides: padTo(strides, 0),
    offset,
  });
  return [y];
};
