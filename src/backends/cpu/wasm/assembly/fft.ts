/**
 * float32 Stockham FFT passes (radix 4 and 2; AssemblyScript, WebAssembly SIMD): the wasm twin of
 * src/ops/fft/cpu/fft_stockham.cpu.ts for power-of-two lengths, same pass definition. A pass of radix p
 * over length L = p·m with stride s:
 *   a_r = x[q + s(j + r·m)],  r < p;   y[q + s(p·j + k)] = (Σ_r a_r W_p^{rk}) · W_L^{jk},  W_L = e^{−2πi/L}
 * Lines are `n·inner` values (re and im in separate arrays); the transform runs along n with the inner
 * values riding along (a column transform of an [n, inner] block is the same passes with s starting at
 * inner). A pass with s ≥ 4 is vectorised over q (4 consecutive q per f32x4, a scalar tail for s mod 4);
 * the first pass of a row transform (s = 1, radix 4, m a multiple of 4) is vectorised over j, and its four
 * result vectors are transposed 4×4 so that y[4j + k] is stored contiguously.
 * Twiddles per pass are k-major: tw[(k−1)·m + j] = W_L^{jk} (computed in float64 by the host, rounded).
 * plan (i32): [passes, then per pass p, m, twRe, twIm]. After an odd number of passes the result is in y.
 */

// @ts-ignore: decorator
@inline function pi(plan: usize, i: i32): i32 { return load<i32>(plan + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function at(base: usize, i: i32): usize { return base + (<usize>i << 2); }

/** One radix-4 butterfly on scalars at input offsets i0 + t·sm, outputs o0 + t·s, twiddles w1..w3. */
// @ts-ignore: decorator
@inline function bfly4(xr: usize, xi: usize, yr: usize, yi: usize, i0: i32, sm: i32, o0: i32, s: i32,
  w1r: f32, w1i: f32, w2r: f32, w2i: f32, w3r: f32, w3i: f32): void {
  const a0r = load<f32>(at(xr, i0)), a0i = load<f32>(at(xi, i0));
  const a1r = load<f32>(at(xr, i0 + sm)), a1i = load<f32>(at(xi, i0 + sm));
  const a2r = load<f32>(at(xr, i0 + 2 * sm)), a2i = load<f32>(at(xi, i0 + 2 * sm));
  const a3r = load<f32>(at(xr, i0 + 3 * sm)), a3i = load<f32>(at(xi, i0 + 3 * sm));
  const t0r = a0r + a2r, t0i = a0i + a2i, t1r = a0r - a2r, t1i = a0i - a2i;
  const t2r = a1r + a3r, t2i = a1i + a3i, t3r = a1r - a3r, t3i = a1i - a3i;
  // b1 = t1 − i·t3, b3 = t1 + i·t3 (W_4 = −i)
  const b1r = t1r + t3i, b1i = t1i - t3r, b2r = t0r - t2r, b2i = t0i - t2i, b3r = t1r - t3i, b3i = t1i + t3r;
  store<f32>(at(yr, o0), t0r + t2r); store<f32>(at(yi, o0), t0i + t2i);
  store<f32>(at(yr, o0 + s), b1r * w1r - b1i * w1i); store<f32>(at(yi, o0 + s), b1r * w1i + b1i * w1r);
  store<f32>(at(yr, o0 + 2 * s), b2r * w2r - b2i * w2i); store<f32>(at(yi, o0 + 2 * s), b2r * w2i + b2i * w2r);
  store<f32>(at(yr, o0 + 3 * s), b3r * w3r - b3i * w3i); store<f32>(at(yi, o0 + 3 * s), b3r * w3i + b3i * w3r);
}

/** Radix-4 pass, vectorised over q (s ≥ 1; the q mod 4 tail is scalar). */
function pass4q(xr: usize, xi: usize, yr: usize, yi: usize, m: i32, s: i32, tr: usize, ti: usize): void {
  const sm = s * m, s4 = s & ~3;
  for (let j = 0; j < m; j++) {
    const w1r = load<f32>(at(tr, j)), w1i = load<f32>(at(ti, j));
    const w2r = load<f32>(at(tr, m + j)), w2i = load<f32>(at(ti, m + j));
    const w3r = load<f32>(at(tr, 2 * m + j)), w3i = load<f32>(at(ti, 2 * m + j));
    const v1r = f32x4.splat(w1r), v1i = f32x4.splat(w1i), v2r = f32x4.splat(w2r), v2i = f32x4.splat(w2i);
    const v3r = f32x4.splat(w3r), v3i = f32x4.splat(w3i);
    for (let q = 0; q < s4; q += 4) {
      const i0 = q + s * j, o0 = q + 4 * s * j;
      const a0r = v128.load(at(xr, i0)), a0i = v128.load(at(xi, i0));
      const a1r = v128.load(at(xr, i0 + sm)), a1i = v128.load(at(xi, i0 + sm));
      const a2r = v128.load(at(xr, i0 + 2 * sm)), a2i = v128.load(at(xi, i0 + 2 * sm));
      const a3r = v128.load(at(xr, i0 + 3 * sm)), a3i = v128.load(at(xi, i0 + 3 * sm));
      const t0r = f32x4.add(a0r, a2r), t0i = f32x4.add(a0i, a2i), t1r = f32x4.sub(a0r, a2r), t1i = f32x4.sub(a0i, a2i);
      const t2r = f32x4.add(a1r, a3r), t2i = f32x4.add(a1i, a3i), t3r = f32x4.sub(a1r, a3r), t3i = f32x4.sub(a1i, a3i);
      const b1r = f32x4.add(t1r, t3i), b1i = f32x4.sub(t1i, t3r), b2r = f32x4.sub(t0r, t2r), b2i = f32x4.sub(t0i, t2i);
      const b3r = f32x4.sub(t1r, t3i), b3i = f32x4.add(t1i, t3r);
      v128.store(at(yr, o0), f32x4.add(t0r, t2r));
      v128.store(at(yi, o0), f32x4.add(t0i, t2i));
      v128.store(at(yr, o0 + s), f32x4.sub(f32x4.mul(b1r, v1r), f32x4.mul(b1i, v1i)));
      v128.store(at(yi, o0 + s), f32x4.add(f32x4.mul(b1r, v1i), f32x4.mul(b1i, v1r)));
      v128.store(at(yr, o0 + 2 * s), f32x4.sub(f32x4.mul(b2r, v2r), f32x4.mul(b2i, v2i)));
      v128.store(at(yi, o0 + 2 * s), f32x4.add(f32x4.mul(b2r, v2i), f32x4.mul(b2i, v2r)));
      v128.store(at(yr, o0 + 3 * s), f32x4.sub(f32x4.mul(b3r, v3r), f32x4.mul(b3i, v3i)));
      v128.store(at(yi, o0 + 3 * s), f32x4.add(f32x4.mul(b3r, v3i), f32x4.mul(b3i, v3r)));
    }
    for (let q = s4; q < s; q++) bfly4(xr, xi, yr, yi, q + s * j, sm, q + 4 * s * j, s, w1r, w1i, w2r, w2i, w3r, w3i);
  }
}

/** The 4×4 transpose of rows (r0, r1, r2, r3) stored at p, p + 16, p + 32, p + 48. */
// @ts-ignore: decorator
@inline function storeT(p: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(p, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(p, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7), 16);
  v128.store(p, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), 32);
  v128.store(p, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7), 48);
}

