/**
 * Mixed-radix Stockham FFT (decimation in frequency, autosorting: no bit reversal, ping-pong buffers).
 *
 * A pass of radix p over the current length L = p·m with stride s (s·L = N) computes, for j < m, q < s:
 *   a_r = x[q + s(j + r·m)],  r < p
 *   y[q + s(p·j + k)] = (Σ_r a_r W_p^{rk}) · W_L^{jk},   W_L = e^{−2πi/L}
 * and the next pass runs on length m with stride s·p. After the last pass y holds X in natural order.
 * Radix 4, 2 and 3 have hand-written butterflies; other small primes (5, 7, 11, 13) use a generic
 * O(p²) butterfly. Twiddles are precomputed per pass (contiguous, p−1 per j) when the plan is built.
 * Only the forward (e^{−2πi}) transform is implemented; the inverse is forward(im, re) (see fft.cpu.ts).
 */
export interface StockhamPass {
  readonly p: number;
  readonly m: number;
  readonly s: number;
  readonly twRe: Float64Array;
  readonly twIm: Float64Array;
}

/** Factors n into the radices used by the passes: 4s first, then 2, 3, 5, 7, … (null if a factor > maxPrime). */
export function radixFactors(n: number, maxPrime: number): number[] | null {
  const out: number[] = [];
  let r = n;
  while (r % 4 === 0) { out.push(4); r /= 4; }
  if (r % 2 === 0) { out.push(2); r /= 2; }
  for (let p = 3; p <= maxPrime && r > 1; p += 2) {
    while (r % p === 0) { out.push(p); r /= p; }
  }
  return r === 1 ? out : null;
}

export function stockhamPasses(n: number, radices: readonly number[]): StockhamPass[] {
  const passes: StockhamPass[] = [];
  let L = n, s = 1;
  for (const p of radices) {
    const m = L / p;
    const twRe = new Float64Array(m * (p - 1)), twIm = new Float64Array(m * (p - 1));
    for (let j = 0; j < m; j++) {
      for (let k = 1; k < p; k++) {
        // (j·k) mod L keeps the angle small, so cos/sin stay accurate for long transforms
        const a = (-2 * Math.PI * ((j * k) % L)) / L;
        twRe[j * (p - 1) + k - 1] = Math.cos(a);
        twIm[j * (p - 1) + k - 1] = Math.sin(a);
      }
    }
    passes.push({ p, m, s, twRe, twIm });
    L = m;
    s *= p;
  }
  return passes;
}

type PassFn = (ps: StockhamPass, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array) => void;

const pass2: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const wr = twRe[j], wi = twIm[j];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j, i1 = i0 + sm, o0 = q + 2 * s * j, o1 = o0 + s;
      const ar = xr[i0], ai = xi[i0], br = xr[i1], bi = xi[i1];
      yr[o0] = ar + br; yi[o0] = ai + bi;
      const dr = ar - br, di = ai - bi;
      yr[o1] = dr * wr - di * wi; yi[o1] = dr * wi + di * wr;
    }
  }
};

const pass4: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[3 * j], w1i = twIm[3 * j], w2r = twRe[3 * j + 1], w2i = twIm[3 * j + 1];
    const w3r = twRe[3 * j + 2], w3i = twIm[3 * j + 2];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j, i1 = i0 + sm, i2 = i1 + sm, i3 = i2 + sm;
      const a0r = xr[i0], a0i = xi[i0], a1r = xr[i1], a1i = xi[i1];
      const a2r = xr[i2], a2i = xi[i2], a3r = xr[i3], a3i = xi[i3];
      const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
      const t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
      // b1 = t1 − i·t3, b3 = t1 + i·t3 (W_4 = −i)
      const b1r = t1r + t3i, b1i = t1i - t3r, b2r = t0r - t2r, b2i = t0i - t2i;
      const b3r = t1r - t3i, b3i = t1i + t3r;
      const o0 = q + 4 * s * j, o1 = o0 + s, o2 = o1 + s, o3 = o2 + s;
      yr[o0] = t0r + t2r; yi[o0] = t0i + t2i;
      yr[o1] = b1r * w1r - b1i * w1i; yi[o1] = b1r * w1i + b1i * w1r;
      yr[o2] = b2r * w2r - b2i * w2i; yi[o2] = b2r * w2i + b2i * w2r;
      yr[o3] = b3r * w3r - b3i * w3i; yi[o3] = b3r * w3i + b3i * w3r;
    }
  }
};

const SIN60 = Math.sqrt(3) / 2;

const pass3: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[2 * j], w1i = twIm[2 * j], w2r = twRe[2 * j + 1], w2i = twIm[2 * j + 1];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j, i1 = i0 + sm, i2 = i1 + sm;
      const a0r = xr[i0], a0i = xi[i0];
      const tr = xr[i1] + xr[i2], ti = xi[i1] + xi[i2], ur = xr[i1] - xr[i2], ui = xi[i1] - xi[i2];
      // b1,2 = a0 − t/2 ∓ i·(√3/2)·u
      const cr = a0r - 0.5 * tr, ci = a0i - 0.5 * ti;
      const b1r = cr + SIN60 * ui, b1i = ci - SIN60 * ur, b2r = cr - SIN60 * ui, b2i = ci + SIN60 * ur;
      const o0 = q + 3 * s * j, o1 = o0 + s, o2 = o1 + s;
      yr[o0] = a0r + tr; yi[o0] = a0i + ti;
      yr[o1] = b1r * w1r - b1i * w1i; yi[o1] = b1r * w1i + b1i * w1r;
      yr[o2] = b2r * w2r - b2i * w2i; yi[o2] = b2r * w2i + b2i * w2r;
    }
  }
};

