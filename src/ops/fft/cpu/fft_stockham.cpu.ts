/**
 * Mixed-radix Stockham FFT (decimation in frequency, autosorting: no bit reversal, ping-pong buffers).
 *
 * A pass of radix p over the current length L = p·m with stride s (s·L = N) computes, for j < m, q < s:
 *   a_r = x[q + s(j + r·m)],  r < p
 *   y[q + s(p·j + k)] = (Σ_r a_r W_p^{rk}) · W_L^{jk},   W_L = e^{−2πi/L}
 * and the next pass runs on length m with stride s·p. After the last pass y holds X in natural order.
 * Radix 8, 4, 2 and 3 have hand-written butterflies; other small primes (5, 7, 11, 13) use a generic
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

/**
 * Factors n into the radices used by the passes: maybe one 8 (see below), 4s, then 2, 3, 5, 7, … (null
 * if a factor > maxPrime). Every pass loads and stores all n values, and in JS those accesses cost more
 * than the butterfly arithmetic, so fewer passes win.
 */
export function radixFactors(n: number, maxPrime: number): number[] | null {
  const out: number[] = [];
  let r = n;
  let twos = 0;
  for (let t = n; t % 2 === 0; t /= 2) twos++;
  // an odd power of two: one radix-8 pass first instead of a radix-2 pass last (512: 8·4·4·4, ~13%
  // faster than 4·4·4·4·2, measured); not above 2^15, where the 16 access streams of the radix-8 pass
  // over the whole array cost more than the pass saved (2^17: 3% slower)
  if (twos % 2 === 1 && twos >= 3 && n <= 1 << 15) {
    out.push(8);
    r /= 8;
  }
  while (r % 4 === 0) {
    out.push(4);
    r /= 4;
  }
  if (r % 2 === 0) {
    out.push(2);
    r /= 2;
  }
  for (let p = 3; p <= maxPrime && r > 1; p += 2) {
    while (r % p === 0) {
      out.push(p);
      r /= p;
    }
  }
  return r === 1 ? out : null;
}

export function stockhamPasses(n: number, radices: readonly number[]): StockhamPass[] {
  const passes: StockhamPass[] = [];
  let L = n,
    s = 1;
  for (const p of radices) {
    const m = L / p;
    const twRe = new Float64Array(m * (p - 1)),
      twIm = new Float64Array(m * (p - 1));
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
    const wr = twRe[j],
      wi = twIm[j];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j,
        i1 = i0 + sm,
        o0 = q + 2 * s * j,
        o1 = o0 + s;
      const ar = xr[i0],
        ai = xi[i0],
        br = xr[i1],
        bi = xi[i1];
      yr[o0] = ar + br;
      yi[o0] = ai + bi;
      const dr = ar - br,
        di = ai - bi;
      yr[o1] = dr * wr - di * wi;
      yi[o1] = dr * wi + di * wr;
    }
  }
};

const pass4: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[3 * j],
      w1i = twIm[3 * j],
      w2r = twRe[3 * j + 1],
      w2i = twIm[3 * j + 1];
    const w3r = twRe[3 * j + 2],
      w3i = twIm[3 * j + 2];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j,
        i1 = i0 + sm,
        i2 = i1 + sm,
        i3 = i2 + sm;
      const a0r = xr[i0],
        a0i = xi[i0],
        a1r = xr[i1],
        a1i = xi[i1];
      const a2r = xr[i2],
        a2i = xi[i2],
        a3r = xr[i3],
        a3i = xi[i3];
      const t0r = a0r + a2r,
        t0i = a0i + a2i,
        t1r = a0r - a2r,
        t1i = a0i - a2i;
      const t2r = a1r + a3r,
        t2i = a1i + a3i,
        t3r = a1r - a3r,
        t3i = a1i - a3i;
      // b1 = t1 − i·t3, b3 = t1 + i·t3 (W_4 = −i)
      const b1r = t1r + t3i,
        b1i = t1i - t3r,
        b2r = t0r - t2r,
        b2i = t0i - t2i;
      const b3r = t1r - t3i,
        b3i = t1i + t3r;
      const o0 = q + 4 * s * j,
        o1 = o0 + s,
        o2 = o1 + s,
        o3 = o2 + s;
      yr[o0] = t0r + t2r;
      yi[o0] = t0i + t2i;
      yr[o1] = b1r * w1r - b1i * w1i;
      yi[o1] = b1r * w1i + b1i * w1r;
      yr[o2] = b2r * w2r - b2i * w2i;
      yi[o2] = b2r * w2i + b2i * w2r;
      yr[o3] = b3r * w3r - b3i * w3i;
      yi[o3] = b3r * w3i + b3i * w3r;
    }
  }
};