/** Radix-4 pass with s = 1, vectorised over j (m a multiple of 4): y[4j + k] stored by 4×4 transposes. */
function pass4j(xr: usize, xi: usize, yr: usize, yi: usize, m: i32, tr: usize, ti: usize): void {
  for (let j = 0; j < m; j += 4) {
    const a0r = v128.load(at(xr, j)), a0i = v128.load(at(xi, j));
    const a1r = v128.load(at(xr, j + m)), a1i = v128.load(at(xi, j + m));
    const a2r = v128.load(at(xr, j + 2 * m)), a2i = v128.load(at(xi, j + 2 * m));
    const a3r = v128.load(at(xr, j + 3 * m)), a3i = v128.load(at(xi, j + 3 * m));
    const t0r = f32x4.add(a0r, a2r), t0i = f32x4.add(a0i, a2i), t1r = f32x4.sub(a0r, a2r), t1i = f32x4.sub(a0i, a2i);
    const t2r = f32x4.add(a1r, a3r), t2i = f32x4.add(a1i, a3i), t3r = f32x4.sub(a1r, a3r), t3i = f32x4.sub(a1i, a3i);
    const b1r = f32x4.add(t1r, t3i), b1i = f32x4.sub(t1i, t3r), b2r = f32x4.sub(t0r, t2r), b2i = f32x4.sub(t0i, t2i);
    const b3r = f32x4.sub(t1r, t3i), b3i = f32x4.add(t1i, t3r);
    const v1r = v128.load(at(tr, j)), v1i = v128.load(at(ti, j));
    const v2r = v128.load(at(tr, m + j)), v2i = v128.load(at(ti, m + j));
    const v3r = v128.load(at(tr, 2 * m + j)), v3i = v128.load(at(ti, 2 * m + j));
    storeT(at(yr, 4 * j), f32x4.add(t0r, t2r),
      f32x4.sub(f32x4.mul(b1r, v1r), f32x4.mul(b1i, v1i)),
      f32x4.sub(f32x4.mul(b2r, v2r), f32x4.mul(b2i, v2i)),
      f32x4.sub(f32x4.mul(b3r, v3r), f32x4.mul(b3i, v3i)));
    storeT(at(yi, 4 * j), f32x4.add(t0i, t2i),
      f32x4.add(f32x4.mul(b1r, v1i), f32x4.mul(b1i, v1r)),
      f32x4.add(f32x4.mul(b2r, v2i), f32x4.mul(b2i, v2r)),
      f32x4.add(f32x4.mul(b3r, v3i), f32x4.mul(b3i, v3r)));
  }
}

