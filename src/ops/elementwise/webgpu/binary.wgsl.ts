/**
 * WGSL of `binary` and `where`. Operands are read through broadcast strides (0 on broadcast axes), or
 * directly at `i` when they already have the output's shape (the common case, no index arithmetic).
 * Arithmetic is f32; comparisons give 1/0; maximum/minimum propagate NaN like torch.maximum.
 */
import type { BinaryOp } from "../../../core/kernels";
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import {
  FLOAT_HELPERS,
  SHAPE_UNIFORMS,
  stridedAt,
  stridesUniform,
  UDIV_WGSL,
} from "../../../backends/webgpu/wgsl_index";

export const BINARY_WGSL: { readonly [K in BinaryOp]: string } = {
  add: "a + b",
  sub: "a - b",
  mul: "a * b",
  div: "a / b",
  pow: "powf(a, b)",
  maximum: "select(max(a, b), nanOf(a), isNan(a) || isNan(b))",
  minimum: "select(min(a, b), nanOf(a), isNan(a) || isNan(b))",
  atan2: "atan2(a, b)",
  gt: "select(0.0, 1.0, a > b)",
  ge: "select(0.0, 1.0, a >= b)",
  lt: "select(0.0, 1.0, a < b)",
  le: "select(0.0, 1.0, a <= b)",
  eq: "select(0.0, 1.0, a == b)",
  ne: "select(1.0, 0.0, a == b)", // not a != b: lavapipe compares ordered, so NaN != x would be false
};

/** pow as in IEEE/JS: x^0 = 1, negative bases with integral exponents keep their sign, others are NaN. */
const POW = `fn powf(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (isNan(a) || isNan(b)) { return nanOf(a + b); }
  if (a < 0.0) {
    if (floor(b) != b) { return nanOf(a); }
    let r = pow(-a, b);
    return select(r, -r, abs(b) < 16777216.0 && (i32(abs(b)) & 1) == 1);
  }
  if (a == 0.0 && b < 0.0) { return 1.0 / a; }
  return pow(a, b);
}`;

/** An operand load: direct when it has the output's shape, else through its broadcast strides. */
function load(name: string, type: Scalar, direct: boolean): string {
  return `f32(${name}[${direct ? "i" : `${name}At(i)`}])`;
}

export interface Operand {
  name: string;
  type: Scalar;
  direct: boolean;
}

function decl(
  op: string,
  rank: number,
  ops: readonly Operand[],
  out: Scalar,
  body: string,
  extra = "",
  fast = false,
): KernelDecl {
  const strided = ops.filter((o) => !o.direct);
  return {
    op,
    bindings: [...ops.map((o) => ({ name: o.name, type: o.type })), { name: "y", type: out, write: true }],
    uniforms: strided.length ? [...SHAPE_UNIFORMS, ...strided.map((o) => stridesUniform(o.name))] : [],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: [FLOAT_HELPERS, UDIV_WGSL, extra, ...strided.map((o) => stridedAt(o.name, rank, "0", fast))].join("\n"),
    body,
  };
}

/** Both operands and the output float32 with the output's shape: 4 elements per invocation (vec4). */
export function binaryVec4Decl(op: BinaryOp): KernelDecl {
  const lanes = ["x", "y", "z", "w"]
    .map((q) => `  { let a = av.${q}; let b = bv.${q}; r.${q} = ${BINARY_WGSL[op]}; }`)
    .join("\n");
  return {
    op: `binary(${op})`,
    bindings: [
      { name: "xa", type: "vec4<f32>" },
      { name: "xb", type: "vec4<f32>" },
      { name: "y", type: "vec4<f32>", write: true },
    ],
    uniforms: [],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: [FLOAT_HELPERS, op === "pow" ? POW : ""].join("\n"),
    body: `  let av = xa[i];\n  let bv = xb[i];\n  var r: vec4<f32>;\n${lanes}\n  y[i] = r;`,
  };
}

/** `fast`: outputs of fewer than 2^24 elements (broadcast indices unravel through f32 division). */
export function binaryDecl(op: BinaryOp, a: Operand, b: Operand, out: Scalar, rank: number, fast = false): KernelDecl {
  const body = `  let a = ${load("a", a.type, a.direct)};\n  let b = ${load("b", b.type, b.direct)};\n  y[i] = ${out}(${BINARY_WGSL[op]});`;
  return decl(`binary(${op})`, rank, [a, b], out, body, op === "pow" ? POW : "", fast);
}

/** y = cond ≠ 0 ? a : b */
export function whereDecl(c: Operand, a: Operand, b: Operand, out: Scalar, rank: number): KernelDecl {
  const body = `  let c = ${load("c", c.type, c.direct)};\n  y[i] = ${out}(select(${load("b", b.type, b.direct)}, ${load("a", a.type, a.direct)}, c != 0.0));`;
  return decl("where", rank, [c, a, b], out, body);
}
