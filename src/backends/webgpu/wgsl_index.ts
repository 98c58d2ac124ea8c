/**
 * Index helpers shared by the WGSL kernels. Tensors on the GPU are contiguous row-major; a kernel that
 * reads an operand through other strides (broadcast, transpose, flip) gets its shape and strides as
 * array uniforms and unravels the flat output index: offset = base + Σ_d strides[d]·i_d.
 */
import { opError } from "../../core/errors";
import type { UniformDecl } from "./shader";

/** Largest rank the generic strided kernels handle (shapes and strides live in 2 vec4s). */
export const MAX_RANK = 8;

export function checkRank(op: string, rank: number): void {
  if (rank > MAX_RANK) throw opError(op, `expected a tensor of rank at most ${MAX_RANK} on webgpu, got rank ${rank}`);
}

/** Uniforms for `rank` and the output `shape`. */
export const SHAPE_UNIFORMS: readonly UniformDecl[] = [
  { name: "rank", type: "u32" },
  { name: "shape", type: "u32", len: MAX_RANK },
];

/** A strides uniform named `${name}Strides`. */
export function stridesUniform(name: string): UniformDecl {
  return { name: `${name}Strides`, type: "i32", len: MAX_RANK };
}

/**
 * WGSL for every dim d = rank−1 … 0, each block in its own scope, with `d` a literal: the kernels are
 * generated per rank so that no uniform array is indexed dynamically inside a loop (lavapipe compiles
 * that into slow per-lane code).
 */
export function unrollDims(rank: number, block: (d: string) => string): string {
  const out: string[] = [];
  for (let d = rank - 1; d >= 0; d--) out.push(`  {\n${block(`${d}u`)}\n  }`);
  return out.join("\n");
}

/**
 * WGSL `fn ${name}At(i: u32) -> u32`: the element of operand `name` that flat output index i reads,
 * via `shape(d)` and `${name}Strides(d)` (strides may be 0 for broadcast or negative for flips).
 * `fast` (outputs of fewer than 2^24 elements) unravels with `udiv` (needs UDIV_WGSL among the helpers).
 */
export function stridedAt(name: string, rank: number, base = "0", fast = false): string {
  const step = fast
    ? (d: string) =>
        `    let n = shape(${d});\n    let q = udiv(rem, n);\n    at += i32(rem - q * n) * ${name}Strides(${d});\n    rem = q;`
    : (d: string) => `    let n = shape(${d});\n    at += i32(rem % n) * ${name}Strides(${d});\n    rem = rem / n;`;
  return `fn ${name}At(i: u32) -> u32 {
  var rem = i;
  var at: i32 = ${base};
${unrollDims(rank, step)}
  return u32(at);
}`;
}

/** Outputs below this size unravel their indices through f32 division (UDIV_WGSL is exact there). */
export const FAST_UNRAVEL_BELOW = 2 ** 24;

/** Pads a shape or strides list to MAX_RANK with `fill`. */
export function padTo(xs: readonly number[], fill: number): number[] {
  const out = [...xs];
  while (out.length < MAX_RANK) out.push(fill);
  return out;
}

/** WGSL helpers for IEEE checks that fast-math cannot fold away (bit tests). */
export const FLOAT_HELPERS = `fn isNan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }
fn isFinite(v: f32) -> bool { return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u; }
fn nanOf(v: f32) -> f32 { return bitcast<f32>(bitcast<u32>(v) | 0x7fc00000u); }`;

/**
 * Unsigned division through f32, corrected by one: lavapipe has no vector integer division and runs
 * `a / d` as eight scalar divides (~200 cycles per 8 lanes), which dominated the conv packing kernels.
 * Exact while a < 2^24 (what the callers guarantee: their indices count at most 2^24 floats / 4).
 */
export const UDIV_WGSL = `fn udiv(a: u32, d: u32) -> u32 {
  var q = u32(f32(a) / f32(d));
  if (q * d > a) { q -= 1u; } else if ((q + 1u) * d <= a) { q += 1u; }
  return q;
}`;