/** Radix-2 pass, vectorised over q (scalar tail for s mod 4). */
function pass2q(xr: usize, xi: usize, yr: usize, yi: usize, m: i32, s: i32, tr: usize, ti: usize): void {
  const sm = s * m, s4 = s & ~3;
  for (let j = 0; j < m; j++) {
    const wr = load<f32>(at(tr, j)), wi = load<f32>(at(ti, j));
    const vr = f32x4.splat(wr), vi = f32x4.splat(wi);
    for (let q = 0; q < s4; q += 4) {
      const i0 = q + s * j, o0 = q + 2 * s * j;
      const ar = v128.load(at(xr, i0)), ai = v128.load(at(xi, i0));
      const br = v128.load(at(xr, i0 + sm)), bi = v128.load(at(xi, i0 + sm));
      const dr = f32x4.sub(ar, br), di = f32x4.sub(ai, bi);
      v128.store(at(yr, o0), f32x4.add(ar, br));
      v128.store(at(yi, o0), f32x4.add(ai, bi));
      v128.store(at(yr, o0 + s), f32x4.sub(f32x4.mul(dr, vr), f32x4.mul(di, vi)));
      v128.store(at(yi, o0 + s), f32x4.add(f32x4.mul(dr, vi), f32x4.mul(di, vr)));
    }
    for (let q = s4; q < s; q++) {
      const i0 = q + s * j, o0 = q + 2 * s * j;
      const ar = load<f32>(at(xr, i0)), ai = load<f32>(at(xi, i0));
      const br = load<f32>(at(xr, i0 + sm)), bi = load<f32>(at(xi, i0 + sm));
      const dr = ar - br, di = ai - bi;
      store<f32>(at(yr, o0), ar + br);
      store<f32>(at(yi, o0), ai + bi);
      store<f32>(at(yr, o0 + s), dr * wr - di * wi);
      store<f32>(at(yi, o0 + s), dr * wi + di * wr);
    }
  }
}

/**
 * Transforms lines [b0, b1) of n·inner values each (line b at element b·n·inner of xr, xi, yr, yi) with
 * the plan's passes, ping-ponging between x and y; the caller knows from the pass count which holds X.
 */
export function fftLines(b0: i32, b1: i32, n: i32, inner: i32, xr: usize, xi: usize, yr: usize, yi: usize, plan: usize): void {
  const passes = pi(plan, 0), line = n * inner;
  for (let b = b0; b < b1; b++) {
    let pr = at(xr, b * line), pim = at(xi, b * line), qr = at(yr, b * line), qi = at(yi, b * line);
    let s = inner;
    for (let k = 0; k < passes; k++) {
      const p = pi(plan, 1 + 4 * k), m = pi(plan, 2 + 4 * k);
      const tr = <usize>pi(plan, 3 + 4 * k), ti = <usize>pi(plan, 4 + 4 * k);
      if (p == 4 && s == 1 && (m & 3) == 0) pass4j(pr, pim, qr, qi, m, tr, ti);
      else if (p == 4) pass4q(pr, pim, qr, qi, m, s, tr, ti);
      else pass2q(pr, pim, qr, qi, m, s, tr, ti);
      const sr = pr, si = pim;
      pr = qr; pim = qi; qr = sr; qi = si;
      s *= p;
    }
  }
}

/**
 * Real lines transformed two per complex FFT (z = x₁ + i·x₂, Z = DFT z): splits pairs [c0, c1) of Z
 * (pair c at element c·n of zr, zi) into the spectra of lines 2c and 2c + 1 (< lines) at element b·n of
 * (outR, outI), keeping bins k < keep (rfft's half spectrum; line b at element b·keep):
 *   X₁[k] = (Z[k] + conj Z[n−k]) / 2,  X₂[k] = (Z[k] − conj Z[n−k]) / 2i;
 * conj = 1 conjugates both (the inverse of a real line is the conjugate of its DFT).
 */
export function fftSplitPairs(c0: i32, c1: i32, n: i32, keep: i32, lines: i32, zr: usize, zi: usize, outR: usize, outI: usize, conj: i32): void {
  const sign: f32 = conj ? -1 : 1;
  for (let c = c0; c < c1; c++) {
    const z = c * n, l1 = 2 * c * keep, l2 = l1 + keep, second = 2 * c + 1 < lines;
    for (let k = 0; k < keep; k++) {
      const j = k == 0 ? 0 : n - k;
      const a = load<f32>(at(zr, z + k)), b = load<f32>(at(zi, z + k));
      const cc = load<f32>(at(zr, z + j)), d = load<f32>(at(zi, z + j));
      store<f32>(at(outR, l1 + k), (a + cc) * 0.5);
      store<f32>(at(outI, l1 + k), sign * (b - d) * 0.5);
      if (second) {
        store<f32>(at(outR, l2 + k), (b + d) * 0.5);
        store<f32>(at(outI, l2 + k), sign * (cc - a) * 0.5);
      }
    }
  }
}
