/** webgpu kernels of `binary` and `where`: one invocation per output element, NumPy broadcasting. */
import type { KernelFn } from "../../../core/backend";
import { promoteTypes } from "../../../core/dtype";
import { broadcastStrides, shapesEqual } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { checkRank, FAST_UNRAVEL_BELOW, padTo } from "../../../backends/webgpu/wgsl_index";
import { binaryDecl, binaryVec4Decl, whereDecl, type Operand } from "./binary.wgsl";

function operand(name: string, t: Tensor, shape: readonly number[]): Operand {
  return { name, type: wgslType(t.dtype), direct: shapesEqual(t.shape, shape) };
}

/** Uniform values: the output shape and the broadcast strides of each operand read through strides. */
function stridedValues(
  op: string,
  shape: readonly number[],
  ops: readonly [Operand, Tensor][],
): Record<string, number[] | number> {
  const strided = ops.filter(([o]) => !o.direct);
  if (!strided.length) return {};
  checkRank(op, shape.length);
  const v: Record<string, number[] | number> = { rank: shape.length, shape: padTo(shape, 1) };
  for (const [o, t] of strided) v[`${o.name}Strides`] = padTo(broadcastStrides(t.shape, shape), 0);
  return v;
}

export const binaryWebgpu: KernelFn<"binary"> = ([a, b], { op, shape }) => {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const y = gpuEmpty(shape, dtype);
  const oa = operand("a", a, shape),
    ob = operand("b", b, shape);
  if (oa.direct && ob.direct && oa.type === "f32" && ob.type === "f32" && wgslType(y.dtype) === "f32") {
    // same shapes, float32: 4 elements per invocation (the pooled buffers' padding absorbs the tail)
    gpuRuntime().run(buildProgram(binaryVec4Decl(op)), [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], {
      total: Math.ceil(y.size / 4),
    });
    return [y];
  }
  const p = buildProgram(binaryDecl(op, oa, ob, wgslType(y.dtype), shape.length, y.size < FAST_UNRAVEL_BELOW));
  gpuRuntime().run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], {
    total: y.size,
    ...stridedValues("binary", shape, [
      [oa, a],
      [ob, b],
    ]),
  });
  return [y];
};

export const whereWebgpu: KernelFn<"where"> = ([cond, a, b], { shape }) => {
  const y = gpuEmpty(shape, promoteTypes(a.dtype, b.dtype));
  const oc = operand("c", cond, shape),
    oa = operand("a", a, shape),
    ob = operand("b", b, shape);
  const p = buildProgram(whereDecl(oc, oa, ob, wgslType(y.dtype), shape.length));
  const vals = stridedValues("where", shape, [
    [oc, cond],
    [oa, a],
    [ob, b],
  ]);
  gpuRuntime().run(p, [gpuBuffer(cond), gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], { total: y.size, ...vals });
  return [y];
};
