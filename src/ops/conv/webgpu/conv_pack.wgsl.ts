/**
 * The two packing kernels that turn a convolution into the k-major GEMM of gemm_kn.wgsl.ts
 * (formulas of the three GEMMs in conv.webgpu.ts). Index arithmetic that needs integer division is
 * done on the host into per-k and per-column tables (lavapipe scalarises integer division), so the
 * kernels only add, compare and load:
 *   packA:  At[zA][k, m] = src[zA·aZ + m·aM + atab[kOff + k]]             (0 where k ≥ K or m ≥ M)
 *   packB:  B[z − zBase][k, n] = src[base(z) + kt.x + nt.x + flat(p)]        (0 where invalid)
 *           (an invocation writes 4 columns × PACK_ROWS rows: one table load per column, vec4 stores)
 *           with kt = ktab[kOff + k], nt = ntab[nBase + n], d = kt.yzw + nt.yzw, p = d / st,
 *           valid iff d ≥ 0, p·st = d, p < bound (per spatial dim), base(z) = (z / zDiv)·sZq + (z % zDiv)·sZr.
 * conv and dL/dw gather windows of x (st = 1, bound = input size); dL/dx gathers dy at the positions
 * p with p·stride + tap offset = input position + padding (st = stride, bound = output size).
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";

const U32 = (names: string[]) => names.map((name) => ({ name, type: "u32" as const }));
const I32 = (names: string[]) => names.map((name) => ({ name, type: "i32" as const }));

export function packADecl(t: Scalar): KernelDecl {
  return {
    op: "conv.packA",
    bindings: [
      { name: "src", type: t },
      { name: "atab", type: "i32" },
      { name: "at", type: "vec4<f32>", write: true },
    ],
    uniforms: U32(["M", "K", "kOff", "Kp", "lda", "aZ", "aM"]),
    mode: "grid",
    workgroupSize: [64, 1, 1],
    // one invocation per row k (lanes along k: M may be 1), 4 rows m per vec4 store
    body: `
  let k = wid.x * 64u + lid.x;
  if (k >= u.Kp) { return; }
  let ok = k + u.kOff < u.K;
  var off = 0u;
  if (ok) { off = wid.z * u.aZ + u32(atab[k + u.kOff]); }
  for (var m4 = 0u; m4 < u.lda; m4 += 4u) {
    var v = vec4<f32>(0.0);
    for (var q = 0u; q < 4u; q++) {
      if (ok && m4 + q < u.M) { v[q] = f32(src[off + (m4 + q) * u.aM]); }
    }
    at[((wid.z * u.Kp + k) * u.lda + m4) / 4u] = v;
  }`,
  };
}

/** rows of B per invocation: the 4 columns' table entries are loaded once for all of them */
export const PACK_ROWS = 8;

export function packBDecl(t: Scalar): KernelDecl {
  const cols = [0, 1, 2, 3]
    .map(
      (q) => `
      {
        let d = kt.yzw + nt${q}.yzw;
        var p = d;
        // float division: exact when d is a multiple of st (the only case kept)
    if (u.strided != 0u) { p = vec3<i32>(floor(vec3<f32>(d) / vec3<f32>(st))); }
        if (n4 + ${q}u < u.nLoc && all(d >= vec3<i32>(0)) && all(p * st == d) && all(p < bound)) {
          v.${"xyzw"[q]} = f32(src[base + u32(kt.x + nt${q}.x + (p.x * u.bd1 + p.y) * u.bd2 + p.z)]);
        }
      }`,
    )
    .join("");
  return {
    op: "conv.packB",
    bindings: [
      { name: "src", type: t },
      { name: "ktab", type: "vec4<i32>" },
      { name: "ntab", type: "vec4<i32>" },
      { name: "bm", type: "vec4<f32>", write: true },
    ],
    uniforms: [
      ...U32(["rowBlocks", "K", "kOff", "Kp", "nBase", "nLoc", "ldb", "zBase", "zDiv", "sZq", "sZr", "strided"]),
      ...I32(["st0", "st1", "st2", "bd0", "bd1", "bd2"]),
    ],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: UDIV_WGSL,
    // one invocation i = (zl, row block, n4 / 4): columns n4 … n4 + 3 (one vec4 store per row) of rows
    // k0 … k0 + PACK_ROWS − 1; flat over all three, so that narrow B (dL/dw: ldb = 8-32) fills the lanes
    body: `
  let quads = u.ldb / 4u;
  let qi = udiv(i, quads);
  let n4 = (i - qi * quads) * 4u;
  let zl = udiv(qi, u.rowBlocks);
  let z = zl + u.zBase;
  let zq = udiv(z, u.zDiv);
  let base = zq * u.sZq + (z - zq * u.zDiv) * u.sZr;
  let st = vec3<i32>(u.st0, u.st1, u.st2);
  let bound = vec3<i32>(u.bd0, u.bd1, u.bd2);
  let last = u.nBase + u.nLoc - 1u;
  let nt0 = ntab[min(u.nBase + n4, last)];
  let nt1 = ntab[min(u.nBase + n4 + 1u, last)];
  let nt2 = ntab[min(u.nBase + n4 + 2u, last)];
  let nt3 = ntab[min(u.nBase + n4 + 3u, last)];
  let k0 = (qi - zl * u.rowBlocks) * ${PACK_ROWS}u;
  for (var k = k0; k < min(k0 + ${PACK_ROWS}u, u.Kp); k++) {
    var v = vec4<f32>(0.0);
    if (k + u.kOff < u.K) {
      let kt = ktab[k + u.kOff];${cols}
    }
    bm[((zl * u.Kp + k) * u.ldb + n4) / 4u] = v;
  }`,
  };
}
