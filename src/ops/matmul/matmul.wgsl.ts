/**
 * WGSL of `matmul`: C[b] = A[b] · B[b], tiled. A workgroup of 16×16 invocations computes a 64×64 tile of C;
 * each invocation a 4×4 register block, so every value loaded from workgroup memory is used 4 times
 * (lavapipe is bound by loads: shared/notes/perf-baselines.md). A and B are read through row/column
 * strides, which covers the transposed operands without a copy, and through broadcast batch strides.
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";
import { MAX_RANK } from "../../backends/webgpu/wgsl_index";

export const TILE = 64;
const TK = 16;

export function matmulDecl(at: Scalar, bt: Scalar): KernelDecl {
  return {
    op: "matmul",
    bindings: [{ name: "a", type: at }, { name: "b", type: bt }, { name: "c", type: "f32", write: true }],
    uniforms: [
      { name: "M", type: "u32" }, { name: "N", type: "u32" }, { name: "K", type: "u32" },
      { name: "aRowStride", type: "u32" }, { name: "aColStride", type: "u32" },
      { name: "bRowStride", type: "u32" }, { name: "bColStride", type: "u32" },
      { name: "zBase", type: "u32" }, { name: "batchRank", type: "u32" },
      { name: "batchShape", type: "u32", len: MAX_RANK },
      { name: "aBatchStrides", type: "u32", len: MAX_RANK }, { name: "bBatchStrides", type: "u32", len: MAX_RANK },
    ],
    mode: "grid",
    workgroupSize: [16, 16, 1],
    helpers: `var<workgroup> As: array<f32, ${TK * TILE}>;
var<workgroup> Bs: array<f32, ${TK * TILE}>;
// offsets of batch matrix z in a and b (broadcast batch dims have stride 0)
fn batchOffsets(z: u32) -> vec2<u32> {
  var rem = z;
  var off = vec2<u32>(0u, 0u);
  for (var d = i32(u.batchRank) - 1; d >= 0; d--) {
    let n = batchShape(u32(d));
    let k = rem % n;
    rem = rem / n;
    off += k * vec2<u32>(aBatchStrides(u32(d)), bBatchStrides(u32(d)));
  }
  return off;
}`,
    body: `
  let z = wid.z + u.zBase;
  let off = batchOffsets(z);
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  var acc: array<array<f32, 4>, 4>;
  for (var k0 = 0u; k0 < u.K; k0 += ${TK}u) {
    for (var l = 0u; l < 4u; l++) {
      let e = lidx + l * 256u;
      let m = e / ${TK}u;
      let kk = e % ${TK}u;
      var va = 0.0;
      if (row0 + m < u.M && k0 + kk < u.K) { va = f32(a[off.x + (row0 + m) * u.aRowStride + (k0 + kk) * u.aColStride]); }
      As[kk * ${TILE}u + m] = va;
      let kb = e / ${TILE}u;
      let n = e % ${TILE}u;
      var vb = 0.0;
      if (col0 + n < u.N && k0 + kb < u.K) { vb = f32(b[off.y + (k0 + kb) * u.bRowStride + (col0 + n) * u.bColStride]); }
      Bs[kb * ${TILE}u + n] = vb;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${TK}u; kk++) {
      let ra = vec4<f32>(As[kk * ${TILE}u + lid.y * 4u], As[kk * ${TILE}u + lid.y * 4u + 1u],
                         As[kk * ${TILE}u + lid.y * 4u + 2u], As[kk * ${TILE}u + lid.y * 4u + 3u]);
      let rb = vec4<f32>(Bs[kk * ${TILE}u + lid.x * 4u], Bs[kk * ${TILE}u + lid.x * 4u + 1u],
                         Bs[kk * ${TILE}u + lid.x * 4u + 2u], Bs[kk * ${TILE}u + lid.x * 4u + 3u]);
      for (var r = 0u; r < 4u; r++) {
        for (var q = 0u; q < 4u; q++) { acc[r][q] = fma(ra[r], rb[q], acc[r][q]); }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r++) {
    let row = row0 + lid.y * 4u + r;
    for (var q = 0u; q < 4u; q++) {
      let col = col0 + lid.x * 4u + q;
      if (row < u.M && col < u.N) { c[(z * u.M + row) * u.N + col] = acc[r][q]; }
    }
  }`,
  };
}
