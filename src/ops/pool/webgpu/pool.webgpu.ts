/** webgpu kernels of `pool` (max with indices, avg) and `avgPoolGrad` (pool.wgsl.ts): one invocation per output element. */
import type { KernelFn } from "../../../core/backend";
import { sizeOf } from "../../../core/shape";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import type { PoolGeometry } from "../pool_geometry_types";
import { avgPoolGradDecl, poolDecl } from "./pool.wgsl";

function lift(v: readonly number[], fill: number): number[] {
  return [...new Array<number>(3 - v.length).fill(fill), ...v];
}

function values(g: PoolGeometry): Record<string, number | number[]> {
  return {
    inVol: sizeOf(g.inSize), outVol: sizeOf(g.outSize), negInf: -Infinity,
    inSize: lift(g.inSize, 1), kSize: lift(g.kernelSize, 1), outSize: lift(g.outSize, 1),
    stride: lift(g.stride, 1), dilation: lift(g.dilation, 1), padLo: lift(g.padLo, 0),
  };
}

function shapeOf(g: PoolGeometry, spatial: readonly number[]): number[] {
  return g.unbatched ? [g.channels, ...spatial] : [g.batch, g.channels, ...spatial];
}

export const poolWebgpu: KernelFn<"pool"> = ([x], { geom, kind, countIncludePad }) => {
  const shape = shapeOf(geom, geom.outSize);
  const y = gpuEmpty(shape, "float32");
  const out = kind === "max" ? [y, gpuEmpty(shape, "int32")] : [y];
  const p = buildProgram(poolDecl(kind, wgslType(x.dtype), countIncludePad));
  rt().run(p, [gpuBuffer(x), ...out.map(gpuBuffer)], { total: y.size, ...values(geom) });
  return out;
};

export const avgPoolGradWebgpu: KernelFn<"avgPoolGrad"> = ([dy], { geom, countIncludePad }) => {
  const dx = gpuEmpty(shapeOf(geom, geom.inSize), "float32");
  const p = buildProgram(avgPoolGradDecl(wgslType(dy.dtype), countIncludePad));
  rt().run(p, [gpuBuffer(dy), gpuBuffer(dx)], { total: dx.size, ...values(geom) });
  return [dx];
};
