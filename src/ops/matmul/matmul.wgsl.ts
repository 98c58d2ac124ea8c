/**
 * WGSL of `matmul` on the tiled GEMM skeleton (gemm.wgsl.ts): A and B are read through row/column strides,
 * which covers transposed operands without a copy, and through broadcast batch strides (0 on broadcast
 * batch dims), so C[z] = A[batch(z)] · B[batch(z)].
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";
import { MAX_RANK } from "../../backends/webgpu/wgsl_index";
import { gemmDecl, scalarLoaders } from "./gemm.wgsl";

export function matmulDecl(at: Scalar, bt: Scalar, shape: readonly [number, number]): KernelDecl {
  return gemmDecl({
    op: "matmul",
    bindings: [{ name: "a", type: at }, { name: "b", type: bt }, { name: "c", type: "f32", write: true }],
    uniforms: [
      { name: "aRowStride", type: "u32" }, { name: "aColStride", type: "u32" },
      { name: "bRowStride", type: "u32" }, { name: "bColStride", type: "u32" },
      { name: "batchRank", type: "u32" }, { name: "batchShape", type: "u32", len: MAX_RANK },
      { name: "aBatchStrides", type: "u32", len: MAX_RANK }, { name: "bBatchStrides", type: "u32", len: MAX_RANK },
    ],
    helpers: `// offset of batch matrix z in a (component 0) and b (component 1)
fn batchOffset(z: u32, which: u32) -> u32 {
  var rem = z;
  var off = 0u;
  for (var d = i32(u.batchRank) - 1; d >= 0; d--) {
    let n = batchShape(u32(d));
    off += (rem % n) * select(aBatchStrides(u32(d)), bBatchStrides(u32(d)), which == 1u);
    rem = rem / n;
  }
  return off;
}
var<private> aOff: u32;
var<private> bOff: u32;
fn setup(z: u32, m4: u32, n4: u32) { aOff = batchOffset(z, 0u); bOff = batchOffset(z, 1u); }
fn loadA(z: u32, m: u32, k: u32) -> f32 { return f32(a[aOff + m * u.aRowStride + k * u.aColStride]); }
fn loadB(z: u32, k: u32, n: u32) -> f32 { return f32(b[bOff + k * u.bRowStride + n * u.bColStride]); }
fn store(z: u32, m: u32, n: u32, v: f32) { c[(z * u.M + m) * u.N + n] = v; }
${scalarLoaders}`,
  }, shape);
}
