/**
 * The conv family as implicit GEMMs on gemm.wgsl.ts (formulas in conv.wgsl.ts). Per z:
 *   conv (z = n·G + g):           Y[Og × L]      = W_g[Og × Cg·taps] · cols(x_n,g)[Cg·taps × L]
 *   convTranspose (z = n·G + g):  dX[Cg × inLen] = W_gᵀ[Cg × Og·taps] · gathered dy[Og·taps × inLen]
 *   convWeightGrad (z = g):       dW[Og × Cg·taps] = dY_g[Og × N·L] · cols(x)ᵀ[N·L × Cg·taps]
 * The im2col operand is gathered inside the loader and never stored.
 */
import type { KernelDecl, Scalar } from "../../backends/webgpu/shader";
import { gemmDecl } from "../matmul/gemm.wgsl";
import { CONV_INDEX, CONV_UNIFORMS, uniformize } from "./conv.wgsl";

function decl(op: string, a: [string, Scalar], b: [string, Scalar], out: string, helpers: string): KernelDecl {
  return gemmDecl({
    op,
    bindings: [{ name: a[0], type: a[1] }, { name: b[0], type: b[1] }, { name: out, type: "f32", write: true }],
    uniforms: CONV_UNIFORMS,
    helpers: uniformize(`${CONV_INDEX}\nvar<private> nb: u32;\nvar<private> g: u32;\n${helpers}`),
  });
}

export function convGemmDecl(xt: Scalar, wt: Scalar): KernelDecl {
  return decl("conv", ["x", xt], ["w", wt], "y", `
fn setup(z: u32) { nb = z / G; g = z % G; }
fn loadA(z: u32, m: u32, k: u32) -> f32 { return f32(w[(g * Og + m) * Cg * taps + k]); }
fn loadB(z: u32, k: u32, n: u32) -> f32 {
  let at = tapIndex(n, k % taps);
  if (at < 0) { return 0.0; }
  return f32(x[(nb * C + g * Cg + k / taps) * inLen + u32(at)]);
}
fn store(z: u32, m: u32, n: u32, v: f32) { y[(nb * O + g * Og + m) * L + n] = v; }`);
}

export function convTransposeGemmDecl(dyt: Scalar, wt: Scalar): KernelDecl {
  return decl("convTranspose", ["dy", dyt], ["w", wt], "dx", `
fn setup(z: u32) { nb = z / G; g = z % G; }
fn loadA(z: u32, m: u32, k: u32) -> f32 { return f32(w[((g * Og + k / taps) * Cg + m) * taps + k % taps]); }
fn loadB(z: u32, k: u32, n: u32) -> f32 {
  let p = outIndex(n, k % taps);
  if (p < 0) { return 0.0; }
  return f32(dy[(nb * O + g * Og + k / taps) * L + u32(p)]);
}
fn store(z: u32, m: u32, n: u32, v: f32) { dx[(nb * C + g * Cg + m) * inLen + n] = v; }`);
}

export function convWeightGradGemmDecl(xt: Scalar, dyt: Scalar): KernelDecl {
  return decl("convWeightGrad", ["x", xt], ["dy", dyt], "dw", `
fn setup(z: u32) { g = z; }
fn loadA(z: u32, m: u32, k: u32) -> f32 { return f32(dy[((k / L) * O + g * Og + m) * L + k % L]); }
fn loadB(z: u32, k: u32, n: u32) -> f32 {
  let at = tapIndex(k % L, n % taps);
  if (at < 0) { return 0.0; }
  return f32(x[((k / L) * C + g * Cg + n / taps) * inLen + u32(at)]);
}
fn store(z: u32, m: u32, n: u32, v: f32) { dw[(g * Og + m) * Cg * taps + n] = v; }`);
}
