/**
 * Winograd F(2×2, 3×3) forward convolution (Lavin & Gray 2016) for 3×3 kernels, stride 1, dilation 1, one
 * group: every 2×2 output tile is Y = Aᵀ [ Σ_c (G g_oc Gᵀ) ⊙ (Bᵀ d_c B) ] A, with d_c the 4×4 input patch of
 * channel c at the tile. The sum over c is, for each of the 16 positions ξ of the 4×4 transformed tile, a
 * GEMM  M_ξ[o, t] = Σ_c U_ξ[o, c] · V_ξ[c, t]  (U: transformed filters, packed by the host; V: transformed
 * input patches, written straight into the GEMM's 8-column B panels) — 16 multiplies per 4 outputs per
 * (o, c) instead of 36: 2.25x fewer.
 *   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]    Aᵀ = [1 1 1 0; 0 1 −1 −1]
 * A share transforms tile rows [r0, r1) (row r = image n, tile row i), RB rows at a time so that V and M
 * (16 × C × tiles and 16 × O × tiles floats) stay in L2. The input is the padded planes [N·C, Hp, Wp]
 * (every patch in bounds). Rows of tw tiles with tw a multiple of 4 are transformed 4 tiles per f32x4
 * (a patch row of 4 tiles is 10 consecutive values: even and odd lanes split by shuffles); others scalar.
 * Every share passes its own V, M and 256-byte `tmp` (row sums of a patch): the memory is shared by the threads.
 * p (i32): N, C, O, OH, OW, Hp, Wp, th, tw, RB; Wp ≥ 2·tw + 4 (a 4-tile patch row reads 12 values).
 */
import { gemm } from "./gemm";

