/**
 * A tiled GEMM skeleton shared by matmul and the implicit-GEMM convolutions: C[z] = A[z] · B[z] with
 * A: M×K, B: K×N, where the caller supplies WGSL functions
 *   fn loadA(z: u32, m: u32, k: u32) -> f32      (called only for m < M, k < K)
 *   fn loadB(z: u32, k: u32, n: u32) -> f32      (called only for k < K, n < N)
 *   fn store(z: u32, m: u32, n: u32, v: f32)     (called only for m < M, n < N)
 *   fn setup(z: u32)                             (once per invocation, e.g. per-batch offsets)
 * and uniforms M, N, K, zBase. A workgroup of 16×16 invocations computes a 64×64 tile of C, each
 * invocation a 4×4 register block: every value loaded from workgroup memory is used 4 times (lavapipe is
 * bound by loads, shared/notes/perf-baselines.md). An implicit-GEMM conv gathers its im2col operand inside
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
    helpers: `var<workgroup> As: array<f32, ${TK * TILE}>;\nvar<workgroup> Bs: array<f32, ${TK * TILE}>;\n${s.helpers}`,
    body: `
  let z = wid.z + u.zBase;
  setup(z);
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < u.K; k0 += ${TK}u) {
    for (var l = 0u; l < 4u; l++) {
      let e = lidx + l * 256u;
      let m = e / ${TK}u;
      let ka = e % ${TK}u;
      var va = 0.0;
      if (row0 + m < u.M && k0 + ka < u.K) { va = loadA(z, row0 + m, k0 + ka); }
      As[ka * ${TILE}u + m] = va;
      let kb = e / ${TILE}u;
      let n = e % ${TILE}u;
      var vb = 0.0;
      if (col0 + n < u.N && k0 + kb < u.K) { vb = loadB(z, k0 + kb, col0 + n); }
      Bs[kb * ${TILE}u + n] = vb;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${TK}u; kk++) {
      let ar = kk * ${TILE}u + lid.y * 4u;
      let bc = kk * ${TILE}u + lid.x * 4u;
      let ra = vec4<f32>(As[ar], As[ar + 1u], As[ar + 2u], As[ar + 3u]);
      let rb = vec4<f32>(Bs[bc], Bs[bc + 1u], Bs[bc + 2u], Bs[bc + 3u]);
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

/** Workgroup counts for an M×N GEMM (z is chunked by the caller). */
export function gemmGroups(M: number, N: number): [number, number] {
  return [Math.ceil(N / TILE), Math.ceil(M / TILE)];
}
