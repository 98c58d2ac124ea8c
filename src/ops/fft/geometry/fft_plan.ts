/**
 * FFT plans: everything that depends only on the length n (radices, twiddles, Bluestein chirps), built
 * once and cached. A plan is immutable; callers pass their own scratch (`work`, plan.workSize values), so
 * one plan can serve several transforms at once (no per-call state on the plan, unlike fft.js).
 *
 * - n = 2^a·3^b·5^c·7^d·11^e·13^f: mixed-radix Stockham (fft_stockham.cpu.ts), O(n Σ p_i).
 * - otherwise Bluestein (chirp-z): with jk = (j² + k² − (k−j)²)/2,
 *     X_k = c_k · Σ_j (x_j c_j) · conj(c_{k−j}),   c_j = e^{−πi j²/n},
 *   a linear convolution of length 2n−1 done by a power-of-two FFT of size M ≥ 2n−1: O(n log n).
 */
import { radixFactors, runStockham, stockhamPasses, type StockhamPass } from "../cpu/fft_stockham.cpu";

export interface FftPlan {
  readonly n: number;
  /** Float64 scratch values `forward` needs */
  readonly workSize: number;
  /**
   * unnormalised forward DFT X_k = Σ_j x_j e^{−2πi jk/n} of (re, im); returns the pair of arrays that
   * hold X: (re, im) themselves or two views into `work` (which saves a copy per transform)
   */
  forward(re: Float64Array, im: Float64Array, work: Float64Array): [Float64Array, Float64Array];
  /** the Stockham passes (absent for Bluestein and n = 1): fft.cpu.ts runs them over interleaved lines */
  readonly passes?: readonly StockhamPass[];
}

/** Largest prime handled by a direct radix pass; larger prime factors go through Bluestein. */
const MAX_RADIX_PRIME = 13;

function stockhamPlan(n: number, radices: readonly number[]): FftPlan {
  const passes: StockhamPass[] = stockhamPasses(n, radices);
  return { n, workSize: 2 * n + 40, passes, forward: (re, im, work) => runStockham(passes, re, im, work) };
}

function bluesteinPlan(n: number): FftPlan {
  let M = 1;
  while (M < 2 * n - 1) M *= 2;
  const inner = getFftPlan(M);
  const cRe = new Float64Array(n),
    cIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // j² mod 2n: the chirp is 2n-periodic in j², and a small angle keeps cos/sin exact enough
    const a = (-Math.PI * ((j * j) % (2 * n))) / n;
    cRe[j] = Math.cos(a);
    cIm[j] = Math.sin(a);
  }
  // B = FFT of conj(c) laid out circularly: b_j = b_{M−j} = conj(c_j)
  const bRe = new Float64Array(M),
    bIm = new Float64Array(M);
  for (let j = 0; j < n; j++) {
    bRe[j] = cRe[j];
    bIm[j] = -cIm[j];
    if (j > 0) {
      bRe[M - j] = cRe[j];
      bIm[M - j] = -cIm[j];
    }
  }
  const fb = inner.forward(bRe, bIm, new Float64Array(inner.workSize));
  const BRe = Float64Array.from(fb[0]),
    BIm = Float64Array.from(fb[1]);
  return {
    n,
    workSize: 2 * M + 80 + inner.workSize,
    forward(re, im, work) {
      // 40-value gaps keep the buffers off power-of-two spacings (cache-set aliasing, see fft.cpu.ts)
      const ar = work.subarray(0, M),
        ai = work.subarray(M + 40, 2 * M + 40),
        w = work.subarray(2 * M + 80);
      ar.fill(0);
      ai.fill(0);
      for (let j = 0; j < n; j++) {
        ar[j] = re[j] * cRe[j] - im[j] * cIm[j];
        ai[j] = re[j] * cIm[j] + im[j] * cRe[j];
      }
      const [fr, fi] = inner.forward(ar, ai, w);
      // pointwise product, then the inverse FFT as forward(im, re) (swapping re/im conjugates the kernel)
      for (let k = 0; k < M; k++) {
        const pr = fr[k] * BRe[k] - fi[k] * BIm[k],
          pi = fr[k] * BIm[k] + fi[k] * BRe[k];
        fr[k] = pr;
        fi[k] = pi;
      }
      // scratch for the second transform: whichever 2M block does not hold (fr, fi)
      const [gi, gr] = inner.forward(fi, fr, fr === ar ? w : work.subarray(0, 2 * M + 40));
      for (let k = 0; k < n; k++) {
        const vr = gr[k] / M,
          vi = gi[k] / M;
        re[k] = vr * cRe[k] - vi * cIm[k];
        im[k] = vr * cIm[k] + vi * cRe[k];
      }
      return [re, im];
    },
  };
}

const identity: FftPlan = { n: 1, workSize: 0, forward: (re, im) => [re, im] };

/** Plans are small next to the data; a bounded cache keeps notebooks that try many lengths in check. */
const cache = new Map<number, FftPlan>();
const CACHE_LIMIT = 64;

export function getFftPlan(n: number): FftPlan {
  let plan = cache.get(n);
  if (plan) return plan;
  if (n <= 1) return identity;
  const radices = radixFactors(n, MAX_RADIX_PRIME);
  plan = radices ? stockhamPlan(n, radices) : bluesteinPlan(n);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
  cache.set(n, plan);
  return plan;
}

/** Which algorithm a length uses (for tests and docs). */
export function fftAlgorithm(n: number): "identity" | "stockham" | "bluestein" {
  if (n <= 1) return "identity";
  return radixFactors(n, MAX_RADIX_PRIME) ? "stockham" : "bluestein";
}

/** The O(n²) definition, kept as the reference the fast plans are tested against. */
export function naiveDft(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  inverse = false,
): { re: Float64Array; im: Float64Array } {
  const n = re.length,
    sign = inverse ? 1 : -1;
  const outRe = new Float64Array(n),
    outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sr = 0,
      si = 0;
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      const c = Math.cos(a),
        s = Math.sin(a);
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
    }
    outRe[k] = sr;
    outIm[k] = si;
  }
  return { re: outRe, im: outIm };
}
