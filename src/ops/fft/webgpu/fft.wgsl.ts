/**
 * WGSL of `fft` along one axis of an [outer, n, inner] layout (inner fastest, so neighbouring invocations
 * touch neighbouring addresses). Sign s = −1 forward, +1 inverse; unnormalised.
 * Stockham autosort (no bit reversal; Govindaraju et al. 2008, "High performance discrete Fourier
 * transforms on graphics processors"): a pass of radix R over sub-transforms of size Ns reads
 *   v_r = x[j + r·n/R],  v_r ·= w^r with w = e^{s·2πi·(j mod Ns)/(Ns·R)},  V = DFT_R(v),
 *   y[(j div Ns)·Ns·R + (j mod Ns) + r·Ns] = V_r,
 * for Ns = 1, R, R², … Each invocation does one radix-R butterfly in registers, R up to 64 (DFT_R
 * unrolled at generation time as radix-2 steps with constant twiddles), so 2^16 takes 3 passes over
 * memory instead of 16: on lavapipe every buffer access costs ~5 cycles per float and per lane, and the
 * passes are what an FFT pays. One cos/sin per invocation (w); w^r by complex products. n, Ns and n/R are
 * powers of two (shifts and masks, never integer division: lavapipe scalarises it); `inner` > 1 divides
 * through f32 (wgsl_index.ts).
 * Other lengths: a direct DFT (O(n²) per line, exact twiddles from (j·k) mod n).
 */
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { UDIV_WGSL } from "../../../backends/webgpu/wgsl_index";
const UNIFORMS = [
  { name: "n", type: "u32" },
  { name: "inner", type: "u32" },
  { name: "ns", type: "u32" },
  { name: "sign", type: "f32" },
] as const;

function bindings(t: Scalar) {
  return [
    { name: "xr", type: t },
    { name: "xi", type: t },
    { name: "yr", type: "f32" as const, write: true },
    { name: "yi", type: "f32" as const, write: true },
  ];
}

const HELPERS = `fn cmul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> { return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x); }
fn twiddle(a: f32) -> vec2<f32> { return vec2<f32>(cos(a), sin(a)); }`;

/**
 * WGSL computing X_m = Σ_r v_r e^{s·2πi·r·m/R} for inputs named ins (radix-2 decimation in time,
 * unrolled); returns the output names. `fresh` names temporaries.
 */
function dftR(ins: string[], lines: string[], fresh: () => string): string[] {
  const R = ins.length;
  if (R === 1) return ins;
  const even = dftR(
    ins.filter((_, i) => i % 2 === 0),
    lines,
    fresh,
  );
  const odd = dftR(
    ins.filter((_, i) => i % 2 === 1),
    lines,
    fresh,
  );
  const out = new Array<string>(R);
  for (let m = 0; m < R / 2; m++) {
    const a = (2 * Math.PI * m) / R,
      c = Math.cos(a),
      sn = Math.sin(a);
    let t: string;
    if (m === 0) t = odd[m];
    else if (4 * m === R) {
      t = fresh(); // s·i·odd
      lines.push(`let ${t} = u.sign * vec2<f32>(-${odd[m]}.y, ${odd[m]}.x);`);
    } else {
      t = fresh();
      lines.push(`let ${t} = cmul(${odd[m]}, vec2<f32>(${c.toPrecision(17)}, u.sign * ${sn.toPrecision(17)}));`);
    }
    const lo = fresh(),
      hi = fresh();
    lines.push(`let ${lo} = ${even[m]} + ${t};`, `let ${hi} = ${even[m]} - ${t};`);
    out[m] = lo;
    out[m + R / 2] = hi;
  }
  return out;
}

/**
 * One Stockham pass of radix R (a power of two up to 64). Uniforms beyond n/inner/ns/sign: log2 of n/R and
 * of ns, and `keep`, the output line length. `strided`: inner > 1 (the axis is not the last). `real`: the
 * input has no imaginary part (xi is not read). `keep`: the last pass of an rfft, which stores only the
 * bins below u.keep into lines of that length.
 */
export function fftRadixDecl(t: Scalar, R: number, strided: boolean, real = false, keep = false): KernelDecl {
  const lines: string[] = [];
  let id = 0;
  const fresh = () => `t${id++}`;
  const ins = Array.from({ length: R }, (_, r) => `v${r}`);
  const loads: string[] = [];
  for (let r = 0; r < R; r++) {
    const at = `base + (j + ${r}u * q) * u.inner`;
    const x = real ? `vec2<f32>(f32(xr[${at}]), 0.0)` : `vec2<f32>(f32(xr[${at}]), f32(xi[${at}]))`;
    if (r === 0) loads.push(`let v0 = ${x};`);
    else {
      loads.push(r === 1 ? `var w = w1;` : `w = cmul(w, w1);`);
      loads.push(`let v${r} = cmul(${x}, w);`);
    }
  }
  const outs = dftR(ins, lines, fresh);
  const stores = outs.map((o, r) => {
    const store = `yr[obase + (out + ${r}u * u.ns) * u.inner] = ${o}.x; yi[obase + (out + ${r}u * u.ns) * u.inner] = ${o}.y;`;
    return keep ? `  if (out + ${r}u * u.ns < u.keep) { ${store} }` : `  ${store}`;
  });
  const locate = strided
    ? `let rest = udiv(i, u.inner);
  let ii = i - rest * u.inner;
  let j = rest & (q - 1u);
  let base = (rest >> u.logQ) * u.n * u.inner + ii;
  let obase = (rest >> u.logQ) * u.keep * u.inner + ii;`
    : `let j = i & (q - 1u);
  let base = (i >> u.logQ) * u.n;
  let obase = (i >> u.logQ) * u.keep;`;
  return {
    op: "fft",
    bindings: bindings(t),
    uniforms: [
      ...UNIFORMS,
      { name: "logQ", type: "u32" },
      { name: "logNs", type: "u32" },
      { name: "keep", type: "u32" },
    ],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: `${HELPERS}\n${UDIV_WGSL}`,
    body: `
  let q = u.n >> ${Math.log2(R)}u;
  ${locate}
  let k = j & (u.ns - 1u);
  let out = (((j >> u.logNs) << ${Math.log2(R)}u) << u.logNs) + k;
  let w1 = twiddle(u.sign * 6.283185307179586 * f32(k) / f32(u.ns << ${Math.log2(R)}u));
  ${loads.join("\n  ")}
  ${lines.join("\n  ")}
${stores.join("\n")}`,
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
