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
 * and uniforms M, N, K, zBase. A workgroup of wx×wy invocations computes a (4·wy)×(4·wx) tile of C, each
 * invocation a 4×4 register block; the shape follows M (`gemmShape`): 64×64 tiles, or 16×256 and 8×256
 * when M is small (a conv with 1-16 channels on the M side would waste most of a 64-row tile); workgroup
 * memory stays within the 32 KiB limit. Workgroup memory holds vec4s: per depth step an invocation loads one
 * vec4 of A and one of B for 16 FMAs (lavapipe is bound by loads, shared/notes/perf-baselines.md, and a
 * vec4 load costs about one scalar load there). An implicit-GEMM conv gathers its im2col operand inside
 * loadB, so the unfolded matrix is never written.
 */
import type { BindingDecl, KernelDecl, UniformDecl } from "../../backends/webgpu/shader";

const TK = 16;

/** The 4×4 block written back with literal indices: a dynamically indexed `acc` would make LLVM keep
 *  the accumulators in stack memory, turning every FMA into a load and a store (measured 2× slower). */
const STORE = [0, 1, 2, 3].map((r) => `  {
    let row = row0 + lid.y * 4u + ${r}u;
${[0, 1, 2, 3].map((q) => `    if (row < u.M && col0 + lid.x * 4u + ${q}u < u.N) { store(z, row, col0 + lid.x * 4u + ${q}u, acc[${r}].${"xyzw"[q]}); }`).join("\n")}
  }`).join("\n");

export interface GemmSpec {
  readonly op: string;
  readonly bindings: readonly BindingDecl[];
  /** extra uniforms the loaders use (M, N, K and zBase are added) */
  readonly uniforms: readonly UniformDecl[];
  /** setup, loadA4, loadB4, store and what they need */
  readonly helpers: string;
}

/** Workgroup shape [wx, wy] for a GEMM with M rows. */
/**
 * Unrolls every `for (var q = 0u; q < 4u; q++) { … }` of the loaders into four blocks with q a literal,
 * for the same reason as STORE: literal indices let LLVM keep vec4 lanes and per-column private arrays
 * in registers.
 */
export function unrollQ(code: string): string {
  const head = "for (var q = 0u; q < 4u; q++) {";
  let at = code.indexOf(head);
  while (at >= 0) {
    let depth = 1, end = at + head.length;
    for (; end < code.length && depth > 0; end++) {
      if (code[end] === "{") depth++;
      else if (code[end] === "}") depth--;
    }
    const body = code.slice(at + head.length, end - 1);
    const copies = [0, 1, 2, 3].map((q) => `{${body.replace(/\bq\b/g, `${q}u`)}}`).join(" ");
    code = code.slice(0, at) + copies + code.slice(end);
    at = code.indexOf(head);
  }
  return code;
}

export function gemmShape(M: number): [number, number] {
  return M <= 8 ? [64, 2] : M <= 16 ? [64, 4] : [16, 16];
}

export function gemmDecl(s: GemmSpec, [wx, wy]: readonly [number, number]): KernelDecl {
  const bLoads = TK / wy; // B vec4s each invocation fetches per depth step (TK·wx of them, wx·wy invocations)
  return {
    op: s.op,
    bindings: s.bindings,
    uniforms: [{ name: "M", type: "u32" }, { name: "N", type: "u32" }, { name: "K", type: "u32" }, { name: "zBase", type: "u32" }, ...s.uniforms],
    mode: "grid",
    workgroupSize: [wx, wy, 1],
    helpers: `var<workgroup> As: array<vec4<f32>, ${TK * wy}>;\nvar<workgroup> Bs: array<vec4<f32>, ${TK * wx}>;\n${unrollQ(s.helpers)}`,
    body: `
  let z = wid.z + u.zBase;
  let row0 = wid.y * ${4 * wy}u;
  let col0 = wid.x * ${4 * wx}u;
  // tile loading: invocations lidx < TK·wy fetch 4 rows of A at depth lidx / wy; every invocation fetches
  // 4 columns of B (the same columns at every depth step, so setup can precompute for them)
  let loadsA = lidx < ${TK * wy}u;
  let m4 = row0 + (lidx % ${wy}u) * 4u;
  let n4 = col0 + (lidx % ${wx}u) * 4u;
  setup(z, m4, n4);
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < u.K; k0 += ${TK}u) {
    if (loadsA) {
      let ka = k0 + lidx / ${wy}u;
      var va = vec4<f32>(0.0);
      if (ka < u.K && m4 < u.M) { va = loadA4(z, m4, ka); }
      As[lidx] = va;
    }
    for (var j = 0u; j < ${bLoads}u; j++) {
      let e = lidx + j * ${wx * wy}u;
      let kb = k0 + e / ${wx}u;
      var vb = vec4<f32>(0.0);
      if (kb < u.K && n4 < u.N) { vb = loadB4(z, kb, n4); }
      Bs[e] = vb;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${TK}u; kk++) {
      let ra = As[kk * ${wy}u + lid.y];
      let rb = Bs[kk * ${wx}u + lid.x];
      acc[0] = fma(vec4<f32>(ra.x), rb, acc[0]);
      acc[1] = fma(vec4<f32>(ra.y), rb, acc[1]);
      acc[2] = fma(vec4<f32>(ra.z), rb, acc[2]);
      acc[3] = fma(vec4<f32>(ra.w), rb, acc[3]);
    }
    workgroupBarrier();
  }
${STORE}`,
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

/** Workgroup counts for an M×N GEMM with workgroup shape [wx, wy] (z is chunked by the caller). */
export function gemmGroups(M: number, N: number, [wx, wy]: readonly [number, number]): [number, number] {
  return [Math.ceil(N / (4 * wx)), Math.ceil(M / (4 * wy))];
}
