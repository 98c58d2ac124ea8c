/**
 * The cpu matrix product (matmul and the im2col convolutions): C[M×N] (+)= A[M×K] · B[K×N] on *packed*
 * operands, with a 4×4 register-blocked micro-kernel (the BLIS scheme, in plain JS).
 *
 * Why packed: a plain blocked loop updates C in memory on every k (1 load of B, 4 loads and 4 stores of C
 * per 8 flops). Here A is packed in panels of 4 rows (k-major: Ap[i0·K + 4k + r]) and B in panels of
 * 4 columns (Bp[j0·K + 4k + c]), so the inner loop reads 8 consecutive values and does 32 flops into 16
 * accumulators that V8 keeps in registers; C is touched once per block. On this machine that is ~2x the
 * plain blocked loop. Packing costs O(MK + KN) against O(MNK) flops; im2colPacked (im2col.cpu.ts) writes B panels
 * directly, so the column matrix is never materialised twice.
 * Panels are zero-padded to multiples of 4; the last 1-3 rows of A run a 1×4 kernel (so an odd channel
 * count such as LeNet's 6 wastes no flops on padding) and the write-back of edge columns is guarded.
 */
import type { FloatArray, TypedArray } from "../../core/dtype";

export const MR = 4;
export const NR = 4;

export const roundUp4 = (n: number): number => (n + 3) & ~3;

/** float64 panels for float64 sources, float32 otherwise (int32 sources are converted while packing) */
function alloc(like: TypedArray, n: number): FloatArray {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/** Packs A[i, k] = src[off + i·rs + k·cs] (M × K) into 4-row panels (into `out` when given and large enough). */
export function packA(
  M: number,
  K: number,
  src: TypedArray,
  off: number,
  rs: number,
  cs: number,
  out?: FloatArray,
): FloatArray {
  const Ap = out && out.length >= roundUp4(M) * K ? out : alloc(src, roundUp4(M) * K);
  for (let i0 = 0; i0 < M; i0 += MR) {
    const base = i0 * K;
    for (let r = 0; r < MR; r++) {
      const i = i0 + r;
      if (i >= M) {
        for (let k = 0; k < K; k++) Ap[base + MR * k + r] = 0;
        continue;
      }
      const s = off + i * rs;
      for (let k = 0; k < K; k++) Ap[base + MR * k + r] = src[s + k * cs];
    }
  }
  return Ap;
}

/** Packs B[k, j] = src[off + k·rs + j·cs] (K × N) into 4-column panels. */
export function packB(
  K: number,
  N: number,
  src: TypedArray,
  off: number,
  rs: number,
  cs: number,
  out?: FloatArray,
): FloatArray {
  const Bp = out && out.length >= roundUp4(N) * K ? out : alloc(src, roundUp4(N) * K);
  for (let j0 = 0; j0 < N; j0 += NR) {
    const base = j0 * K;
    for (let c = 0; c < NR; c++) {
      const j = j0 + c;
      if (j >= N) {
        for (let k = 0; k < K; k++) Bp[base + NR * k + c] = 0;
        continue;
      }
      const s = off + j * cs;
      for (let k = 0; k < K; k++) Bp[base + NR * k + c] = src[s + k * rs];
    }
  }
  return Bp;
}

/** C[cOff + i·ldc + j] (+)= Σ_k A[i, k] · B[k, j] over packed panels. */
export function gemmPacked(
  M: number,
  N: number,
  K: number,
  Ap: FloatArray,
  Bp: FloatArray,
  C: FloatArray,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  const Mfull = M & ~3;
  for (let j0 = 0; j0 < N; j0 += NR) {
    const bb = j0 * K;
    for (let i0 = 0; i0 < Mfull; i0 += MR) {
      const ab = i0 * K;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let k = 0; k < K; k++) {
        const a = ab + 4 * k,
          b = bb + 4 * k;
        const b0 = Bp[b],
          b1 = Bp[b + 1],
          b2 = Bp[b + 2],
          b3 = Bp[b + 3];
        let av = Ap[a];
        c00 += av * b0;
        c01 += av * b1;
        c02 += av * b2;
        c03 += av * b3;
        av = Ap[a + 1];
        c10 += av * b0;
        c11 += av * b1;
        c12 += av * b2;
        c13 += av * b3;
        av = Ap[a + 2];
        c20 += av * b0;
        c21 += av * b1;
        c22 += av * b2;
        c23 += av * b3;
        av = Ap[a + 3];
        c30 += av * b0;
        c31 += av * b1;
        c32 += av * b2;
        c33 += av * b3;
      }
      if (j0 + NR <= N) {
        let o = cOff + i0 * ldc + j0;
        if (accumulate) {
          C[o] += c00;
          C[o + 1] += c01;
          C[o + 2] += c02;
          C[o + 3] += c03;
          o += ldc;
          C[o] += c10;
          C[o + 1] += c11;
          C[o + 2] += c12;
          C[o + 3] += c13;
          o += ldc;
          C[o] += c20;
          C[o + 1] += c21;
          C[o + 2] += c22;
          C[o + 3] += c23;
          o += ldc;
          C[o] += c30;
          C[o + 1] += c31;
          C[o + 2] += c32;
          C[o + 3] += c33;
        } else {
          C[o] = c00;
          C[o + 1] = c01;
          C[o + 2] = c02;
          C[o + 3] = c03;
          o += ldc;
          C[o] = c10;
          C[o + 1] = c11;
          C[o + 2] = c12;
          C[o + 3] = c13;
          o += ldc;
          C[o] = c20;
          C[o + 1] = c21;
          C[o + 2] = c22;
          C[o + 3] = c23;
          o += ldc;
          C[o] = c30;
          C[o + 1] = c31;
          C[o + 2] = c32;
          C[o + 3] = c33;
        }
        continue;
      }
      store(C, cOff + i0 * ldc + j0, ldc, 4, N - j0, accumulate, [
        c00,
        c01,
        c02,
        c03,
        c10,
        c11,
        c12,
        c13,
        c20,
        c21,
        c22,
        c23,
        c30,
        c31,
        c32,
        c33,
      ]);
    }
    // the last 1-3 rows: a 1×4 kernel per row, so no flops go to the zero padding of A
    for (let i = Mfull; i < M; i++) {
      const ab = Mfull * K + (i - Mfull);
      let c0 = 0,
        c1 = 0,
        c2 = 0,
        c3 = 0;
      for (let k = 0; k < K; k++) {
        const av = Ap[ab + 4 * k],
          b = bb + 4 * k;
        c0 += av * Bp[b];
        c1 += av * Bp[b + 1];
        c2 += av * Bp[b + 2];
        c3 += av * Bp[b + 3];
      }
      const o = cOff + i * ldc + j0;
      if (j0 + NR > N) store(C, o, ldc, 1, N - j0, accumulate, [c0, c1, c2, c3]);
      else if (accumulate) {
        C[o] += c0;
        C[o + 1] += c1;
        C[o + 2] += c2;
        C[o + 3] += c3;
      } else {
        C[o] = c0;
        C[o + 1] = c1;
        C[o + 2] = c2;
        C[o + 3] = c3;
      }
    }
  }
}

/** Writes a rows × min(cols, 4) corner of a 4-wide block (edge blocks only). */
function store(
  C: FloatArray,
  o: number,
  ldc: number,
  rows: number,
  cols: number,
  accumulate: boolean,
  blk: number[],
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < NR && c < cols; c++) {
      const at = o + r * ldc + c;
      C[at] = accumulate ? C[at] + blk[r * NR + c] : blk[r * NR + c];
    }
  }
}