// @ts-ignore: decorator
@inline function pi(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function f4(base: usize, i: i32): usize { return base + (<usize>i << 2); }

/** Bᵀ·(4 rows)·B of one patch at `src` (row stride Wp) into v[16] (scalar path). */
function patchScalar(src: usize, Wp: i32, dst: usize, vStride: usize, off: usize, r: usize): void {
  // rows: r_k = (d_k0 − d_k2, d_k1 + d_k2, d_k2 − d_k1, d_k1 − d_k3)
  for (let k = 0; k < 4; k++) {
    const row = src + (<usize>(k * Wp) << 2);
    const a = load<f32>(row), b = load<f32>(row, 4), c = load<f32>(row, 8), d = load<f32>(row, 12);
    store<f32>(r + (<usize>(4 * k) << 2), a - c);
    store<f32>(r + (<usize>(4 * k + 1) << 2), b + c);
    store<f32>(r + (<usize>(4 * k + 2) << 2), c - b);
    store<f32>(r + (<usize>(4 * k + 3) << 2), b - d);
  }
  for (let col = 0; col < 4; col++) {
    const a = load<f32>(f4(r, col)), b = load<f32>(f4(r, 4 + col)), c = load<f32>(f4(r, 8 + col)), d = load<f32>(f4(r, 12 + col));
    store<f32>(dst + <usize>(0 * 4 + col) * vStride + off, a - c);
    store<f32>(dst + <usize>(1 * 4 + col) * vStride + off, b + c);
    store<f32>(dst + <usize>(2 * 4 + col) * vStride + off, c - b);
    store<f32>(dst + <usize>(3 * 4 + col) * vStride + off, b - d);
  }
}

/** The 4 lanes (tiles j … j+3) of patch columns 0-3 of one input row starting at `row` (10 values). */
// @ts-ignore: decorator
@inline function rowT(row: usize, ptr: usize): void {
  const lo = v128.load(row), mid = v128.load(row, 16), hi = v128.load(row, 32);
  const e0 = v128.shuffle<f32>(lo, mid, 0, 2, 4, 6), o1 = v128.shuffle<f32>(lo, mid, 1, 3, 5, 7);
  // columns 2 and 3 of tile j are columns 0 and 1 of tile j + 1
  const e2 = v128.shuffle<f32>(lo, mid, 2, 4, 6, 0), o3 = v128.shuffle<f32>(lo, mid, 3, 5, 7, 0);
  const e2f = f32x4.replace_lane(e2, 3, f32x4.extract_lane(hi, 0)), o3f = f32x4.replace_lane(o3, 3, f32x4.extract_lane(hi, 1));
  v128.store(ptr, f32x4.sub(e0, e2f));
  v128.store(ptr, f32x4.add(o1, e2f), 16);
  v128.store(ptr, f32x4.sub(e2f, o1), 32);
  v128.store(ptr, f32x4.sub(o1, o3f), 48);
}

/** Bᵀ d B of 4 horizontally adjacent patches (tiles j … j+3) at `src`, stored 4 columns wide into V. */
function patch4(src: usize, Wp: i32, dst: usize, vStride: usize, off: usize, r: usize): void {
  for (let k = 0; k < 4; k++) rowT(src + (<usize>(k * Wp) << 2), r + (<usize>(64 * k)));
  for (let col = 0; col < 4; col++) {
    const a = v128.load(r + <usize>(16 * col)), b = v128.load(r + <usize>(64 + 16 * col));
    const c = v128.load(r + <usize>(128 + 16 * col)), d = v128.load(r + <usize>(192 + 16 * col));
    v128.store(dst + <usize>(0 * 4 + col) * vStride + off, f32x4.sub(a, c));
    v128.store(dst + <usize>(1 * 4 + col) * vStride + off, f32x4.add(b, c));
    v128.store(dst + <usize>(2 * 4 + col) * vStride + off, f32x4.sub(c, b));
    v128.store(dst + <usize>(3 * 4 + col) * vStride + off, f32x4.sub(b, d));
  }
}

export function winogradForward(p: usize, xpad: usize, Up: usize, y: usize, r0: i32, r1: i32, V: usize, M: usize, tmp: usize): void {
  const C = pi(p, 1), O = pi(p, 2), OH = pi(p, 3), OW = pi(p, 4), Hp = pi(p, 5), Wp = pi(p, 6);
  const th = pi(p, 7), tw = pi(p, 8), RB = pi(p, 9);
  const TBmax = RB * tw, panelsMax = (TBmax + 7) >> 3;
  const vStride = <usize>(panelsMax * 8 * C) << 2, uStride = <usize>(((O + 5) / 6) * 6 * C) << 2;
  const mStride = <usize>(O * TBmax) << 2, plane = Hp * Wp, vec = (tw & 3) == 0;
  for (let g0 = r0; g0 < r1; g0 += RB) {
    const rows = min(RB, r1 - g0), TB = rows * tw, panels = (TB + 7) >> 3;
    // columns past TB in the last panel are zero (the micro-kernel reads whole panels)
    if ((TB & 7) != 0) {
      for (let xi = 0; xi < 16; xi++) {
        const base = V + <usize>xi * vStride + (<usize>((panels - 1) * 8 * C) << 2);
        memory.fill(base, 0, <usize>(8 * C) << 2);
      }
    }
    for (let rr = 0; rr < rows; rr++) {
      const r = g0 + rr, n = r / th, i = r % th;
      for (let c = 0; c < C; c++) {
        const rowBase = xpad + (<usize>((n * C + c) * plane + 2 * i * Wp) << 2);
        let j = 0;
        if (vec) {
          for (; j < tw; j += 4) {
            const b = rr * tw + j;
            patch4(rowBase + (<usize>(2 * j) << 2), Wp, V, vStride, <usize>(((b >> 3) * 8 * C + 8 * c + (b & 7))) << 2, tmp);
          }
        }
        for (; j < tw; j++) {
          const b = rr * tw + j;
          patchScalar(rowBase + (<usize>(2 * j) << 2), Wp, V, vStride, <usize>(((b >> 3) * 8 * C + 8 * c + (b & 7))) << 2, tmp);
        }
      }
    }
    for (let xi = 0; xi < 16; xi++) {
      gemm(O, TB, C, Up + <usize>xi * uStride, V + <usize>xi * vStride, M + <usize>xi * mStride, TB, 0);
    }
    // Y = Aᵀ m A per (o, tile): s0 = m_k0 + m_k1 + m_k2, s1 = m_k1 − m_k2 − m_k3 per row k, then the same down
    for (let o = 0; o < O; o++) {
      for (let rr = 0; rr < rows; rr++) {
        const r = g0 + rr, n = r / th, i = r % th, oy = 2 * i;
        const yRow = y + (<usize>(((n * O + o) * OH + oy) * OW) << 2);
        const two = oy + 1 < OH;
        let j = 0;
        if (vec) {
          for (; j + 4 <= tw && 2 * j + 8 <= OW; j += 4) {
            const at = M + (<usize>(o * TB + rr * tw + j) << 2);
            let s00 = f32x4.splat(0), s01 = s00, s10 = s00, s11 = s00;
            for (let k = 0; k < 4; k++) {
              const m0 = v128.load(at + <usize>(4 * k) * mStride), m1 = v128.load(at + <usize>(4 * k + 1) * mStride);
              const m2 = v128.load(at + <usize>(4 * k + 2) * mStride), m3 = v128.load(at + <usize>(4 * k + 3) * mStride);
              const a0 = f32x4.add(f32x4.add(m0, m1), m2), a1 = f32x4.sub(f32x4.sub(m1, m2), m3);
              if (k < 3) { s00 = f32x4.add(s00, a0); s01 = f32x4.add(s01, a1); }
              if (k == 1) { s10 = f32x4.add(s10, a0); s11 = f32x4.add(s11, a1); }
              if (k >= 2) { s10 = f32x4.sub(s10, a0); s11 = f32x4.sub(s11, a1); }
            }
            const dst = yRow + (<usize>(2 * j) << 2);
            v128.store(dst, v128.shuffle<f32>(s00, s01, 0, 4, 1, 5));
            v128.store(dst, v128.shuffle<f32>(s00, s01, 2, 6, 3, 7), 16);
            if (two) {
              const dst2 = dst + (<usize>OW << 2);
              v128.store(dst2, v128.shuffle<f32>(s10, s11, 0, 4, 1, 5));
              v128.store(dst2, v128.shuffle<f32>(s10, s11, 2, 6, 3, 7), 16);
            }
          }
        }
        for (; j < tw; j++) {
          const at = M + (<usize>(o * TB + rr * tw + j) << 2);
          let s00: f32 = 0, s01: f32 = 0, s10: f32 = 0, s11: f32 = 0;
          for (let k = 0; k < 4; k++) {
            const m0 = load<f32>(at + <usize>(4 * k) * mStride), m1 = load<f32>(at + <usize>(4 * k + 1) * mStride);
            const m2 = load<f32>(at + <usize>(4 * k + 2) * mStride), m3 = load<f32>(at + <usize>(4 * k + 3) * mStride);
            const a0 = m0 + m1 + m2, a1 = m1 - m2 - m3;
            if (k < 3) { s00 += a0; s01 += a1; }
            if (k == 1) { s10 += a0; s11 += a1; }
            if (k >= 2) { s10 -= a0; s11 -= a1; }
          }
          const ox = 2 * j, dst = yRow + (<usize>ox << 2);
          store<f32>(dst, s00);
          if (ox + 1 < OW) store<f32>(dst, s01, 4);
          if (two) {
            store<f32>(dst + (<usize>OW << 2), s10);
            if (ox + 1 < OW) store<f32>(dst + (<usize>OW << 2), s11, 4);
          }
        }
      }
    }
  }
}

/** Row k of 4 channels' patches (4 values each, channels `cs` floats apart) transposed: lane m = channel m. */
// @ts-ignore: decorator
@inline function rowU(src: usize, cs: usize, u: usize): void {
  const r0 = v128.load(src), r1 = v128.load(src + cs), r2 = v128.load(src + 2 * cs), r3 = v128.load(src + 3 * cs);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  const x0 = v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), x1 = v128.shuffle<f32>(t0, t1, 2, 3, 6, 7);
  const x2 = v128.shuffle<f32>(t2, t3, 0, 1, 4, 5), x3 = v128.shuffle<f32>(t2, t3, 2, 3, 6, 7);
  v128.store(u, f32x4.sub(x0, x2));
  v128.store(u, f32x4.add(x1, x2), 16);
  v128.store(u, f32x4.sub(x2, x1), 32);
  v128.store(u, f32x4.sub(x1, x3), 48);
}

