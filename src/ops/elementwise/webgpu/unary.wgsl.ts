/**
 * WGSL of `unary`: one expression of `v` (the f32 value) per op, matching the cpu kernel's semantics:
 * NaN passes through relu/sign, sigmoid is evaluated without overflow in both tails, round is
 * half-to-even (WGSL's round), log1p/expm1 use the compensated forms (Goldberg 1991; Kahan).
 */
import type { UnaryOp } from "../../../core/kernels";
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { FLOAT_HELPERS } from "../../../backends/webgpu/wgsl_index";

export const UNARY_WGSL: { readonly [K in UnaryOp]: string } = {
  neg: "-v",
  exp: "exp(v)",
  log: "logf(v)",
  sqrt: "sqrt(v)",
  abs: "abs(v)",
  relu: "select(0.0, v, v > 0.0 || isNan(v))",
  sigmoid: "sigmoidf(v)",
  tanh: "select(tanh(clamp(v, -15.0, 15.0)), v, isNan(v))",
  sign: "select(select(select(0.0, -1.0, v < 0.0), 1.0, v > 0.0), v, isNan(v))",
  square: "v * v",
  reciprocal: "1.0 / v",
  sin: "sin(v)",
  cos: "cos(v)",
  floor: "floor(v)",
  ceil: "ceil(v)",
  round: "round(v)",
  isfinite: "select(0.0, 1.0, isFinite(v))",
  log1p: "log1pf(v)",
  expm1: "expm1f(v)",
};

const MATH_HELPERS = `${FLOAT_HELPERS}
fn sigmoidf(v: f32) -> f32 {
  let e = exp(-abs(v));
  return select(e / (1.0 + e), 1.0 / (1.0 + e), v >= 0.0);
}
// log1p(v) = 2·atanh(z), z = v / (2 + v): an odd series in z, accurate where log(1 + v) loses digits
fn log1pf(v: f32) -> f32 {
  if (v < -0.5 || v > 1.0 || isNan(v)) { return log(1.0 + v); }
  let z = v / (2.0 + v);
  let q = z * z;
  let s = 1.0 + q * (1.0 / 3.0 + q * (1.0 / 5.0 + q * (1.0 / 7.0 + q * (1.0 / 9.0 + q * (1.0 / 11.0 + q * (1.0 / 13.0 + q * (1.0 / 15.0 + q / 17.0)))))));
  return 2.0 * z * s;
}
// near 1, log(v) = log1p(v − 1) (v − 1 is exact there) keeps full relative accuracy
fn logf(v: f32) -> f32 {
  if (v >= 0.5 && v <= 2.0) { return log1pf(v - 1.0); }
  return log(v);
}
fn expm1f(v: f32) -> f32 {
  if (abs(v) < 1e-5) { return v + 0.5 * v * v; }
  if (v > 88.0 || isNan(v)) { return exp(v); }
  let w = exp(v);
  if (w - 1.0 == -1.0) { return -1.0; }
  return (w - 1.0) * (v / log(w));
}`;

/** y[i] = f(x[i]), computed in f32 and stored as the output type. */
/**
 * `vec4` (f32 tensors): one invocation per 4 elements, one vector load and store (on lavapipe a vector
 * access costs about what a scalar one does; the padding past the last element of the pooled buffer
 * absorbs the tail).
 */
export function unaryDecl(op: UnaryOp, type: Scalar, vec4 = false): KernelDecl {
  if (vec4) {
    const lanes = ["x", "y", "z", "w"].map((q) => `  { let v = xv.${q}; r.${q} = ${UNARY_WGSL[op]}; }`).join("\n");
    return {
      op: `unary(${op})`,
      bindings: [
        { name: "x", type: "vec4<f32>" },
        { name: "y", type: "vec4<f32>", write: true },
      ],
      uniforms: [],
      mode: "flat",
      workgroupSize: [64, 1, 1],
      helpers: MATH_HELPERS,
      body: `  let xv = x[i];\n  var r: vec4<f32>;\n${lanes}\n  y[i] = r;`,
    };
  }
  return {
    op: `unary(${op})`,
    bindings: [
      { name: "x", type },
      { name: "y", type, write: true },
    ],
    uniforms: [],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: MATH_HELPERS,
    body: `  let v = f32(x[i]);\n  y[i] = ${type}(${UNARY_WGSL[op]});`,
  };
}
