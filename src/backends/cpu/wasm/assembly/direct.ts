/**
 * Direct (implicit-GEMM) convolution for stride 1 along the innermost dim: no column matrix at all.
 * The GEMM of conv.ts multiplies W_g (Og × Cg·K) by cols, whose row k = (c, tap) over 8 consecutive
 * outputs of an output row is, in a zero-padded copy of the input, 8 consecutive values:
 *   cols[k, ow0 + j] = xpad[rowBase + off[k] + j],   off[k] = c·planeLen + (kd·dil·Hp + kh·dil)·Wp + kw·dil
 * so the 6×8 micro-kernel reads its B vectors straight from xpad through the offset table `off` instead
 * of a packed panel (what XNNPACK calls an indirect convolution; here the indirection is one i32 per k).
 * The k loop is blocked by KC exactly as gemm.ts blocks it and every element is summed in the same
 * order, so this path and im2col + GEMM give the same bits; which one runs is a matter of speed only
 * (chosen by measurement, conv_algo.cpu.ts).
 */
import { MR } from "./gemm";

const KC: i32 = 256;

// @ts-ignore: decorator
@inline function put(p: usize, v: v128, cols: i32, acc: bool): void {
  if (cols >= 4) {
    v128.store(p, acc ? f32x4.add(v128.load(p), v) : v);
    return;
  }
  if (cols <= 0) return;
  store<f32>(p, acc ? load<f32>(p) + f32x4.extract_lane(v, 0) : f32x4.extract_lane(v, 0));
  if (cols > 1) store<f32>(p, acc ? load<f32>(p, 4) + f32x4.extract_lane(v, 1) : f32x4.extract_lane(v, 1), 4);
  if (cols > 2) store<f32>(p, acc ? load<f32>(p, 8) + f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 2), 8);
}

// @ts-ignore: decorator
@inline function putRow(p: usize, lo: v128, hi: v128, cols: i32, acc: bool): void {
  put(p, lo, cols, acc);
  put(p + 16, hi, cols - 4, acc);
}

/** 6×8 tile over k < kc: a = packed W at the block's first k, tab = its offsets, x = the row base. */
function tile6(kc: i32, a: usize, tab: usize, x: usize, c: usize, ldc: usize, cols: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0), c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let k = 0; k < kc; k++, a += 24, tab += 4) {
    const b = x + (<usize>load<i32>(tab) << 2);
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(av, b0)); c21 = f32x4.add(c21, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(av, b0)); c31 = f32x4.add(c31, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 16);
    c40 = f32x4.add(c40, f32x4.mul(av, b0)); c41 = f32x4.add(c41, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 20);
    c50 = f32x4.add(c50, f32x4.mul(av, b0)); c51 = f32x4.add(c51, f32x4.mul(av, b1));
  }
  putRow(c, c00, c01, cols, acc); c += ldc;
  putRow(c, c10, c11, cols, acc); c += ldc;
  putRow(c, c20, c21, cols, acc); c += ldc;
  putRow(c, c30, c31, cols, acc); c += ldc;
  putRow(c, c40, c41, cols, acc); c += ldc;
  putRow(c, c50, c51, cols, acc);
}

/** 2×8 and 1×8 tiles for the last rows of a panel (rows = 1 or 2); same arithmetic per element. */
function tileSmall(rows: i32, kc: i32, a: usize, tab: usize, x: usize, c: usize, ldc: usize, cols: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  for (let k = 0; k < kc; k++, a += 24, tab += 4) {
    const b = x + (<usize>load<i32>(tab) << 2);
    const b0 = v128.load(b), b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
    av = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
  }
  putRow(c, c00, c01, cols, acc);
  if (rows > 1) putRow(c + ldc, c10, c11, cols, acc);
}

/**
 * One output row segment [ow0, ow0 + 8) ∩ [0, OW) of every output channel of a group:
 * y points at (channel 0 of the group, this output position), ldc = L in bytes.
 */