/** Generic radix-p butterfly: O(p²) per group, used for the small odd primes 5…13. */
function passGeneric(ps: StockhamPass, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const { p, m, s, twRe, twIm } = ps;
  const cr = new Float64Array(p), ci = new Float64Array(p), ar = new Float64Array(p), ai = new Float64Array(p);
  for (let k = 0; k < p; k++) { cr[k] = Math.cos((-2 * Math.PI * k) / p); ci[k] = Math.sin((-2 * Math.PI * k) / p); }
  for (let j = 0; j < m; j++) {
    for (let q = 0; q < s; q++) {
      for (let r = 0; r < p; r++) { ar[r] = xr[q + s * (j + r * m)]; ai[r] = xi[q + s * (j + r * m)]; }
      for (let k = 0; k < p; k++) {
        let sr = 0, si = 0;
        for (let r = 0, e = 0; r < p; r++, e = (e + k) % p) {
          sr += ar[r] * cr[e] - ai[r] * ci[e];
          si += ar[r] * ci[e] + ai[r] * cr[e];
        }
        const o = q + s * (p * j + k);
        if (k === 0) { yr[o] = sr; yi[o] = si; continue; }
        const wr = twRe[j * (p - 1) + k - 1], wi = twIm[j * (p - 1) + k - 1];
        yr[o] = sr * wr - si * wi; yi[o] = sr * wi + si * wr;
      }
    }
  }
}

/** A radix-4 pass with s = 1 (the first pass): one butterfly per j, no inner loop. */
const pass4First: PassFn = ({ m, twRe, twIm }, xr, xi, yr, yi) => {
  for (let j = 0; j < m; j++) {
    const i0 = j, i1 = j + m, i2 = i1 + m, i3 = i2 + m;
    const a0r = xr[i0], a0i = xi[i0], a1r = xr[i1], a1i = xi[i1];
    const a2r = xr[i2], a2i = xi[i2], a3r = xr[i3], a3i = xi[i3];
    const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
    const t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
    const b1r = t1r + t3i, b1i = t1i - t3r, b2r = t0r - t2r, b2i = t0i - t2i;
    const b3r = t1r - t3i, b3i = t1i + t3r;
    const w = 3 * j, o0 = 4 * j;
    const w1r = twRe[w], w1i = twIm[w], w2r = twRe[w + 1], w2i = twIm[w + 1], w3r = twRe[w + 2], w3i = twIm[w + 2];
    yr[o0] = t0r + t2r; yi[o0] = t0i + t2i;
    yr[o0 + 1] = b1r * w1r - b1i * w1i; yi[o0 + 1] = b1r * w1i + b1i * w1r;
    yr[o0 + 2] = b2r * w2r - b2i * w2i; yi[o0 + 2] = b2r * w2i + b2i * w2r;
    yr[o0 + 3] = b3r * w3r - b3i * w3i; yi[o0 + 3] = b3r * w3i + b3i * w3r;
  }
};

/** A radix-4 pass with m = 1 (the last pass): twiddles are all 1. */
const pass4Last: PassFn = ({ s }, xr, xi, yr, yi) => {
  for (let q = 0; q < s; q++) {
    const i1 = q + s, i2 = i1 + s, i3 = i2 + s;
    const a0r = xr[q], a0i = xi[q], a1r = xr[i1], a1i = xi[i1];
    const a2r = xr[i2], a2i = xi[i2], a3r = xr[i3], a3i = xi[i3];
    const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
    const t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
    yr[q] = t0r + t2r; yi[q] = t0i + t2i;
    yr[i1] = t1r + t3i; yi[i1] = t1i - t3r;
    yr[i2] = t0r - t2r; yi[i2] = t0i - t2i;
    yr[i3] = t1r - t3i; yi[i3] = t1i + t3r;
  }
};

/** A radix-2 pass with m = 1 (the last pass of 2·4^k): twiddles are all 1. */
const pass2Last: PassFn = ({ s }, xr, xi, yr, yi) => {
  for (let q = 0; q < s; q++) {
    const ar = xr[q], ai = xi[q], br = xr[q + s], bi = xi[q + s];
    yr[q] = ar + br; yi[q] = ai + bi;
    yr[q + s] = ar - br; yi[q + s] = ai - bi;
  }
};

function runPass(ps: StockhamPass, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  if (ps.p === 4) {
    if (ps.s === 1) pass4First(ps, xr, xi, yr, yi);
    else if (ps.m === 1) pass4Last(ps, xr, xi, yr, yi);
    else pass4(ps, xr, xi, yr, yi);
  } else if (ps.p === 2) (ps.m === 1 ? pass2Last : pass2)(ps, xr, xi, yr, yi);
  else if (ps.p === 3) pass3(ps, xr, xi, yr, yi);
  else passGeneric(ps, xr, xi, yr, yi);
}

/**
 * Runs the passes on (re, im); work holds at least 2n scratch values. The result is in (re, im) after an even
 * number of passes and in work's two halves after an odd one: the returned pair says which (no copy).
 */
export function runStockham(passes: readonly StockhamPass[], re: Float64Array, im: Float64Array, work: Float64Array): [Float64Array, Float64Array] {
  const n = re.length;
  // the halves sit at both ends of work (plans reserve a little slack): not exactly n apart, see fft.cpu.ts
  let xr = re, xi = im, yr = work.subarray(0, n), yi = work.subarray(work.length - n);
  for (const ps of passes) {
    runPass(ps, xr, xi, yr, yi);
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
  }
  return [xr, xi];
}