const SQRT_HALF = Math.SQRT1_2;

/**
 * Radix-8 pass: the 8-point DFT as two 4-point DFTs of the even and odd inputs, E and O, combined as
 * X_k = E_k + W_8^k O_k, X_{k+4} = E_k − W_8^k O_k, with W_8 = (1 − i)/√2, W_8² = −i, W_8³ = −(1 + i)/√2.
 */
const pass8: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w = 7 * j;
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j;
      // even inputs 0, 2, 4, 6 → E
      let ar = xr[i0],
        ai = xi[i0],
        br = xr[i0 + 2 * sm],
        bi = xi[i0 + 2 * sm];
      let cr = xr[i0 + 4 * sm],
        ci = xi[i0 + 4 * sm],
        dr = xr[i0 + 6 * sm],
        di = xi[i0 + 6 * sm];
      let t0r = ar + cr,
        t0i = ai + ci,
        t1r = ar - cr,
        t1i = ai - ci;
      let t2r = br + dr,
        t2i = bi + di,
        t3r = br - dr,
        t3i = bi - di;
      const e0r = t0r + t2r,
        e0i = t0i + t2i,
        e2r = t0r - t2r,
        e2i = t0i - t2i;
      const e1r = t1r + t3i,
        e1i = t1i - t3r,
        e3r = t1r - t3i,
        e3i = t1i + t3r;
      // odd inputs 1, 3, 5, 7 → O
      ar = xr[i0 + sm];
      ai = xi[i0 + sm];
      br = xr[i0 + 3 * sm];
      bi = xi[i0 + 3 * sm];
      cr = xr[i0 + 5 * sm];
      ci = xi[i0 + 5 * sm];
      dr = xr[i0 + 7 * sm];
      di = xi[i0 + 7 * sm];
      t0r = ar + cr;
      t0i = ai + ci;
      t1r = ar - cr;
      t1i = ai - ci;
      t2r = br + dr;
      t2i = bi + di;
      t3r = br - dr;
      t3i = bi - di;
      const o0r = t0r + t2r,
        o0i = t0i + t2i,
        p2r = t0r - t2r,
        p2i = t0i - t2i;
      const p1r = t1r + t3i,
        p1i = t1i - t3r,
        p3r = t1r - t3i,
        p3i = t1i + t3r;
      // W_8^k O_k
      const o1r = SQRT_HALF * (p1r + p1i),
        o1i = SQRT_HALF * (p1i - p1r);
      const o2r = p2i,
        o2i = -p2r;
      const o3r = SQRT_HALF * (p3i - p3r),
        o3i = -SQRT_HALF * (p3r + p3i);
      const o = q + 8 * s * j;
      yr[o] = e0r + o0r;
      yi[o] = e0i + o0i;
      let xr_ = e1r + o1r,
        xi_ = e1i + o1i,
        wr = twRe[w],
        wi = twIm[w];
      yr[o + s] = xr_ * wr - xi_ * wi;
      yi[o + s] = xr_ * wi + xi_ * wr;
      xr_ = e2r + o2r;
      xi_ = e2i + o2i;
      wr = twRe[w + 1];
      wi = twIm[w + 1];
      yr[o + 2 * s] = xr_ * wr - xi_ * wi;
      yi[o + 2 * s] = xr_ * wi + xi_ * wr;
      xr_ = e3r + o3r;
      xi_ = e3i + o3i;
      wr = twRe[w + 2];
      wi = twIm[w + 2];
      yr[o + 3 * s] = xr_ * wr - xi_ * wi;
      yi[o + 3 * s] = xr_ * wi + xi_ * wr;
      xr_ = e0r - o0r;
      xi_ = e0i - o0i;
      wr = twRe[w + 3];
      wi = twIm[w + 3];
      yr[o + 4 * s] = xr_ * wr - xi_ * wi;
      yi[o + 4 * s] = xr_ * wi + xi_ * wr;
      xr_ = e1r - o1r;
      xi_ = e1i - o1i;
      wr = twRe[w + 4];
      wi = twIm[w + 4];
      yr[o + 5 * s] = xr_ * wr - xi_ * wi;
      yi[o + 5 * s] = xr_ * wi + xi_ * wr;
      xr_ = e2r - o2r;
      xi_ = e2i - o2i;
      wr = twRe[w + 5];
      wi = twIm[w + 5];
      yr[o + 6 * s] = xr_ * wr - xi_ * wi;
      yi[o + 6 * s] = xr_ * wi + xi_ * wr;
      xr_ = e3r - o3r;
      xi_ = e3i - o3i;
      wr = twRe[w + 6];
      wi = twIm[w + 6];
      yr[o + 7 * s] = xr_ * wr - xi_ * wi;
      yi[o + 7 * s] = xr_ * wi + xi_ * wr;
    }
  }
};

