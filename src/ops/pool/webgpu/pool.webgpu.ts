/** webgpu kernels of `pool` (max with indices, avg) and `avgPoolGrad` (pool.wgsl.ts): one invocation per output element. */
import type { KernelFn } from "../../../core/backend";
import type { PoolKind, PoolKindOutputs } from "../../../core/kernels";
import { sizeOf } from "../../../core/shape";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import type { PoolGeometry } from "../../../core/geometry";
import { avgPoolGradDecl, poolDecl } from "./pool.wgsl";

function lift(v: readonly number[], fill: number): number[] {
  return [...new Array<number>(3 - v.length).fill(fill), ...v];
}

function values(g: PoolGeometry): Record<string, number | number[]> {
  return {
    inVol: sizeOf(g.inSize),
    outVol: sizeOf(g.outSize),
    negInf: -Infinity,
    inSize: lift(g.inSize, 1),
    kSize: lift(g.kernelSize, 1),
    outSize: lift(g.outSize, 1),
    stride: lift(g.stride, 1),
    dilation: lift(g.dilation, 1),
    padLo: lift(g.padLo, 0),
  };
}

function shapeOf(g: PoolGeometry, spatial: readonly number[]): number[] {
  return g.unbatched ? [g.channels, ...spatial] : [g.batch, g.channels, ...spatial];
}

/** The outputs each pooling kind writes (PoolKindOutputs): a kind without an entry does not compile. */
const OUTPUTS: { readonly [P in PoolKind]: (shape: readonly number[]) => PoolKindOutputs[P] } = {
  max: (shape) => [gpuEmpty(shape, "float32"), gpuEmpty(shape, "int32")],
  avg: (shape) => [gpuEmpty(shape, "float32")],
};

export const poolWebgpu: KernelFn<"pool"> = ([x], { geom, kind, countIncludePad }) => {
  const out = OUTPUTS[kind](shapeOf(geom, geom.outSize));
  const p = buildProgram(poolDecl(kind, wgslType(x.dtype), countIncludePad));
  gpuRuntime().run(p, [gpuBuffer(x), ...out.map(gpuBuffer)], { total: out[0].size, ...values(geom) });
  return out;
};

export const avgPoolGradWebgpu: KernelFn<"avgPoolGrad"> = ([dy], { geom, countIncludePad }) => {
  const dx = gpuEmpty(shapeOf(geom, geom.inSize), "float32");
  const p = buildProgram(avgPoolGradDecl(wgslType(dy.dtype), countIncludePad));
  gpuRuntime().run(p, [gpuBuffer(dy), gpuBuffer(dx)], { total: dx.size, ...values(geom) });
  return [dx];
};
