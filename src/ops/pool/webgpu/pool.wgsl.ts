/**
 * WGSL of `pool` and `avgPoolGrad` on three spatial dims (leading size-1 dims for 1-D/2-D), the cpu
 * kernel's rules (pool.cpu.ts): a window on a dim starts at s = o·stride − pad, taps s + t·dilation;
 *   max: first maximum wins, a NaN wins over everything (the last NaN); idx = (d·H + h)·W + w in the
 *        input plane; a window without in-bounds taps gives −∞ at its first non-negative tap;
 *   avg: Σ in-bounds taps / divisor, divisor = Π span (countIncludePad; span = min(s + k, n + pad) − s)
 *        or the number of in-bounds taps;
 *   avgPoolGrad: dx[i] = Σ_{windows o containing i} dy[o] / divisor(o), gathered per input position.
 */
import type { PoolKind } from "../../../core/kernels";
import type { BindingDecl, KernelDecl, Scalar, UniformDecl } from "../../../backends/webgpu/shader";
import { FLOAT_HELPERS } from "../../../backends/webgpu/wgsl_index";

const UNIFORMS: readonly UniformDecl[] = [
  { name: "inVol", type: "u32" },
  { name: "outVol", type: "u32" },
  { name: "negInf", type: "f32" },
  { name: "inSize", type: "i32", len: 3 },
  { name: "kSize", type: "i32", len: 3 },
  { name: "outSize", type: "i32", len: 3 },
  { name: "stride", type: "i32", len: 3 },
  { name: "dilation", type: "i32", len: 3 },
  { name: "padLo", type: "i32", len: 3 },
];

const HELPERS = `${FLOAT_HELPERS}
// the 3-d output position of flat index l
fn outPos(l: u32) -> vec3<i32> {
  let ow = i32(l % u32(outSize(2u)));
  let oh = i32((l / u32(outSize(2u))) % u32(outSize(1u)));
  return vec3<i32>(i32(l / u32(outSize(2u) * outSize(1u))), oh, ow);
}
// (in-bounds tap count, countIncludePad span) of window o on dim d
fn window(o: i32, d: u32) -> vec2<i32> {
  let s = o * stride(d) - padLo(d);
  var count = 0;
  for (var t = 0; t < kSize(d); t++) {
    let q = s + t * dilation(d);
    if (q >= 0 && q < inSize(d)) { count++; }
  }
  return vec2<i32>(count, min(s + kSize(d), inSize(d) + padLo(d)) - s);
}
fn divisor(o: vec3<i32>, includePad: bool) -> f32 {
  let a = window(o.x, 0u);
  let b = window(o.y, 1u);
  let c = window(o.z, 2u);
  return f32(select(a.x * b.x * c.x, a.y * b.y * c.y, includePad));
}`;

const LOOP = (inner: string) => `
  let o = outPos(i % u.outVol);
  let base = (i / u.outVol) * u.inVol;
  let s = o * vec3<i32>(stride(0u), stride(1u), stride(2u)) - vec3<i32>(padLo(0u), padLo(1u), padLo(2u));
  for (var a = 0; a < kSize(0u); a++) {
    let pd = s.x + a * dilation(0u);
    if (pd < 0 || pd >= inSize(0u)) { continue; }
    for (var b = 0; b < kSize(1u); b++) {
      let ph = s.y + b * dilation(1u);
      if (ph < 0 || ph >= inSize(1u)) { continue; }
      for (var c = 0; c < kSize(2u); c++) {
        let pw = s.z + c * dilation(2u);
        if (pw < 0 || pw >= inSize(2u)) { continue; }
        let at = (pd * inSize(1u) + ph) * inSize(2u) + pw;
        let v = f32(x[base + u32(at)]);
${inner}
      }
    }
  }`;

/** Each pooling kind's output bindings and `main` body: a kind without them does not compile. */
export type PoolKindsWgsl = {
  readonly [P in PoolKind]: { readonly outputs: readonly BindingDecl[]; body(includePad: boolean): string };
};

export const poolKindsWgsl: PoolKindsWgsl = {
  max: {
    outputs: [
      { name: "y", type: "f32", write: true },
      { name: "idx", type: "i32", write: true },
    ],
    body: () => `
  var best = u.negInf;
  var bestAt = -1;${LOOP("        if (v > best || isNan(v) || bestAt < 0) { best = v; bestAt = at; }")}
  if (bestAt < 0) {
    let lead = select(s, s + ((-s + vec3<i32>(dilation(0u), dilation(1u), dilation(2u)) - 1) / vec3<i32>(dilation(0u), dilation(1u), dilation(2u))) * vec3<i32>(dilation(0u), dilation(1u), dilation(2u)), s < vec3<i32>(0));
    bestAt = (lead.x * inSize(1u) + lead.y) * inSize(2u) + lead.z;
  }
  y[i] = best;
  idx[i] = bestAt;`,
  },
  avg: {
    outputs: [{ name: "y", type: "f32", write: true }],
    body: (includePad) => `
  var sum = 0.0;
  var n = 0;${LOOP("        sum += v;\n        n++;")}
  y[i] = select(sum / divisor(o, ${includePad}), 0.0, n == 0);`,
  },
};

export function poolDecl(kind: PoolKind, xt: Scalar, includePad: boolean): KernelDecl {
  const k = poolKindsWgsl[kind];
  return {
    op: `pool(${kind})`,
    bindings: [{ name: "x", type: xt }, ...k.outputs],
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: HELPERS,
    body: k.body(includePad),
  };
}

export function avgPoolGradDecl(dyt: Scalar, includePad: boolean): KernelDecl {
  return {
    op: "avgPoolGrad",
    bindings: [
      { name: "dy", type: dyt },
      { name: "dx", type: "f32", write: true },
    ],
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: HELPERS,
    body: `
  let l = i % u.inVol;
  let base = (i / u.inVol) * u.outVol;
  let p = vec3<i32>(i32(l / u32(inSize(2u) * inSize(1u))), i32((l / u32(inSize(2u))) % u32(inSize(1u))), i32(l % u32(inSize(2u))));
  var acc = 0.0;
  for (var a = 0; a < kSize(0u); a++) {
    let qd = p.x + padLo(0u) - a * dilation(0u);
    if (qd < 0 || qd % stride(0u) != 0 || qd / stride(0u) >= outSize(0u)) { continue; }
    for (var b = 0; b < kSize(1u); b++) {
      let qh = p.y + padLo(1u) - b * dilation(1u);
      if (qh < 0 || qh % stride(1u) != 0 || qh / stride(1u) >= outSize(1u)) { continue; }
      for (var c = 0; c < kSize(2u); c++) {
        let qw = p.z + padLo(2u) - c * dilation(2u);
        if (qw < 0 || qw % stride(2u) != 0 || qw / stride(2u) >= outSize(2u)) { continue; }
        let o = vec3<i32>(qd / stride(0u), qh / stride(1u), qw / stride(2u));
        acc += f32(dy[base + u32((o.x * outSize(1u) + o.y) * outSize(2u) + o.z)]) / divisor(o, ${includePad});
      }
    }
  }
  dx[i] = acc;`,
  };
}