const SIN60 = Math.sqrt(3) / 2;

const pass3: PassFn = ({ m, s, twRe, twIm }, xr, xi, yr, yi) => {
  const sm = s * m;
  for (let j = 0; j < m; j++) {
    const w1r = twRe[2 * j],
      w1i = twIm[2 * j],
      w2r = twRe[2 * j + 1],
      w2i = twIm[2 * j + 1];
    for (let q = 0; q < s; q++) {
      const i0 = q + s * j,
        i1 = i0 + sm,
        i2 = i1 + sm;
      const a0r = xr[i0],
        a0i = xi[i0];
      const tr = xr[i1] + xr[i2],
        ti = xi[i1] + xi[i2],
        ur = xr[i1] - xr[i2],
        ui = xi[i1] - xi[i2];
      // b1,2 = a0 − t/2 ∓ i·(√3/2)·u
      const cr = a0r - 0.5 * tr,
        ci = a0i - 0.5 * ti;
      const b1r = cr + SIN60 * ui,
        b1i = ci - SIN60 * ur,
        b2r = cr - SIN60 * ui,
        b2i = ci + SIN60 * ur;
      const o0 = q + 3 * s * j,
        o1 = o0 + s,
        o2 = o1 + s;
      yr[o0] = a0r + tr;
      yi[o0] = a0i + ti;
      yr[o1] = b1r * w1r - b1i * w1i;
      yi[o1] = b1r * w1i + b1i * w1r;
      yr[o2] = b2r * w2r - b2i * w2i;
      yi[o2] = b2r * w2i + b2i * w2r;
    }
  }
};

/** Generic radix-p butterfly: O(p²) per group, used for the small odd primes 5…13. */
function passGeneric(ps: StockhamPass, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  const { p, m, s, twRe, twIm } = ps;
  const cr = new Float64Array(p),
    ci = new Float64Array(p),
    ar = new Float64Array(p),
    ai = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    cr[k] = Math.cos((-2 * Math.PI * k) / p);
    ci[k] = Math.sin((-2 * Math.PI * k) / p);
  }
  for (let j = 0; j < m; j++) {
    for (let q = 0; q < s; q++) {
      for (let r = 0; r < p; r++) {
        ar[r] = xr[q + s * (j + r * m)];
        ai[r] = xi[q + s * (j + r * m)];
      }
      for (let k = 0; k < p; k++) {
        let sr = 0,
          si = 0;
        for (let r = 0, e = 0; r < p; r++, e = (e + k) % p) {
          sr += ar[r] * cr[e] - ai[r] * ci[e];
          si += ar[r] * ci[e] + ai[r] * cr[e];
        }
        const o = q + s * (p * j + k);
        if (k === 0) {
          yr[o] = sr;
          yi[o] = si;
          continue;
        }
        const wr = twRe[j * (p - 1) + k - 1],
          wi = twIm[j * (p - 1) + k - 1];
        yr[o] = sr * wr - si * wi;
        yi[o] = sr * wi + si * wr;
      }
    }
  }
}

