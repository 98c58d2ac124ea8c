/**
 * WGSL of the conv family, on three spatial dims (1-D/2-D geometries lifted with leading size-1 dims, as
 * conv3.ts does for the cpu). With i(p, k) = p·stride − padLo + k·dilation per dim:
 *   conv:           y[n, o, p]  = Σ_{c ∈ group(o)} Σ_k x[n, c, i(p,k)] · w[o, c − g·C/G, k]
 *   convTranspose:  dx[n, c, i] = Σ_{o ∈ group(c)} Σ_{k, p: i(p,k) = i} dy[n, o, p] · w[o, c − g·C/G, k]
 *   convWeightGrad: dw[o, c, k] = Σ_n Σ_p dy[n, o, p] · x[n, g·C/G + c, i(p,k)]
 * Each has a naive kernel (one invocation per output element, straight from the formula: the reference)
 * and an implicit-GEMM kernel on the tiled skeleton of gemm.wgsl.ts, whose loaders gather the im2col
 * operand on the fly (per batch n and group g: z = n·G + g).
 */
import type { KernelDecl, Scalar, UniformDecl } from "../../backends/webgpu/shader";

export const CONV_UNIFORMS: readonly UniformDecl[] = [
  { name: "batch", type: "u32" }, { name: "C", type: "u32" }, { name: "O", type: "u32" }, { name: "G", type: "u32" },
  { name: "Cg", type: "u32" }, { name: "Og", type: "u32" },
  { name: "inLen", type: "u32" }, { name: "taps", type: "u32" }, { name: "L", type: "u32" },
  { name: "inSize", type: "i32", len: 3 }, { name: "kSize", type: "i32", len: 3 }, { name: "outSize", type: "i32", len: 3 },
  { name: "stride", type: "i32", len: 3 }, { name: "dilation", type: "i32", len: 3 }, { name: "padLo", type: "i32", len: 3 },
];

/** tapIndex(l, t): flat input position read by output position l at tap t (−1: padding);
 *  outIndex(i, t): flat output position p with i(p, t) = i (−1: none). */
export const CONV_INDEX = `fn tapIndex(l: u32, t: u32) -> i32 {
  var lr = l;
  var tr = t;
  var idx = 0;
  var scale = 1;
  for (var d = 2u; d < 3u; d--) {
    let p = i32(lr % u32(outSize(d)));
    lr = lr / u32(outSize(d));
    let k = i32(tr % u32(kSize(d)));
    tr = tr / u32(kSize(d));
    let i = p * stride(d) - padLo(d) + k * dilation(d);
    if (i < 0 || i >= inSize(d)) { return -1; }
    idx += i * scale;
    scale *= inSize(d);
  }
  return idx;
}
fn outIndex(i: u32, t: u32) -> i32 {
  var ir = i;
  var tr = t;
  var p = 0;
  var scale = 1;
  for (var d = 2u; d < 3u; d--) {
    let q0 = i32(ir % u32(inSize(d)));
    ir = ir / u32(inSize(d));
    let k = i32(tr % u32(kSize(d)));
    tr = tr / u32(kSize(d));
    let q = q0 + padLo(d) - k * dilation(d);
    if (q < 0 || q % stride(d) != 0 || q / stride(d) >= outSize(d)) { return -1; }
    p += (q / stride(d)) * scale;
    scale *= outSize(d);
  }
  return p;
}`;

function naive(op: string, a: [string, Scalar], b: [string, Scalar], out: string, body: string): KernelDecl {
  return {
    op,
    bindings: [{ name: a[0], type: a[1] }, { name: b[0], type: b[1] }, { name: out, type: "f32", write: true }],
    uniforms: CONV_UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: CONV_INDEX,
    body,
  };
}

export function convNaiveDecl(xt: Scalar, wt: Scalar): KernelDecl {
  return naive("conv", ["x", xt], ["w", wt], "y", `
  let l = i % u.L;
  let o = (i / u.L) % u.O;
  let n = i / (u.L * u.O);
  let c0 = (o / u.Og) * u.Cg;
  var acc = 0.0;
  for (var c = 0u; c < u.Cg; c++) {
    for (var t = 0u; t < u.taps; t++) {
      let at = tapIndex(l, t);
      if (at >= 0) { acc += f32(x[(n * u.C + c0 + c) * u.inLen + u32(at)]) * f32(w[(o * u.Cg + c) * u.taps + t]); }
    }
  }
  y[i] = acc;`);
}

export function convTransposeNaiveDecl(dyt: Scalar, wt: Scalar): KernelDecl {
  return naive("convTranspose", ["dy", dyt], ["w", wt], "dx", `
  let pos = i % u.inLen;
  let c = (i / u.inLen) % u.C;
  let n = i / (u.inLen * u.C);
  let g = c / u.Cg;
  var acc = 0.0;
  for (var o = g * u.Og; o < (g + 1u) * u.Og; o++) {
    for (var t = 0u; t < u.taps; t++) {
      let p = outIndex(pos, t);
      if (p >= 0) { acc += f32(dy[(n * u.O + o) * u.L + u32(p)]) * f32(w[(o * u.Cg + c % u.Cg) * u.taps + t]); }
    }
  }
  dx[i] = acc;`);
}

export function convWeightGradNaiveDecl(xt: Scalar, dyt: Scalar): KernelDecl {
  return naive("convWeightGrad", ["x", xt], ["dy", dyt], "dw", `
  let t = i % u.taps;
  let c = (i / u.taps) % u.Cg;
  let o = i / (u.taps * u.Cg);
  let cx = (o / u.Og) * u.Cg + c;
  var acc = 0.0;
  for (var n = 0u; n < u.batch; n++) {
    for (var l = 0u; l < u.L; l++) {
      let at = tapIndex(l, t);
      if (at >= 0) { acc += f32(dy[(n * u.O + o) * u.L + l]) * f32(x[(n * u.C + cx) * u.inLen + u32(at)]); }
    }
  }
  dw[i] = acc;`);
}