function segment(M: i32, CK: i32, Ap: usize, tab: usize, x: usize, y: usize, ldc: usize, cols: i32): void {
  for (let k0 = 0; k0 < CK; k0 += KC) {
    const kc = min(KC, CK - k0), acc = k0 > 0, t = tab + (<usize>k0 << 2);
    for (let i0 = 0; i0 < M; i0 += MR) {
      const a = Ap + (<usize>(i0 * CK + MR * k0) << 2), c = y + <usize>i0 * ldc;
      const rows = M - i0;
      if (rows >= MR) tile6(kc, a, t, x, c, ldc, cols, acc);
      else {
        // 5 = 2 + 2 + 1, 4 = 2 + 2, 3 = 2 + 1: pairs of rows, then one
        for (let r = 0; r < rows; r += 2) tileSmall(min(2, rows - r), kc, a + (<usize>r << 2), t, x, c + <usize>r * ldc, ldc, cols, acc);
      }
    }
  }
}

/**
 * y for the output rows [r0, r1) of the flat (n, group, od, oh) range. xpad: padded input planes
 * (Dp, Hp, Wp) per (n, channel); Ap: W packed per group (6-row panels, Og·Cg·K); tab: CK offsets.
 * p: [N, C, O, G, Cg, Og, OD, OH, OW, s0, s1, Dp, Hp, Wp, K] (i32).
 */
export function convDirect(p: usize, xpad: usize, Ap: usize, tab: usize, y: usize, r0: i32, r1: i32): void {
  const C = load<i32>(p, 4), O = load<i32>(p, 8), G = load<i32>(p, 12), Cg = load<i32>(p, 16), Og = load<i32>(p, 20);
  const OD = load<i32>(p, 24), OH = load<i32>(p, 28), OW = load<i32>(p, 32), s0 = load<i32>(p, 36), s1 = load<i32>(p, 40);
  const Hp = load<i32>(p, 48), Wp = load<i32>(p, 52), K = load<i32>(p, 56);
  const Dp = load<i32>(p, 44), plane = Dp * Hp * Wp, L = OD * OH * OW, CK = Cg * K;
  const aBytes = <usize>(((Og + MR - 1) / MR) * MR * CK) << 2, ldc = <usize>L << 2;
  for (let r = r0; r < r1; r++) {
    const oh = r % OH, od = (r / OH) % OD, ng = r / (OH * OD), n = ng / G, grp = ng % G;
    const xg = xpad + (<usize>((n * C + grp * Cg) * plane + (od * s0 * Hp + oh * s1) * Wp) << 2);
    const yg = y + (<usize>((n * O + grp * Og) * L + (od * OH + oh) * OW) << 2);
    for (let ow0 = 0; ow0 < OW; ow0 += 8) {
      segment(Og, CK, Ap + <usize>grp * aBytes, tab, xg + (<usize>ow0 << 2), yg + (<usize>ow0 << 2), ldc, OW - ow0);
    }
  }
}

/**
 * Copies the planes [q0, q1) of x (D × H × W each) into zeroed padded planes (Dp × Hp × Wp), offset by
 * the low padding (pd, ph, pw).
 */
export function padPlanes(x: usize, xpad: usize, q0: i32, q1: i32, D: i32, H: i32, W: i32, Dp: i32, Hp: i32, Wp: i32, pd: i32, ph: i32, pw: i32): void {
  const plane = D * H * W, planeP = Dp * Hp * Wp, rowBytes = <usize>W << 2;
  for (let q = q0; q < q1; q++) {
    const dst = xpad + (<usize>(q * planeP) << 2);
    memory.fill(dst, 0, <usize>planeP << 2);
    for (let d = 0; d < D; d++) {
      for (let h = 0; h < H; h++) {
        memory.copy(dst + (<usize>(((d + pd) * Hp + h + ph) * Wp + pw) << 2), x + (<usize>(q * plane + (d * H + h) * W) << 2), rowBytes);
      }
    }
  }
}
