/**
 * A tiled GEMM skeleton shared by matmul and the implicit-GEMM convolutions: C[z] = A[z] · B[z] with
 * A: M×K, B: K×N, where the caller supplies WGSL functions
 *   fn setup(z: u32, m4: u32, n4: u32)           (once per invocation: per-batch offsets, and whatever
 *                                                  depends only on the 4 rows m4… / 4 columns n4… it loads)
 *   fn loadA4(z: u32, m4: u32, k: u32) -> vec4<f32>   A[m4 … m4+3, k], 0 where m ≥ M (called for k < K)
 *   fn loadB4(z: u32, k: u32, n4: u32) -> vec4<f32>   B[k, n4 … n4+3], 0 where n ≥ N (called for k < K)
 *   fn store(z: u32, m: u32, n: u32, v: f32)     (called only for m < M, n < N)
 * (`scalarLoaders` builds loadA4/loadB4 from scalar loadA/loadB.) Loaders get whole vec4s so that index
 * arithmetic that depends on m or n is done once per invocation in setup, not per element: integer
 * division is scalarised on lavapipe and dominated the implicit-GEMM convs.
 * and uniforms M, N, K, zBase. A workgroup of 16×16 invocations computes a 64×64 tile of C, each
 * invocation a 4×4 register block. Workgroup memory holds vec4s: per depth step an invocation loads one
 * vec4 of A and one of B for 16 FMAs (lavapipe is bound by loads, shared/notes/perf-baselines.md, and a
 * vec4 load costs about one scalar load there). An implicit-GEMM conv gathers its im2col operand inside
 * loadB, so the unfolded matrix is never written.
 */
import type { BindingDecl, KernelDecl, UniformDecl } from "../../backends/webgpu/shader";

export const TILE = 64;
const TK = 16;

export interface GemmSpec {
  readonly op: string;
  readonly bindings: readonly BindingDecl[];
  /** extra uniforms the loaders use (M, N, K and zBase are added) */
  readonly uniforms: readonly UniformDecl[];
  /** setup, loadA, loadB, store and what they need */
  readonly helpers: string;
}

export function gemmDecl(s: GemmSpec): KernelDecl {
  return {
    op: s.op,
    bindings: s.bindings,
    uniforms: [{ name: "M", type: "u32" }, { name: "N", type: "u32" }, { name: "K", type: "u32" }, { name: "zBase", type: "u32" }, ...s.uniforms],
    mode: "grid",
    workgroupSize: [16, 16, 1],
    helpers: `var<workgroup> As: array<vec4<f32>, ${TK * TILE / 4}>;\nvar<workgroup> Bs: array<vec4<f32>, ${TK * TILE / 4}>;\n${s.helpers}`,
    body: `
  let z = wid.z + u.zBase;
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  // tile loading: invocation (kq, q4) fetches 4 consecutive rows of A and 4 columns of B at depth kq
  let kq = lidx / 16u;
  let m4 = row0 + (lidx % 16u) * 4u;
  let n4 = col0 + (lidx % 16u) * 4u;
  setup(z, m4, n4);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < u.K; k0 += ${TK}u) {
    let ka = k0 + kq;
    var va = vec4<f32>(0.0);
    var vb = vec4<f32>(0.0);
    if (ka < u.K) {
      if (m4 < u.M) { va = loadA4(z, m4, ka); }
      if (n4 < u.N) { vb = loadB4(z, ka, n4); }
    }
    As[lidx] = va;
    Bs[lidx] = vb;
    workgroupBarrier();
    for (var kk = 0u; kk < ${TK}u; kk++) {
      let ra = As[kk * 16u + lid.y];
      let rb = Bs[kk * 16u + lid.x];
      acc[0] = fma(vec4<f32>(ra.x), rb, acc[0]);
      acc[1] = fma(vec4<f32>(ra.y), rb, acc[1]);
      acc[2] = fma(vec4<f32>(ra.z), rb, acc[2]);
      acc[3] = fma(vec4<f32>(ra.w), rb, acc[3]);
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < 4u; r++) {
    let row = row0 + lid.y * 4u + r;
    for (var q = 0u; q < 4u; q++) {
      let col = col0 + lid.x * 4u + q;
      if (row < u.M && col < u.N) { store(z, row, col, acc[r][q]); }
    }
  }`,
  };
}

/** loadA4 / loadB4 from scalar `loadA(z, m, k)` / `loadB(z, k, n)` (bounds checked per element). */
export const scalarLoaders = `fn loadA4(z: u32, m4: u32, k: u32) -> vec4<f32> {
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) { if (m4 + q < u.M) { v[q] = loadA(z, m4 + q, k); } }
  return v;
}
fn loadB4(z: u32, k: u32, n4: u32) -> vec4<f32> {
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) { if (n4 + q < u.N) { v[q] = loadB(z, k, n4 + q); } }
  return v;
}`;

/** Workgroup counts for an M×N GEMM (z is chunked by the caller). */
export function gemmGroups(M: number, N: number): [number, number] {
  return [Math.ceil(N / TILE), Math.ceil(M / TILE)];
}
