/**
 * The packed float32 GEMM (AssemblyScript, WebAssembly SIMD): C[M×N] (+)= A[M×K] · B[K×N].
 * The scheme of gemm_packed.ts (the TypeScript reference) with a wider register tile: A in panels of
 * MR = 6 rows, k-major (Ap[panel·6K + 6k + r]), B in panels of NR = 8 columns (Bp[panel·8K + 8k + c]);
 * the 6×8 micro-kernel keeps 12 f32x4 accumulators, 2 B vectors and 1 broadcast A value in the 16
 * xmm registers V8 allocates on x64, so the inner loop is 8 loads for 48 multiply-adds.
 * Every element is summed as acc = acc + a·b in k order from 0 (f32 mul then f32 add, no FMA: wasm
 * SIMD has none outside relaxed-simd), whichever kernel (6, 4, 2 or 1 rows) computes it and whatever
 * panel it falls in: so results do not depend on how callers split M or N between threads.
 * K is blocked by KC (a k-range of a panel is contiguous in the k-major layout, so no repacking):
 * a B panel block (8·KC floats) stays in L1 while the A panels of the block stream from L2.
 * Pointers are byte offsets into the shared memory; strides are in elements.
 */

export const MR: i32 = 6;
export const NR: i32 = 8;
const KC: i32 = 256;

/**
 * Packs A[i, k] = src[i·rs + k·cs] (M × K) into 6-row panels, rows past M zero. Rows contiguous in k
 * (cs = 1, the usual case: dY rows for dL/dw, row-major matrices) go four k at a time: six row vectors
 * transposed into the panel's 24 consecutive values (packA6x4).
 */
export function packA(M: i32, K: i32, src: usize, rs: i32, cs: i32, dst: usize): void {
  for (let i0 = 0; i0 < M; i0 += MR) {
    const base = dst + (<usize>(i0 * K) << 2);
    let k0 = 0;
    if (cs == 1) {
      const rows = min(MR, M - i0), s0 = src + (<usize>(i0 * rs) << 2), step = <usize>rs << 2;
      for (; k0 + 4 <= K; k0 += 4) packA6x4(s0 + (<usize>k0 << 2), step, rows, base + (<usize>(k0 * MR) << 2));
    }
    for (let r = 0; r < MR; r++) {
      const i = i0 + r;
      let d = base + (<usize>(k0 * MR + r) << 2);
      if (i >= M) {
        for (let k = k0; k < K; k++, d += 24) store<f32>(d, 0);
        continue;
      }
      let s = src + (<usize>(i * rs + k0 * cs) << 2);
      const step = <usize>cs << 2;
      for (let k = k0; k < K; k++, d += 24, s += step) store<f32>(d, load<f32>(s));
    }
  }
}

/**
 * Four k of one 6-row panel: rows r < `rows` read 4 values at s + r·step (zeros past the last row), and
 * d gets them k-major — (k0: rows 0-5), (k1: rows 0-5), … — as six vectors: a 4×4 transpose of rows 0-3
 * and rows 4-5 interleaved, spliced.
 */
