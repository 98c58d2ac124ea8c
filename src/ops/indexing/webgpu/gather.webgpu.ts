/** webgpu kernels of `gather` and `scatterAdd` (gather.wgsl.ts). */
import type { KernelFn } from "../../../core/backend";
import { contiguousStrides } from "../../../core/shape";
import { gpuBuffer, gpuEmpty, gpuRuntime } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { checkRank, padTo } from "../../../backends/webgpu/wgsl_index";
import { gatherDecl, scatterAddDecl } from "./gather.wgsl";

export const gatherWebgpu: KernelFn<"gather"> = ([x, idx], { axis }) => {
  checkRank("gather", idx.rank);
  const y = gpuEmpty(idx.shape, x.dtype);
  gpuRuntime().run(buildProgram(gatherDecl(idx.rank)), [gpuBuffer(x), gpuBuffer(idx), gpuBuffer(y)], {
    total: idx.size,
    rank: idx.rank,
    shape: padTo(idx.shape, 1),
    dstStrides: padTo(contiguousStrides(x.shape), 0),
    axis,
    axisLen: x.shape[axis],
  });
  return [y];
};

export const scatterAddWebgpu: KernelFn<"scatterAdd"> = ([src, idx], { axis, size }) => {
  checkRank("scatterAdd", idx.rank);
  const shape = src.shape.map((d, i) => (i === axis ? size : d));
  const y = gpuEmpty(shape, src.dtype);
  const r = gpuRuntime();
  r.clear(gpuBuffer(y), y.size * 4);
  r.run(buildProgram(scatterAddDecl(src.dtype === "int32", idx.rank)), [gpuBuffer(src), gpuBuffer(idx), gpuBuffer(y)], {
    total: idx.size,
    rank: idx.rank,
    shape: padTo(idx.shape, 1),
    dstStrides: padTo(contiguousStrides(shape), 0),
    axis,
    axisLen: size,
  });
  return [y];
};
