/**
 * WGSL of Bluestein's FFT for lengths that are not powers of two (chirp-z; the cpu's fft_plan.ts uses the
 * same identity): with c_j = e^{s·πi·j²/n} and jk = (j² + k² − (k−j)²)/2,
 *   X_k = c_k · Σ_j (x_j c_j) · conj(c_{k−j}),
 * a circular convolution of length M ≥ 2n − 1 (a power of two) done with the Stockham passes:
 *   a = pad_M(x · c) → A = FFT_M(a) → A · B (B = FFT_M of conj(c) laid out circularly, from the host)
 *   → IFFT_M → X_k = c_k · (…)_k / M.
 * Layout [outer, n or M, inner] as in fft.wgsl.ts; the chirp and B are vectors over the axis.
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";

const UNIFORMS = [
  { name: "n", type: "u32" },
  { name: "m", type: "u32" },
  { name: "inner", type: "u32" },
  { name: "scale", type: "f32" },
] as const;

function decl(op: string, a: Scalar, body: string): KernelDecl {
  return {
    op,
    bindings: [
      { name: "ar", type: a },
      { name: "ai", type: a },
      { name: "cr", type: "f32" },
      { name: "ci", type: "f32" },
      { name: "yr", type: "f32", write: true },
      { name: "yi", type: "f32", write: true },
    ],
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers:
      "fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> { return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }",
    body,
  };
}

/** y[o, j, ii] (length m) = x[o, j, ii] · c_j for j < n, else 0 */
export const chirpInDecl = (t: Scalar): KernelDecl =>
  decl(
    "fft",
    t,
    `
  let ii = i % u.inner;
  let j = (i / u.inner) % u.m;
  let o = i / (u.inner * u.m);
  var v = vec2<f32>(0.0);
  if (j < u.n) {
    let at = (o * u.n + j) * u.inner + ii;
    v = cmul(vec2<f32>(f32(ar[at]), f32(ai[at])), vec2<f32>(cr[j], ci[j]));
  }
  yr[i] = v.x;
  yi[i] = v.y;`,
  );

/** y = a · B_j over the length-m axis */
export const pointwiseDecl: KernelDecl = decl(
  "fft",
  "f32",
  `
  let j = (i / u.inner) % u.m;
  let v = cmul(vec2<f32>(ar[i], ai[i]), vec2<f32>(cr[j], ci[j]));
  yr[i] = v.x;
  yi[i] = v.y;`,
);

/** X[o, k, ii] (length n) = c_k · a[o, k, ii] · scale */
export const chirpOutDecl: KernelDecl = decl(
  "fft",
  "f32",
  `
  let ii = i % u.inner;
  let k = (i / u.inner) % u.n;
  let o = i / (u.inner * u.n);
  let at = (o * u.m + k) * u.inner + ii;
  let v = cmul(vec2<f32>(ar[at], ai[at]), vec2<f32>(cr[k], ci[k])) * u.scale;
  yr[i] = v.x;
  yi[i] = v.y;`,
);
