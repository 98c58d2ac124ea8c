/**
 * One declaration per kernel generates everything around its `main` body: the storage bindings, the
 * uniform struct (and its byte layout, so the uniform buffer is packed by field name), accessor functions
 * for array uniforms and, for "flat" kernels, the flat invocation index `i` with its bounds check.
 * WGSL identifiers are the declared names: binding `x` is `x[...]`, uniform `outShape` is `u.outShape` or,
 * for an array uniform, `outShape(d)`.
 */
import { opError } from "../../core/errors";

export type Scalar = "f32" | "i32" | "u32";

export interface BindingDecl {
  readonly name: string;
  /** element type of the `array<...>` */
  readonly type: Scalar | "atomic<u32>" | "vec4<i32>" | "vec4<f32>";
  /** read_write storage (outputs); inputs are read-only */
  readonly write?: boolean;
}

export interface UniformDecl {
  readonly name: string;
  readonly type: Scalar;
  /** an array of `len` values (shapes, strides), stored as vec4s; read with the generated `name(k)` */
  readonly len?: number;
}

export interface KernelDecl {
  /** names the op in errors (missing uniforms, WGSL compilation errors) */
  readonly op: string;
  readonly bindings: readonly BindingDecl[];
  readonly uniforms: readonly UniformDecl[];
  /** flat: one invocation per output element, index `i < u.total` (`total` is added); grid: body uses wid/lid */
  readonly mode: "flat" | "grid";
  readonly workgroupSize: readonly [number, number, number];
  /** module-scope WGSL: helper functions, workgroup variables, constants */
  readonly helpers?: string;
  readonly body: string;
  /** uses subgroup operations: adds `enable subgroups;` and the lane index `sgl` (needs the device feature) */
  readonly subgroups?: boolean;
}

export interface UniformField {
  readonly decl: UniformDecl;
  readonly offset: number;
}

export interface Program {
  readonly decl: KernelDecl;
  readonly source: string;
  readonly fields: readonly UniformField[];
  readonly uniformBytes: number;
}

export const FLAT_WORKGROUP = 64;

function allUniforms(d: KernelDecl): UniformDecl[] {
  const u = d.mode === "flat" ? [{ name: "total", type: "u32" as const }, ...d.uniforms] : [...d.uniforms];
  return u.length ? u : [{ name: "unused", type: "u32" }];
}

/** WGSL uniform layout rules: scalars align 4, `array<vec4<T>, K>` aligns 16 and takes 16·K bytes. */
function layout(us: readonly UniformDecl[]): { fields: UniformField[]; bytes: number } {
  let at = 0;
  const fields = us.map((decl) => {
    const align = decl.len ? 16 : 4;
    at = Math.ceil(at / align) * align;
    const f = { decl, offset: at };
    at += decl.len ? 16 * Math.ceil(decl.len / 4) : 4;
    return f;
  });
  return { fields, bytes: Math.max(16, Math.ceil(at / 16) * 16) };
}

function uniformType(d: UniformDecl): string {
  return d.len ? `array<vec4<${d.type}>, ${Math.ceil(d.len / 4)}>` : d.type;
}

export function buildProgram(decl: KernelDecl): Program {
  const us = allUniforms(decl);
  const { fields, bytes } = layout(us);
  const lines: string[] = decl.subgroups ? ["enable subgroups;"] : [];
  lines.push(`struct Uniforms {\n${us.map((f) => `  ${f.name}: ${uniformType(f)},`).join("\n")}\n}`);
  decl.bindings.forEach((b, k) => {
    const access = b.write ? "read_write" : "read";
    lines.push(`@group(0) @binding(${k}) var<storage, ${access}> ${b.name}: array<${b.type}>;`);
  });
  lines.push(`@group(0) @binding(${decl.bindings.length}) var<uniform> u: Uniforms;`);
  for (const f of us) {
    if (f.len) lines.push(`fn ${f.name}(k: u32) -> ${f.type} { return u.${f.name}[k / 4u][k % 4u]; }`);
  }
  if (decl.helpers) lines.push(decl.helpers.trim());
  const [wx, wy, wz] = decl.workgroupSize;
  const head =
    decl.mode === "flat"
      ? `  let i = (wid.y * nwg.x + wid.x) * ${wx * wy * wz}u + lidx;\n  if (i >= u.total) { return; }\n`
      : "";
  lines.push(
    `@compute @workgroup_size(${wx}, ${wy}, ${wz})\n` +
      `fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,\n` +
      `        @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) lidx: u32` +
      `${decl.subgroups ? ", @builtin(subgroup_invocation_id) sgl: u32" : ""}) {\n` +
      `${head}${decl.body.replace(/^\n+|\s+$/g, "")}\n}\n`,
  );
  return { decl, source: lines.join("\n"), fields, uniformBytes: bytes };
}

/**
 * `gen` with its programs remembered per argument list: for generators whose source takes long to build
 * (the unrolled FFT butterflies: ~0.3 ms per radix-64 pass, more than the pass itself on small inputs).
 * The pipeline cache stays keyed by the generated source; this only skips regenerating it.
 */
export function programMemo<A extends readonly (string | number | boolean)[]>(
  gen: (...args: A) => KernelDecl,
): (...args: A) => Program {
  const seen = new Map<string, Program>();
  return (...args: A) => {
    const key = args.join("|");
    let p = seen.get(key);
    if (!p) seen.set(key, (p = buildProgram(gen(...args))));
    return p;
  };
}

export type UniformValues = Readonly<Record<string, number | readonly number[]>>;

/** Packs uniform values by name; a missing or unknown field is an error naming the op. */
export function packUniforms(p: Program, values: UniformValues): ArrayBuffer {
  const buf = new ArrayBuffer(p.uniformBytes);
  const view = new DataView(buf);
  const known = new Set(p.fields.map((f) => f.decl.name));
  for (const k of Object.keys(values)) {
    if (!known.has(k)) throw opError(p.decl.op, `unknown uniform "${k}" (declared: ${[...known].join(", ")})`);
  }
  for (const { decl, offset } of p.fields) {
    if (decl.name === "unused") continue;
    const v = values[decl.name];
    if (v === undefined) throw opError(p.decl.op, `missing uniform "${decl.name}"`);
    const arr = typeof v === "number" ? [v] : v;
    if (decl.len ? arr.length > decl.len : typeof v !== "number") {
      throw opError(
        p.decl.op,
        `expected uniform "${decl.name}" as ${decl.len ? `at most ${decl.len} values` : "a number"}, got ${JSON.stringify(v)}`,
      );
    }
    arr.forEach((x, k) => {
      const at = offset + 4 * k;
      if (decl.type === "f32") view.setFloat32(at, x, true);
      else if (decl.type === "i32") view.setInt32(at, x, true);
      else view.setUint32(at, x, true);
    });
  }
  return buf;
}