// @ts-ignore: decorator
@inline function packA6x4(s: usize, step: usize, rows: i32, d: usize): void {
  const z = f32x4.splat(0);
  const r0 = v128.load(s), r1 = rows > 1 ? v128.load(s + step) : z, r2 = rows > 2 ? v128.load(s + 2 * step) : z;
  const r3 = rows > 3 ? v128.load(s + 3 * step) : z, r4 = rows > 4 ? v128.load(s + 4 * step) : z;
  const r5 = rows > 5 ? v128.load(s + 5 * step) : z;
  const a = f32x4.shuffle(r0, r1, 0, 4, 1, 5), b = f32x4.shuffle(r2, r3, 0, 4, 1, 5); // k0, k1 of rows 0-3
  const c = f32x4.shuffle(r0, r1, 2, 6, 3, 7), e = f32x4.shuffle(r2, r3, 2, 6, 3, 7); // k2, k3
  const t0 = f32x4.shuffle(a, b, 0, 1, 4, 5), t1 = f32x4.shuffle(a, b, 2, 3, 6, 7);
  const t2 = f32x4.shuffle(c, e, 0, 1, 4, 5), t3 = f32x4.shuffle(c, e, 2, 3, 6, 7);
  const lo = f32x4.shuffle(r4, r5, 0, 4, 1, 5), hi = f32x4.shuffle(r4, r5, 2, 6, 3, 7); // rows 4-5: k0 k1 | k2 k3
  v128.store(d, t0);
  v128.store(d, f32x4.shuffle(lo, t1, 0, 1, 4, 5), 16);
  v128.store(d, f32x4.shuffle(t1, lo, 2, 3, 6, 7), 32);
  v128.store(d, t2, 48);
  v128.store(d, f32x4.shuffle(hi, t3, 0, 1, 4, 5), 64);
  v128.store(d, f32x4.shuffle(t3, hi, 2, 3, 6, 7), 80);
}

/** Packs B[k, j] = src[k·rs + j·cs] (K × N) into 8-column panels, columns past N zero. */
export function packB(K: i32, N: i32, src: usize, rs: i32, cs: i32, dst: usize): void {
  for (let j0 = 0; j0 < N; j0 += NR) {
    const base = dst + (<usize>(j0 * K) << 2);
    if (cs == 1 && j0 + NR <= N) {
      // rows of B are contiguous: 8 values per k in two vector moves
      let s = src + (<usize>j0 << 2);
      const step = <usize>rs << 2;
      for (let k = 0, d = base; k < K; k++, d += 32, s += step) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
      continue;
    }
    for (let c = 0; c < NR; c++) {
      const j = j0 + c;
      let d = base + (<usize>c << 2);
      if (j >= N) {
        for (let k = 0; k < K; k++, d += 32) store<f32>(d, 0);
        continue;
      }
      let s = src + (<usize>(j * cs) << 2);
      const step = <usize>rs << 2;
      for (let k = 0; k < K; k++, d += 32, s += step) store<f32>(d, load<f32>(s));
    }
  }
}

/** Stores (or adds) one f32x4 of a row, its first `cols` lanes only when cols < 4. */
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

/** One row of 8 values: lanes [0, 4) and [4, 8), clipped to `cols`. */
// @ts-ignore: decorator
@inline function putRow(p: usize, lo: v128, hi: v128, cols: i32, acc: bool): void {
  put(p, lo, cols, acc);
  put(p + 16, hi, cols - 4, acc);
}