/** A radix-4 pass with s = 1 (the first pass): one butterfly per j, no inner loop. */
const pass4First: PassFn = ({ m, twRe, twIm }, xr, xi, yr, yi) => {
  for (let j = 0; j < m; j++) {
    const i0 = j,
      i1 = j + m,
      i2 = i1 + m,
      i3 = i2 + m;
    const a0r = xr[i0],
      a0i = xi[i0],
      a1r = xr[i1],
      a1i = xi[i1];
    const a2r = xr[i2],
      a2i = xi[i2],
      a3r = xr[i3],
      a3i = xi[i3];
    const t0r = a0r + a2r,
      t0i = a0i + a2i,
      t1r = a0r - a2r,
      t1i = a0i - a2i;
    const t2r = a1r + a3r,
      t2i = a1i + a3i,
      t3r = a1r - a3r,
      t3i = a1i - a3i;
    const b1r = t1r + t3i,
      b1i = t1i - t3r,
      b2r = t0r - t2r,
      b2i = t0i - t2i;
    const b3r = t1r - t3i,
      b3i = t1i + t3r;
    const w = 3 * j,
      o0 = 4 * j;
    const w1r = twRe[w],
      w1i = twIm[w],
      w2r = twRe[w + 1],
      w2i = twIm[w + 1],
      w3r = twRe[w + 2],
      w3i = twIm[w + 2];
    yr[o0] = t0r + t2r;
    yi[o0] = t0i + t2i;
    yr[o0 + 1] = b1r * w1r - b1i * w1i;
    yi[o0 + 1] = b1r * w1i + b1i * w1r;
    yr[o0 + 2] = b2r * w2r - b2i * w2i;
    yi[o0 + 2] = b2r * w2i + b2i * w2r;
    yr[o0 + 3] = b3r * w3r - b3i * w3i;
    yi[o0 + 3] = b3r * w3i + b3i * w3r;
  }
};

/** A radix-4 pass with m = 1 (the last pass): twiddles are all 1. */
const pass4Last: PassFn = ({ s }, xr, xi, yr, yi) => {
  for (let q = 0; q < s; q++) {
    const i1 = q + s,
      i2 = i1 + s,
      i3 = i2 + s;
    const a0r = xr[q],
      a0i = xi[q],
      a1r = xr[i1],
      a1i = xi[i1];
    const a2r = xr[i2],
      a2i = xi[i2],
      a3r = xr[i3],
      a3i = xi[i3];
    const t0r = a0r + a2r,
      t0i = a0i + a2i,
      t1r = a0r - a2r,
      t1i = a0i - a2i;
    const t2r = a1r + a3r,
      t2i = a1i + a3i,
      t3r = a1r - a3r,
      t3i = a1i - a3i;
    yr[q] = t0r + t2r;
    yi[q] = t0i + t2i;
    yr[i1] = t1r + t3i;
    yi[i1] = t1i - t3r;
    yr[i2] = t0r - t2r;
    yi[i2] = t0i - t2i;
    yr[i3] = t1r - t3i;
    yi[i3] = t1i + t3r;
  }
};

/** A radix-2 pass with m = 1 (the last pass of 2·4^k): twiddles are all 1. */
const pass2Last: PassFn = ({ s }, xr, xi, yr, yi) => {
  for (let q = 0; q < s; q++) {
    const ar = xr[q],
      ai = xi[q],
      br = xr[q + s],
      bi = xi[q + s];
    yr[q] = ar + br;
    yi[q] = ai + bi;
    yr[q + s] = ar - br;
    yi[q + s] = ai - bi;
  }
};

function runPass(ps: StockhamPass, xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array): void {
  if (ps.p === 8) pass8(ps, xr, xi, yr, yi);
  else if (ps.p === 4) {
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
export function runStockham(
  passes: readonly StockhamPass[],
  re: Float64Array,
  im: Float64Array,
  work: Float64Array,
): [Float64Array, Float64Array] {
  const n = re.length;
  // the halves sit at both ends of work (plans reserve a little slack): not exactly n apart, see fft.cpu.ts
  let xr = re,
    xi = im,
    yr = work.subarray(0, n),
    yi = work.subarray(work.length - n);
  for (const ps of passes) {
    runPass(ps, xr, xi, yr, yi);
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
  }
  return [xr, xi];
}
