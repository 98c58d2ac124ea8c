/**
 * WGSL of `fft` along one axis of an [outer, n, inner] layout (inner fastest, so neighbouring invocations
 * touch neighbouring addresses). Sign s = −1 forward, +1 inverse; unnormalised.
 * Stockham autosort (no bit reversal; Govindaraju et al. 2008, "High performance discrete Fourier
 * transforms on graphics processors"): a pass of radix R over sub-transforms of size Ns reads
 *   v_r = x[j + r·n/R],  v_r ·= e^{s·2πi·r·(j mod Ns)/(Ns·R)},  V = DFT_R(v),
 *   y[(j div Ns)·Ns·R + (j mod Ns) + r·Ns] = V_r,
 * for Ns = 1, R, R², … ; radix 4 halves the passes over memory, one radix-2 pass covers odd log2 n.
 * Other lengths: a direct DFT (O(n²) per line, exact twiddles from (j·k) mod n).
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";

const UNIFORMS = [
  { name: "n", type: "u32" }, { name: "inner", type: "u32" }, { name: "ns", type: "u32" }, { name: "sign", type: "f32" },
] as const;

function bindings(t: Scalar) {
  return [{ name: "xr", type: t }, { name: "xi", type: t }, { name: "yr", type: "f32" as const, write: true }, { name: "yi", type: "f32" as const, write: true }];
}

/** invocation i → (line base offset, j) for a pass of radix R */
const LOCATE = (radix: number) => `
  let ii = i % u.inner;
  let rest = i / u.inner;
  let j = rest % (u.n / ${radix}u);
  let base = (rest / (u.n / ${radix}u)) * u.n * u.inner + ii;
  let k = j % u.ns;
  let q = u.n / ${radix}u;
  let out = (j - k) * ${radix}u + k;
  let theta = u.sign * 6.283185307179586 * f32(k) / f32(u.ns * ${radix}u);`;

const HELPERS = `fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> { return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }
fn twiddle(a: f32) -> vec2<f32> { return vec2<f32>(cos(a), sin(a)); }`;

export function fftRadix2Decl(t: Scalar): KernelDecl {
  return {
    op: "fft",
    bindings: bindings(t),
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: HELPERS,
    body: `${LOCATE(2)}
  let a = vec2<f32>(f32(xr[base + j * u.inner]), f32(xi[base + j * u.inner]));
  let b = cmul(vec2<f32>(f32(xr[base + (j + q) * u.inner]), f32(xi[base + (j + q) * u.inner])), twiddle(theta));
  let s0 = a + b;
  let s1 = a - b;
  yr[base + out * u.inner] = s0.x;
  yi[base + out * u.inner] = s0.y;
  yr[base + (out + u.ns) * u.inner] = s1.x;
  yi[base + (out + u.ns) * u.inner] = s1.y;`,
  };
}

export function fftRadix4Decl(t: Scalar): KernelDecl {
  const load = (r: number) => `vec2<f32>(f32(xr[base + (j + ${r}u * q) * u.inner]), f32(xi[base + (j + ${r}u * q) * u.inner]))`;
  const store = (r: number, v: string) =>
    `  yr[base + (out + ${r}u * u.ns) * u.inner] = ${v}.x;\n  yi[base + (out + ${r}u * u.ns) * u.inner] = ${v}.y;`;
  return {
    op: "fft",
    bindings: bindings(t),
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: HELPERS,
    body: `${LOCATE(4)}
  let v0 = ${load(0)};
  let v1 = cmul(${load(1)}, twiddle(theta));
  let v2 = cmul(${load(2)}, twiddle(2.0 * theta));
  let v3 = cmul(${load(3)}, twiddle(3.0 * theta));
  let t0 = v0 + v2;
  let t1 = v0 - v2;
  let t2 = v1 + v3;
  let d = v1 - v3;
  // s·i·d: the quarter turn of DFT_4 (−i forward, +i inverse)
  let t3 = u.sign * vec2<f32>(-d.y, d.x);
  let w0 = t0 + t2;
  let w1 = t1 + t3;
  let w2 = t0 - t2;
  let w3 = t1 - t3;
${store(0, "w0")}
${store(1, "w1")}
${store(2, "w2")}
${store(3, "w3")}`,
  };
}

/** X_k = Σ_j x_j e^{s·2πi·jk/n}, one invocation per output element. */
export function dftDecl(t: Scalar): KernelDecl {
  return {
    op: "fft",
    bindings: bindings(t),
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: HELPERS,
    body: `
  let ii = i % u.inner;
  let k = (i / u.inner) % u.n;
  let base = (i / (u.inner * u.n)) * u.n * u.inner + ii;
  var acc = vec2<f32>(0.0, 0.0);
  var jk = 0u;
  for (var j = 0u; j < u.n; j++) {
    let x = vec2<f32>(f32(xr[base + j * u.inner]), f32(xi[base + j * u.inner]));
    acc += cmul(x, twiddle(u.sign * 6.283185307179586 * f32(jk) / f32(u.n)));
    jk += k;
    if (jk >= u.n) { jk -= u.n; }
  }
  yr[i] = acc.x;
  yi[i] = acc.y;`,
  };
}
