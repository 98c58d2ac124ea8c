/**
 * webgpu kernel of `topk`: indices of the k largest values along an axis, in their original order.
 * One invocation per row: value j is chosen when fewer than k values precede it in the order
 * "NaN first, then larger first, ties by position" (the cpu kernel's order). O(n²) per row, fine for
 * the k-max pooling sizes it serves.
 */
import type { KernelFn } from "../../../core/backend";
import { sizeOf } from "../../../core/shape";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl, type Scalar } from "../../../backends/webgpu/shader";
import { FLOAT_HELPERS } from "../../../backends/webgpu/wgsl_index";

export function topkDecl(xt: Scalar): KernelDecl {
  return {
    op: "topk",
    bindings: [
      { name: "x", type: xt },
      { name: "y", type: "i32", write: true },
    ],
    uniforms: [
      { name: "n", type: "u32" },
      { name: "inner", type: "u32" },
      { name: "k", type: "u32" },
    ],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: `${FLOAT_HELPERS}
// does value a at position p come before value b at position q?
fn before(a: f32, p: u32, b: f32, q: u32) -> bool {
  if (isNan(a) || isNan(b)) { return isNan(a) && (!isNan(b) || p < q); }
  return a > b || (a == b && p < q);
}`,
    body: `
  let base = (i / u.inner) * u.n * u.inner + i % u.inner;
  let outBase = (i / u.inner) * u.k * u.inner + i % u.inner;
  var w = 0u;
  for (var j = 0u; j < u.n && w < u.k; j++) {
    let vj = f32(x[base + j * u.inner]);
    var ahead = 0u;
    for (var q = 0u; q < u.n && ahead < u.k; q++) {
      if (before(f32(x[base + q * u.inner]), q, vj, j)) { ahead++; }
    }
    if (ahead < u.k) { y[outBase + w * u.inner] = i32(j); w++; }
  }`,
  };
}

export const topkWebgpu: KernelFn<"topk"> = ([x], { k, axis }) => {
  const outShape = x.shape.map((d, i) => (i === axis ? k : d));
  const y = gpuEmpty(outShape, "int32");
  const inner = sizeOf(x.shape.slice(axis + 1));
  const rows = sizeOf(x.shape.slice(0, axis)) * inner;
  if (k > 0)
    gpuRuntime().run(buildProgram(topkDecl(wgslType(x.dtype))), [gpuBuffer(x), gpuBuffer(y)], {
      total: rows,
      n: x.shape[axis],
      inner,
      k,
    });
  return [y];
};
