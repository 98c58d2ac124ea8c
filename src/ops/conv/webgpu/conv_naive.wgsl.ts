/**
 * WGSL of the conv family, on three spatial dims (1-D/2-D geometries lifted with leading size-1 dims, as
 * conv_geometry_3d.ts does for the cpu). With i(p, k) = p·stride − padLo + k·dilation per dim:
 *   conv:           y[n, o, p]  = Σ_{c ∈ group(o)} Σ_k x[n, c, i(p,k)] · w[o, c − g·C/G, k]
 *   convTranspose:  dx[n, c, i] = Σ_{o ∈ group(c)} Σ_{k, p: i(p,k) = i} dy[n, o, p] · w[o, c − g·C/G, k]
 *   convWeightGrad: dw[o, c, k] = Σ_n Σ_p dy[n, o, p] · x[n, g·C/G + c, i(p,k)]
 * Each has a naive kernel here: one invocation per output element, straight from the formula, the
 * reference the fast kernels of conv.webgpu.ts are tested against.
 */
import type { KernelDecl, Scalar, UniformDecl } from "../../../backends/webgpu/shader";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";

/**
 * The geometry as scalar uniforms, named as in ConvGeometry3d: NB (batch), C, O, G, Cg, Og, inLen, taps, L; per
 * dim d: inS·d, kS·d, out·d, s·d, dil·d, pad·d (d = 0, 1, 2; signed). Scalars read by name, never an
 * array indexed in a loop: lavapipe compiles dynamically indexed uniform arrays in hot loops into per-lane
 * code (measured ~10-100× slower), and scalar uniforms keep one pipeline for every layer shape (compiles
 * cost seconds on a loaded machine).
 */
const COUNTS = ["NB", "C", "O", "G", "Cg", "Og", "inLen", "taps", "L"] as const;
const PER_DIM = ["inS", "kS", "out", "s", "dil", "pad"] as const;

export const CONV_UNIFORMS: readonly UniformDecl[] = [
  ...COUNTS.map((name) => ({ name, type: "u32" as const })),
  ...PER_DIM.flatMap((p) => [0, 1, 2].map((d) => ({ name: `${p}${d}`, type: "i32" as const }))),
];

/** The CONV_UNIFORMS values of a geometry. */
export function convValues(k: ConvGeometry3d): Record<string, number> {
  const v: Record<string, number> = {
    NB: k.N,
    C: k.C,
    O: k.O,
    G: k.G,
    Cg: k.Cg,
    Og: k.Og,
    inLen: k.inLen,
    taps: k.K,
    L: k.L,
  };
  const dims = { inS: k.inS, kS: k.k, out: k.out, s: k.s, dil: k.dil, pad: k.pad };
  for (const p of PER_DIM) dims[p].forEach((x, d) => (v[`${p}${d}`] = x));
  return v;
}

const FIELD = new RegExp(`(?<![.\\w])(${CONV_UNIFORMS.map((f) => f.name).join("|")})(?![\\w])`, "g");

/** Conv WGSL is written with the bare field names; this prefixes them with `u.`. */
export function uniformize(code: string): string {
  return code.replace(FIELD, "u.$1");
}

/** tapIndex(l, t): flat input position read by output position l at tap t (−1: padding);
 *  outIndex(i, t): flat output position p with i(p, t) = i (−1: none). */
export const CONV_INDEX = `fn tapIndex(l: u32, t: u32) -> i32 {
  let p = vec3<i32>(i32(l / u32(out1 * out2)), i32((l / u32(out2)) % u32(out1)), i32(l % u32(out2)));
  let k = vec3<i32>(i32(t / u32(kS1 * kS2)), i32((t / u32(kS2)) % u32(kS1)), i32(t % u32(kS2)));
  let i = p * vec3<i32>(s0, s1, s2) - vec3<i32>(pad0, pad1, pad2) + k * vec3<i32>(dil0, dil1, dil2);
  if (any(i < vec3<i32>(0)) || any(i >= vec3<i32>(inS0, inS1, inS2))) { return -1; }
  return (i.x * inS1 + i.y) * inS2 + i.z;
}
fn outIndex(pos: u32, t: u32) -> i32 {
  let i = vec3<i32>(i32(pos / u32(inS1 * inS2)), i32((pos / u32(inS2)) % u32(inS1)), i32(pos % u32(inS2)));
  let k = vec3<i32>(i32(t / u32(kS1 * kS2)), i32((t / u32(kS2)) % u32(kS1)), i32(t % u32(kS2)));
  let q = i + vec3<i32>(pad0, pad1, pad2) - k * vec3<i32>(dil0, dil1, dil2);
  let st = vec3<i32>(s0, s1, s2);
  if (any(q < vec3<i32>(0)) || any(q % st != vec3<i32>(0))) { return -1; }
  let p = q / st;
  if (any(p >= vec3<i32>(out0, out1, out2))) { return -1; }
  return (p.x * out1 + p.y) * out2 + p.z;
}`;

function naive(op: string, a: [string, Scalar], b: [string, Scalar], out: string, body: string): KernelDecl {
  return {
    op,
    bindings: [
      { name: a[0], type: a[1] },
      { name: b[0], type: b[1] },
      { name: out, type: "f32", write: true },
    ],
    uniforms: CONV_UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: uniformize(CONV_INDEX),
    body: uniformize(body),
  };
}

export function convNaiveDecl(xt: Scalar, wt: Scalar): KernelDecl {
  return naive(
    "conv",
    ["x", xt],
    ["w", wt],
    "y",
    `
  let l = i % L;
  let o = (i / L) % O;
  let n = i / (L * O);
  let c0 = (o / Og) * Cg;
  var acc = 0.0;
  for (var c = 0u; c < Cg; c++) {
    for (var t = 0u; t < taps; t++) {
      let at = tapIndex(l, t);
      if (at >= 0) { acc += f32(x[(n * C + c0 + c) * inLen + u32(at)]) * f32(w[(o * Cg + c) * taps + t]); }
    }
  }
  y[i] = acc;`,
  );
}

export function convTransposeNaiveDecl(dyt: Scalar, wt: Scalar): KernelDecl {
  return naive(
    "convTranspose",
    ["dy", dyt],
    ["w", wt],
    "dx",
    `
  let pos = i % inLen;
  let c = (i / inLen) % C;
  let n = i / (inLen * C);
  let g = c / Cg;
  var acc = 0.0;
  for (var o = g * Og; o < (g + 1u) * Og; o++) {
    for (var t = 0u; t < taps; t++) {
      let p = outIndex(pos, t);
      if (p >= 0) { acc += f32(dy[(n * O + o) * L + u32(p)]) * f32(w[(o * Cg + c % Cg) * taps + t]); }
    }
  }
  dx[i] = acc;`,
  );
}

export function convWeightGradNaiveDecl(xt: Scalar, dyt: Scalar): KernelDecl {
  return naive(
    "convWeightGrad",
    ["x", xt],
    ["dy", dyt],
    "dw",
    `
  let t = i % taps;
  let c = (i / taps) % Cg;
  let o = i / (taps * Cg);
  let cx = (o / Og) * Cg + c;
  var acc = 0.0;
  for (var n = 0u; n < NB; n++) {
    for (var l = 0u; l < L; l++) {
      let at = tapIndex(l, t);
      if (at >= 0) { acc += f32(dy[(n * O + o) * L + l]) * f32(x[(n * C + cx) * inLen + u32(at)]); }
    }
  }
  dw[i] = acc;`,
  );
}
