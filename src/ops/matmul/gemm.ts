/**
 * C[M,N] (+)= A[M,K] · B[K,N], all row-major and contiguous from their offsets.
 *
 * A cache-blocked kernel: K is cut into panels that keep the touched rows of B in L2, and four rows of C
 * are updated together so each loaded B value feeds four multiply-adds (V8 keeps a0..a3 in registers).
 * The cpu convolution is im2col + this gemm; `gemmNaive` is the triple loop it is tested against.
 */
import type { FloatArray } from "../../core/dtype";

const KB = 128; // K-panel: 128 rows of B (x N floats) stay hot while 4 rows of C stream over them
const NB = 1024; // N-block: bounds the length of the inner j loop's working set

export function gemm(
  M: number, N: number, K: number,
  A: FloatArray, aOff: number,
  B: FloatArray, bOff: number,
  C: FloatArray, cOff: number,
  accumulate = false,
): void {
  if (!accumulate) C.fill(0, cOff, cOff + M * N);
  for (let j0 = 0; j0 < N; j0 += NB) {
    const j1 = Math.min(N, j0 + NB);
    for (let k0 = 0; k0 < K; k0 += KB) {
      const k1 = Math.min(K, k0 + KB);
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        const c0 = cOff + i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
        const r0 = aOff + i * K, r1 = r0 + K, r2 = r1 + K, r3 = r2 + K;
        for (let k = k0; k < k1; k++) {
          const a0 = A[r0 + k], a1 = A[r1 + k], a2 = A[r2 + k], a3 = A[r3 + k];
          const b = bOff + k * N;
          for (let j = j0; j < j1; j++) {
            const bv = B[b + j];
            C[c0 + j] += a0 * bv;
            C[c1 + j] += a1 * bv;
            C[c2 + j] += a2 * bv;
            C[c3 + j] += a3 * bv;
          }
        }
      }
      for (; i < M; i++) {
        const c0 = cOff + i * N, r0 = aOff + i * K;
        for (let k = k0; k < k1; k++) {
          const a0 = A[r0 + k];
          if (a0 === 0) continue;
          const b = bOff + k * N;
          for (let j = j0; j < j1; j++) C[c0 + j] += a0 * B[b + j];
        }
      }
    }
  }
}

/** The reference triple loop (float64 accumulation). */
export function gemmNaive(
  M: number, N: number, K: number,
  A: FloatArray, aOff: number, B: FloatArray, bOff: number, C: FloatArray, cOff: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aOff + i * K + k] * B[bOff + k * N + j];
      C[cOff + i * N + j] = s;
    }
  }
}