/** V_ξ for channels c … c+3 of one tile (vector path of winogradGradTransforms): Bᵀ d B, lane = channel. */
function patchChannels4(src: usize, Wp: i32, cs: usize, Bp: usize, bStride: usize, at: usize, u: usize): void {
  for (let k = 0; k < 4; k++) rowU(src + (<usize>(k * Wp) << 2), cs, u + <usize>(64 * k));
  for (let s = 0; s < 4; s++) {
    const u0 = v128.load(u + <usize>(16 * s)), u1 = v128.load(u + <usize>(64 + 16 * s));
    const u2 = v128.load(u + <usize>(128 + 16 * s)), u3 = v128.load(u + <usize>(192 + 16 * s));
    v128.store(Bp + <usize>s * bStride + at, f32x4.sub(u0, u2));
    v128.store(Bp + <usize>(4 + s) * bStride + at, f32x4.add(u1, u2));
    v128.store(Bp + <usize>(8 + s) * bStride + at, f32x4.sub(u2, u1));
    v128.store(Bp + <usize>(12 + s) * bStride + at, f32x4.sub(u1, u3));
  }
}

/**
 * Winograd F(3×3, 2×2) for the weight gradient of the same convolutions:
 *   dW[o, c] = Σ_tiles corr(d_c, e_o) = Gᵀ [ Σ_t (A e_o,t Aᵀ) ⊙ (Bᵀ d_c,t B) ] G,
 * e the 2×2 tile of dy (zero past the output), d the 4×4 input patch, A = [1 0; 1 1; 1 −1; 0 −1]. For each
 * ξ the sum over tiles t is a GEMM with depth T: M_ξ[o, c] = Σ_t E_ξ[o, t] · V_ξ[c, t], run a block of
 * tile rows at a time (the GEMMs accumulate), so that the panels stay a bounded size. This function writes
 * tile rows [r0, r1) of the block that starts at tile row rBase and holds T tiles (the GEMMs' depth) of E
 * (into 6-row A panels, rows past O zero) and V (8-column B panels, columns past C zero); the host then runs
 * the 16 GEMMs (winogradGemms) and, after the last block, Gᵀ M G. `tmp`: 256 bytes of the share's own.
 * p (i32): N, C, O, OH, OW, Hp, Wp, th, tw, TMAX (the largest block's tiles: the ξ strides).
 */
