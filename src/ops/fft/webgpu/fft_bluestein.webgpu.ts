/**
 * Bluestein's FFT on webgpu (fft_bluestein.wgsl.ts): O(n log n) for any length. The chirp c and
 * B = FFT_M(conj c, circular) depend only on (n, direction); they are computed once on the host in
 * float64 (B with the cpu's FFT plan) and kept in GPU buffers, outside tensor accounting.
 */
/// <reference types="@webgpu/types" />
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import type { Runtime } from "../../../backends/webgpu/runtime";
import { buildProgram } from "../../../backends/webgpu/shader";
import { getFftPlan } from "../geometry/fft_plan";
import { chirpInDecl, chirpOutDecl, pointwiseDecl } from "./fft_bluestein.wgsl";

interface Chirp {
  runtime: Runtime;
  m: number;
  c: [GPUBuffer, GPUBuffer];
  b: [GPUBuffer, GPUBuffer];
}

const cache = new Map<string, Chirp>();

/** float64 host values as a float32 storage buffer */
const upload = (r: Runtime, values: Float64Array): GPUBuffer => r.upload(Float32Array.from(values));

function chirp(r: Runtime, n: number, inverse: boolean): Chirp {
  const key = `${n}:${inverse}`;
  const hit = cache.get(key);
  if (hit && hit.runtime === r) return hit;
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const s = inverse ? 1 : -1;
  const cRe = new Float64Array(n),
    cIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // j² mod 2n keeps the angle small (the chirp is 2n-periodic in j²)
    const a = (s * Math.PI * ((j * j) % (2 * n))) / n;
    cRe[j] = Math.cos(a);
    cIm[j] = Math.sin(a);
  }
  const bRe = new Float64Array(m),
    bIm = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    bRe[j] = cRe[j];
    bIm[j] = -cIm[j];
    if (j > 0) {
      bRe[m - j] = cRe[j];
      bIm[m - j] = -cIm[j];
    }
  }
  // the plan returns the arrays that hold the result (its Stockham passes may end in the scratch)
  const plan = getFftPlan(m);
  const [fRe, fIm] = plan.forward(bRe, bIm, new Float64Array(plan.workSize));
  const entry: Chirp = {
    runtime: r,
    m,
    c: [upload(r, cRe), upload(r, cIm)],
    b: [upload(r, fRe.subarray(0, m)), upload(r, fIm.subarray(0, m))],
  };
  cache.set(key, entry);
  return entry;
}

/** A Stockham FFT of length m over [outer, m, inner] buffers (from fft.webgpu.ts). */
export type StockhamFn = (
  src: [GPUBuffer, GPUBuffer],
  out: [GPUBuffer, GPUBuffer],
  m: number,
  inner: number,
  count: number,
  sign: number,
) => void;

/** Bluestein transform of (re, im) along an axis of length n into `out`. */
export function bluestein(
  re: Tensor,
  im: Tensor,
  out: [Tensor, Tensor],
  n: number,
  inner: number,
  inverse: boolean,
  stockham: StockhamFn,
): void {
  const r = gpuRuntime();
  const { m, c, b } = chirp(r, n, inverse);
  const lines = re.size / n;
  const work = lines * m;
  const a: [GPUBuffer, GPUBuffer] = [r.storage.acquire(work * 4), r.storage.acquire(work * 4)];
  const t: [GPUBuffer, GPUBuffer] = [r.storage.acquire(work * 4), r.storage.acquire(work * 4)];
  const values = { n, m, inner, scale: 1 / m };
  r.run(buildProgram(chirpInDecl(wgslType(re.dtype))), [gpuBuffer(re), gpuBuffer(im), ...c, ...a], {
    total: work,
    ...values,
  });
  stockham(a, t, m, inner, work, inverse ? 1 : -1);
  r.run(buildProgram(pointwiseDecl), [...t, ...b, ...a], { total: work, ...values });
  stockham(a, t, m, inner, work, inverse ? -1 : 1);
  r.run(buildProgram(chirpOutDecl), [...t, ...c, ...out.map(gpuBuffer)], { total: lines * n, ...values });
  for (const buf of [...a, ...t]) r.storage.release(buf);
}
