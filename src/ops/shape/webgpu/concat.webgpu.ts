/**
 * webgpu kernel of `concat`: one copy dispatch per input into its slab of the output. Seen as
 * [outer, n·inner] rows, input row o lands at output row o, column at·inner. Inputs whose dtype differs
 * from the result's are cast first (values move as 32-bit patterns).
 */
import type { KernelFn } from "../../../core/backend";
import type { DType } from "../../../core/dtype";
import { sizeOf } from "../../../core/shape";
import { gpuBuffer, gpuDType, gpuEmpty, gpuRuntime } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl } from "../../../backends/webgpu/shader";
import { castWebgpu } from "../../elementwise/webgpu/cast.webgpu";

export const concatDecl: KernelDecl = {
  op: "concat",
  bindings: [
    { name: "x", type: "u32" },
    { name: "y", type: "u32", write: true },
  ],
  uniforms: [
    { name: "seg", type: "u32" },
    { name: "outSeg", type: "u32" },
    { name: "at", type: "u32" },
  ],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `  y[(i / u.seg) * u.outSeg + u.at + i % u.seg] = x[i];`,
};
const concatProgram = buildProgram(concatDecl);

export const concatWebgpu: KernelFn<"concat"> = (xs, { axis }) => {
  const dtype: DType = gpuDType(xs[0].dtype);
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((s, t) => s + t.shape[axis], 0);
  const y = gpuEmpty(shape, dtype);
  const inner = sizeOf(shape.slice(axis + 1));
  let at = 0;
  for (const t of xs) {
    const x = gpuDType(t.dtype) === dtype ? t : castWebgpu([t], { dtype })[0];
    const n = t.shape[axis];
    gpuRuntime().run(concatProgram, [gpuBuffer(x), gpuBuffer(y)], {
      total: x.size,
      seg: n * inner,
      outSeg: shape[axis] * inner,
      at: at * inner,
    });
    if (x !== t) x.dispose();
    at += n;
  }
  return [y];
};