/** 6×8 block over k < K: a, b panel pointers at the first k; c the block's top-left; ldc in bytes. */
function kernel6x8(K: i32, a: usize, b: usize, c: usize, ldc: usize, cols: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0), c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let k = 0; k < K; k++, a += 24, b += 32) {
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

/** The first `rows` (1-5) rows of a panel: 4-, 2- and 1-row kernels, same arithmetic per element. */
function kernelEdge(rows: i32, K: i32, a: usize, b: usize, c: usize, ldc: usize, cols: i32, acc: bool): void {
  let r = 0;
  if (rows - r >= 4) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    let pa = a, pb = b;
    for (let k = 0; k < K; k++, pa += 24, pb += 32) {
      const b0 = v128.load(pb), b1 = v128.load(pb, 16);
      let av = v128.load32_splat(pa);
      c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 4);
      c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 8);
      c20 = f32x4.add(c20, f32x4.mul(av, b0)); c21 = f32x4.add(c21, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 12);
      c30 = f32x4.add(c30, f32x4.mul(av, b0)); c31 = f32x4.add(c31, f32x4.mul(av, b1));
    }
    putRow(c, c00, c01, cols, acc);
    putRow(c + ldc, c10, c11, cols, acc);
    putRow(c + 2 * ldc, c20, c21, cols, acc);
    putRow(c + 3 * ldc, c30, c31, cols, acc);
    r += 4;
  }
  if (rows - r >= 2) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let pa = a + (<usize>r << 2), pb = b;
    for (let k = 0; k < K; k++, pa += 24, pb += 32) {
      const b0 = v128.load(pb), b1 = v128.load(pb, 16);
      let av = v128.load32_splat(pa);
      c00 = f32x4.add(c00, f32x4.mul(av, b0)); c01 = f32x4.add(c01, f32x4.mul(av, b1));
      av = v128.load32_splat(pa, 4);
      c10 = f32x4.add(c10, f32x4.mul(av, b0)); c11 = f32x4.add(c11, f32x4.mul(av, b1));
    }
    putRow(c + <usize>r * ldc, c00, c01, cols, acc);
    putRow(c + <usize>(r + 1) * ldc, c10, c11, cols, acc);
    r += 2;
  }
  if (rows - r >= 1) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
    let pa = a + (<usize>r << 2), pb = b;
    for (let k = 0; k < K; k++, pa += 24, pb += 32) {
      const av = v128.load32_splat(pa);
      c00 = f32x4.add(c00, f32x4.mul(av, v128.load(pb)));
      c01 = f32x4.add(c01, f32x4.mul(av, v128.load(pb, 16)));
    }
    putRow(c + <usize>r * ldc, c00, c01, cols, acc);
  }
}

/**
 * C[i·ldc + j] (+)= Σ_k A[i, k]·B[k, j] on packed panels; ldc in elements.
 * Loop order: row blocks of A small enough for L2 (MC_BYTES), then each 8-column B panel with every k
 * block and every row panel of the block, so the C tile of a panel stays in L1 across k blocks and a
 * B panel is read from memory once per row block.
 */
const MC_BYTES: i32 = 192 << 10;

export function gemm(M: i32, N: i32, K: i32, Ap: usize, Bp: usize, C: usize, ldc: i32, accumulate: bool): void {
  const ldcB = <usize>ldc << 2;
  const mc = max(MR, (MC_BYTES / (4 * max(K, 1)) / MR) * MR);
  for (let m0 = 0; m0 < M; m0 += mc) {
    const m1 = min(M, m0 + mc);
    for (let j0 = 0; j0 < N; j0 += NR) {
      const cols = N - j0, cj = C + (<usize>j0 << 2);
      for (let k0 = 0; k0 < K; k0 += KC) {
        const kc = min(KC, K - k0), acc = accumulate || k0 > 0;
        const b = Bp + (<usize>(j0 * K + NR * k0) << 2);
        let i0 = m0;
        for (; i0 + MR <= m1; i0 += MR) {
          kernel6x8(kc, Ap + (<usize>(i0 * K + MR * k0) << 2), b, cj + <usize>i0 * ldcB, ldcB, cols, acc);
        }
        if (i0 < m1) kernelEdge(m1 - i0, kc, Ap + (<usize>(i0 * K + MR * k0) << 2), b, cj + <usize>i0 * ldcB, ldcB, cols, acc);
      }
    }
  }
}

/**
 * `count` independent GEMMs (batched matmul) with operands and results `*Stride` bytes apart, each on
 * the column panels [j0, j1) of its B (j0 a multiple of 8): a thread's share of a batched matmul.
 */
export function gemmBatch(count: i32, M: i32, N: i32, K: i32, Ap: usize, aStride: usize, Bp: usize, bStride: usize, C: usize, cStride: usize, j0: i32, j1: i32): void {
  const off = <usize>j0 << 2;
  for (let b = 0; b < count; b++) {
    gemm(M, min(N, j1) - j0, K, Ap + <usize>b * aStride, Bp + <usize>b * bStride + off * <usize>K, C + <usize>b * cStride + off, N, false);
  }
}
