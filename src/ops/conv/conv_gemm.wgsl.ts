/**
 * The conv family as implicit GEMMs on gemm.wgsl.ts (formulas in conv.wgsl.ts). Per z:
 *   conv (z = n·G + g):           Y[Og × L]      = W_g[Og × Cg·taps] · cols(x_n,g)[Cg·taps × L]
 *   convTranspose (z = n·G + g):  dX[Cg × inLen] = W_gᵀ[Cg × Og·taps] · gathered dy[Og·taps × inLen]
 *   convWeightGrad (z = g):       dW[Og × Cg·taps] = dY_g[Og × N·L] · cols(x)ᵀ[N·L × Cg·taps]
 * The im2col operand is gathered inside the loaders and never stored; whatever depends only on an
 * invocation's 4 rows or columns (window origins, channel offsets) is computed once in setup, and what
 * depends on the depth index k comes from `ktab`, a per-k table built on the host (convKTable): integer
 * division is scalarised on lavapipe and had dominated the loaders.
 *   conv:           ktab[k = c·taps + t] = (c·inLen, tap t's offsets · dilation)
 *   convTranspose:  ktab[k = o·taps + t] = (o, tap t's offsets · dilation)
 *   convWeightGrad: ktab[k = n·L + l]    = (n, output position l · stride)
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";
import { gemmDecl } from "../matmul/gemm.wgsl";
import { CONV_UNIFORMS, uniformize } from "./conv.wgsl";

function decl(op: string, shape: readonly [number, number], a: [string, Scalar], b: [string, Scalar], out: string, helpers: string): KernelDecl {
  return gemmDecl({
    op,
    bindings: [{ name: a[0], type: a[1] }, { name: b[0], type: b[1] }, { name: out, type: "f32", write: true }, { name: "ktab", type: "vec4<i32>" }],
    uniforms: CONV_UNIFORMS,
    helpers: uniformize(helpers),
  }, shape);
}

/** shared by the three: tap t's (kd, kh, kw) · dilation, and flat position l's 3-d coordinates */
const COMMON = `var<private> nb: u32;
var<private> g: u32;
var<private> colOk: array<bool, 4>;
fn tapOffset(t: u32) -> vec3<i32> {
  return vec3<i32>(i32(t / u32(kS1 * kS2)), i32((t / u32(kS2)) % u32(kS1)), i32(t % u32(kS2))) * vec3<i32>(dil0, dil1, dil2);
}
fn outCoords(l: u32) -> vec3<i32> {
  return vec3<i32>(i32(l / u32(out1 * out2)), i32((l / u32(out2)) % u32(out1)), i32(l % u32(out2)));
}
fn inside(i: vec3<i32>) -> bool { return all(i >= vec3<i32>(0)) && all(i < vec3<i32>(inS0, inS1, inS2)); }
fn inFlat(i: vec3<i32>) -> u32 { return u32((i.x * inS1 + i.y) * inS2 + i.z); }`;

export function convGemmDecl(xt: Scalar, wt: Scalar, shape: readonly [number, number] = [16, 16]): KernelDecl {
  return decl("conv", shape, ["x", xt], ["w", wt], "y", `${COMMON}
// per column q: the window origin p·stride − pad of output position n4 + q
var<private> origin: array<vec3<i32>, 4>;
fn setup(z: u32, m4: u32, n4: u32) {
  nb = z / G;
  g = z % G;
  for (var q = 0u; q < 4u; q++) {
    colOk[q] = n4 + q < L;
    origin[q] = outCoords(n4 + q) * vec3<i32>(s0, s1, s2) - vec3<i32>(pad0, pad1, pad2);
  }
}
fn loadA4(z: u32, m4: u32, k: u32) -> vec4<f32> {
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) { if (m4 + q < Og) { v[q] = f32(w[(g * Og + m4 + q) * Cg * taps + k]); } }
  return v;
}
fn loadB4(z: u32, k: u32, n4: u32) -> vec4<f32> {
  let e = ktab[k];
  let base = (nb * C + g * Cg) * inLen + u32(e.x);
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) {
    let i = origin[q] + e.yzw;
    if (colOk[q] && inside(i)) { v[q] = f32(x[base + inFlat(i)]); }
  }
  return v;
}
fn store(z: u32, m: u32, n: u32, v: f32) { y[(nb * O + g * Og + m) * L + n] = v; }`);
}