export function winogradGradTransforms(p: usize, xpad: usize, dy: usize, Ap: usize, Bp: usize, r0: i32, r1: i32, rBase: i32, T: i32, tmp: usize): void {
  const C = pi(p, 1), O = pi(p, 2), OH = pi(p, 3), OW = pi(p, 4), Hp = pi(p, 5), Wp = pi(p, 6);
  const th = pi(p, 7), tw = pi(p, 8), TMAX = pi(p, 9);
  const Op = (O + 5) / 6 * 6, Cp = (C + 7) >> 3 << 3;
  const aStride = <usize>(Op * TMAX) << 2, bStride = <usize>(Cp * TMAX) << 2, plane = Hp * Wp;
  for (let r = r0; r < r1; r++) {
    const n = r / th, i = r % th, oy = 2 * i, two = oy + 1 < OH;
    for (let j = 0; j < tw; j++) {
      const t = (r - rBase) * tw + j, ox = 2 * j, right = ox + 1 < OW;
      // E_ξ[o, t] = (A e Aᵀ)[q][s]: rows (e_0·, e_0· + e_1·, e_0· − e_1·, −e_1·), the same along columns
      for (let o = 0; o < Op; o++) {
        const at = (<usize>((o / 6) * 6 * T + 6 * t + (o % 6))) << 2;
        if (o >= O) {
          for (let xi = 0; xi < 16; xi++) store<f32>(Ap + <usize>xi * aStride + at, 0);
          continue;
        }
        const e = dy + (<usize>(((n * O + o) * OH + oy) * OW + ox) << 2);
        const e00 = load<f32>(e), e01: f32 = right ? load<f32>(e, 4) : 0;
        const e10: f32 = two ? load<f32>(e + (<usize>OW << 2)) : 0, e11: f32 = two && right ? load<f32>(e + (<usize>OW << 2), 4) : 0;
        // column transform of each row k: (e_k0, e_k0 + e_k1, e_k0 − e_k1, −e_k1)
        const r00 = e00, r01 = e00 + e01, r02 = e00 - e01, r03 = -e01;
        const r10 = e10, r11 = e10 + e11, r12 = e10 - e11, r13 = -e11;
        store<f32>(Ap + 0 * aStride + at, r00); store<f32>(Ap + 1 * aStride + at, r01);
        store<f32>(Ap + 2 * aStride + at, r02); store<f32>(Ap + 3 * aStride + at, r03);
        store<f32>(Ap + 4 * aStride + at, r00 + r10); store<f32>(Ap + 5 * aStride + at, r01 + r11);
        store<f32>(Ap + 6 * aStride + at, r02 + r12); store<f32>(Ap + 7 * aStride + at, r03 + r13);
        store<f32>(Ap + 8 * aStride + at, r00 - r10); store<f32>(Ap + 9 * aStride + at, r01 - r11);
        store<f32>(Ap + 10 * aStride + at, r02 - r12); store<f32>(Ap + 11 * aStride + at, r03 - r13);
        store<f32>(Ap + 12 * aStride + at, -r10); store<f32>(Ap + 13 * aStride + at, -r11);
        store<f32>(Ap + 14 * aStride + at, -r12); store<f32>(Ap + 15 * aStride + at, -r13);
      }
      // V_ξ[c, t] = (Bᵀ d B)[q][s], the forward's input transform
      let c = 0;
      // 4 channels per f32x4 (4 consecutive columns of a B panel), then the rest one by one
      for (; c + 4 <= C; c += 4) {
        const at = (<usize>((c >> 3) * 8 * T + 8 * t + (c & 7))) << 2;
        const src = xpad + (<usize>((n * C + c) * plane + oy * Wp + ox) << 2);
        patchChannels4(src, Wp, <usize>plane << 2, Bp, bStride, at, tmp);
      }
      for (; c < Cp; c++) {
        const at = (<usize>((c >> 3) * 8 * T + 8 * t + (c & 7))) << 2;
        if (c >= C) {
          for (let xi = 0; xi < 16; xi++) store<f32>(Bp + <usize>xi * bStride + at, 0);
          continue;
        }
        patchScalar(xpad + (<usize>((n * C + c) * plane + oy * Wp + ox) << 2), Wp, Bp, bStride, at, tmp);
      }
    }
  }
}

/** M_ξ (+)= E_ξ · V_ξᵀ (O × C, depth T of a block of TMAX) for ξ in [x0, x1): a thread's share of the 16 GEMMs. */
export function winogradGemms(O: i32, C: i32, T: i32, TMAX: i32, Ap: usize, Bp: usize, M: usize, x0: i32, x1: i32, accumulate: i32): void {
  const Op = (O + 5) / 6 * 6, Cp = (C + 7) >> 3 << 3;
  const aStride = <usize>(Op * TMAX) << 2, bStride = <usize>(Cp * TMAX) << 2, mStride = <usize>(O * C) << 2;
  for (let xi = x0; xi < x1; xi++) gemm(O, C, T, Ap + <usize>xi * aStride, Bp + <usize>xi * bStride, M + <usize>xi * mStride, C, accumulate != 0);
}
