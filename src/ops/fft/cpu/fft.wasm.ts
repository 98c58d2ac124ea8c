/**
 * float32 FFT on the WebAssembly Stockham passes (wasm/assembly/fft.ts) for power-of-two lengths n ≥ 16:
 * the same transform as fft.cpu.ts (forward X_k = Σ_j x_j e^{−2πi jk/n}, the inverse as forward(im, re),
 * real lines two per complex FFT), computed in float32 with twiddles computed in float64 and rounded.
 * The input is copied once, contiguous, into the wasm arena as [outer, n, inner] (the output's layout);
 * the lines (outer of them) are split over the thread pool, each line's passes on one thread, so the
 * result does not depend on the thread count. Other lengths (mixed radix, Bluestein) and float64 stay on
 * the TypeScript kernel.
 */
import type { Tensor } from "../../../core/tensor";
import type { KernelAttrs } from "../../../core/kernels";
import { sizeOf } from "../../../core/shape";
import { dense } from "../../../backends/cpu/cpu_storage";
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena, type Arena } from "../../../backends/cpu/wasm/wasm_heap";
import { bound, partsFor, runShares, type Share } from "../../../backends/cpu/wasm/wasm_pool";

interface WasmFftPlan {
  /** radix and m = L / p of every pass */
  readonly passes: readonly { p: number; m: number }[];
  /** per pass: twRe[(k−1)·m + j] then twIm, W_L^{jk} for k = 1 … p−1 (k-major, as the kernels read them) */
  readonly twiddles: Float32Array;
}

const plans = new Map<number, WasmFftPlan>();

/** Radix 4 passes, then one radix 2 for an odd power of two (so a row's first pass is the j-vectorised radix 4). */
function buildPlan(n: number): WasmFftPlan {
  const passes: { p: number; m: number }[] = [];
  const chunks: Float32Array[] = [];
  for (let L = n; L > 1;) {
    const p = L % 4 === 0 ? 4 : 2,
      m = L / p;
    const tw = new Float32Array(2 * (p - 1) * m);
    for (let k = 1; k < p; k++) {
      for (let j = 0; j < m; j++) {
        // (j·k) mod L keeps the angle small, so cos/sin stay accurate for long transforms
        const a = (-2 * Math.PI * ((j * k) % L)) / L;
        tw[(k - 1) * m + j] = Math.cos(a);
        tw[(p - 1) * m + (k - 1) * m + j] = Math.sin(a);
      }
    }
    passes.push({ p, m });
    chunks.push(tw);
    L = m;
  }
  const twiddles = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
  chunks.reduce((at, c) => (twiddles.set(c, at), at + c.length), 0);
  return { passes, twiddles };
}

function planFor(n: number): WasmFftPlan {
  let plan = plans.get(n);
  if (!plan) {
    if (plans.size >= 8) plans.clear(); // a handful of lengths per session; 2^20 holds 8 MB of twiddles
    plans.set(n, (plan = buildPlan(n)));
  }
  return plan;
}

/** The plan block the kernel reads: [passes, then p, m, twRe ptr, twIm ptr per pass], twiddles copied in. */
function putPlan(ar: Arena, plan: WasmFftPlan): number {
  const tw = ar.putF32(plan.twiddles);
  const block: number[] = [plan.passes.length];
  let at = tw;
  for (const { p, m } of plan.passes) {
    block.push(p, m, at, at + 4 * (p - 1) * m);
    at += 8 * (p - 1) * m;
  }
  return ar.putI32(block);
}

/** Lines [0, count) split into at most threadCount() shares of whole lines. */
function lineShares(fn: "fftLines" | "fftSplitPairs", count: number, flops: number, rest: readonly number[]): Share[] {
  const parts = partsFor(flops, count);
  return Array.from({ length: parts }, (_, k) => ({
    fn,
    args: [bound(k, parts, count), bound(k + 1, parts, count), ...rest],
  }));
}

/**
 * (outRe, outIm) contiguous in the input's shape, and whether only the first `keep` bins along the axis
 * were kept (real rows do it in the kernel); null when this transform is not for the wasm kernels.
 */
export function fftWasm(
  re: Tensor,
  im: Tensor,
  real: boolean,
  attrs: KernelAttrs<"fft">,
): [Float32Array, Float32Array, boolean] | null {
  const { axis, inverse } = attrs,
    shape = re.shape,
    n = shape[axis];
  if (n < 16 || (n & (n - 1)) !== 0 || re.dtype !== "float32" || (!real && im.dtype !== "float32")) return null;
  const rt = wasmRuntime();
  if (!rt) return null;
  const size = sizeOf(shape),
    inner = sizeOf(shape.slice(axis + 1)),
    outer = size / (n * inner);
  const plan = planFor(n),
    ar = freshArena(rt),
    planPtr = putPlan(ar, plan);
  const x = dense(re);
  const xr = re.dtype === "float32" && x instanceof Float32Array ? x : Float32Array.from(x);
  const flopsPerLine = 5 * n * inner * Math.log2(n);
  const pairs = real && inner === 1;
  // lines as the kernel transforms them: real rows two per complex line, otherwise one per line
  const lines = pairs ? Math.ceil(outer / 2) : outer,
    lineSize = n * inner;
  const Xr = ar.alloc(4 * lines * lineSize),
    Xi = ar.alloc(4 * lines * lineSize),
    Yr = ar.alloc(4 * lines * lineSize),
    Yi = ar.alloc(4 * lines * lineSize);
  // the inverse of a complex line is forward(im, re) with the result's parts swapped (fft.cpu.ts)
  const [inR, inI] = !pairs && inverse ? [Xi, Xr] : [Xr, Xi];
  if (pairs) {
    const vr = ar.f32(Xr, lines * n),
      vi = ar.f32(Xi, lines * n);
    for (let c = 0; c < lines; c++) {
      vr.set(xr.subarray(2 * c * n, 2 * c * n + n), c * n);
      if (2 * c + 1 < outer) vi.set(xr.subarray((2 * c + 1) * n, (2 * c + 2) * n), c * n);
      else vi.fill(0, c * n, c * n + n);
    }
  } else {
    ar.f32(inR, size).set(xr);
    if (real) ar.f32(inI, size).fill(0);
    else {
      const y = dense(im);
      ar.f32(inI, size).set(y);
    }
  }
  runShares(rt, "fft", lineShares("fftLines", lines, lines * flopsPerLine, [n, inner, Xr, Xi, Yr, Yi, planPtr]));
  const [Zr, Zi] = plan.passes.length % 2 === 1 ? [Yr, Yi] : [Xr, Xi];
  if (pairs) {
    // the first `keep` bins of rows 2c and 2c + 1 (outer rows: up to twice the pair buffers' size)
    const keep = Math.min(attrs.keep ?? n, n),
      kept = outer * keep;
    const Or = ar.alloc(4 * kept),
      Oi = ar.alloc(4 * kept);
    const args = [n, keep, outer, Zr, Zi, Or, Oi, inverse ? 1 : 0];
    runShares(rt, "fft", lineShares("fftSplitPairs", lines, 4 * size, args));
    return [ar.takeF32(Or, kept), ar.takeF32(Oi, kept), true];
  }
  const [outR, outI] = inverse ? [Zi, Zr] : [Zr, Zi];
  return [ar.takeF32(outR, size), ar.takeF32(outI, size), false];
}