export function convTransposeGemmDecl(dyt: Scalar, wt: Scalar, shape: readonly [number, number] = [16, 16]): KernelDecl {
  return decl("convTranspose", shape, ["dy", dyt], ["w", wt], "dx", `${COMMON}
// per column q: input position n4 + q plus padding; dy position p = (that − tap offset) / stride
var<private> shifted: array<vec3<i32>, 4>;
fn setup(z: u32, m4: u32, n4: u32) {
  nb = z / G;
  g = z % G;
  for (var q = 0u; q < 4u; q++) {
    let pos = n4 + q;
    colOk[q] = pos < inLen;
    shifted[q] = vec3<i32>(i32(pos / u32(inS1 * inS2)), i32((pos / u32(inS2)) % u32(inS1)), i32(pos % u32(inS2))) + vec3<i32>(pad0, pad1, pad2);
  }
}
fn loadA4(z: u32, m4: u32, k: u32) -> vec4<f32> {
  let o = u32(ktab[k].x);
  let base = (g * Og + o) * Cg;
  let t = k - o * taps;
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) { if (m4 + q < Cg) { v[q] = f32(w[(base + m4 + q) * taps + t]); } }
  return v;
}
fn loadB4(z: u32, k: u32, n4: u32) -> vec4<f32> {
  let e = ktab[k];
  let off = e.yzw;
  let base = (nb * O + g * Og + u32(e.x)) * L;
  let st = vec3<i32>(s0, s1, s2);
  let unit = all(st == vec3<i32>(1));
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) {
    let d = shifted[q] - off;
    var p = d;
    if (!unit) { p = d / st; }
    if (colOk[q] && all(d >= vec3<i32>(0)) && all(p * st == d) && all(p < vec3<i32>(out0, out1, out2))) {
      v[q] = f32(dy[base + u32((p.x * out1 + p.y) * out2 + p.z)]);
    }
  }
  return v;
}
fn store(z: u32, m: u32, n: u32, v: f32) { dx[(nb * C + g * Cg + m) * inLen + n] = v; }`);
}

export function convWeightGradGemmDecl(xt: Scalar, dyt: Scalar, shape: readonly [number, number] = [16, 16]): KernelDecl {
  return decl("convWeightGrad", shape, ["x", xt], ["dy", dyt], "dw", `${COMMON}
// per column q = (c, tap): the channel's offset in x and the tap offset minus padding
var<private> chan: array<u32, 4>;
var<private> tapOff: array<vec3<i32>, 4>;
fn setup(z: u32, m4: u32, n4: u32) {
  g = z;
  for (var q = 0u; q < 4u; q++) {
    let n = n4 + q;
    colOk[q] = n < Cg * taps;
    chan[q] = (g * Cg + n / taps) * inLen;
    tapOff[q] = tapOffset(n % taps) - vec3<i32>(pad0, pad1, pad2);
  }
}
fn loadA4(z: u32, m4: u32, k: u32) -> vec4<f32> {
  let n = u32(ktab[k].x);
  let base = (n * O + g * Og + m4) * L + (k - n * L);
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) { if (m4 + q < Og) { v[q] = f32(dy[base + q * L]); } }
  return v;
}
fn loadB4(z: u32, k: u32, n4: u32) -> vec4<f32> {
  let e = ktab[k];
  let b = u32(e.x) * C * inLen;
  let p = e.yzw;
  var v = vec4<f32>(0.0);
  for (var q = 0u; q < 4u; q++) {
    let i = p + tapOff[q];
    if (colOk[q] && inside(i)) { v[q] = f32(x[b + chan[q] + inFlat(i)]); }
  }
  return v;
}
fn store(z: u32, m: u32, n: u32, v: f32) { dw[(g * Og + m) * Cg * taps + n] = v; }`);
}
