/**
 * The im2col convolutions on the packed GEMM, the wasm twins of src/ops/conv/cpu/conv_gemm.cpu.ts. Each call
 * computes one thread's share of the output; shares are disjoint and the arithmetic of an output element
 * does not depend on the share, so any split gives the same bits (see gemm.ts).
 *   convForward:   Y_g[n] (Og × L) = W_g (Og × Cg·K) · cols_g[n],      share: flat (n, group, l) range
 *   convCols:      cols_g[n] = W_gᵀ · dY_g[n], then col2im into dX,    share: (n, group) blocks
 *   convWeightGrad dW_g (Og × Cg·K) = Σ_n dY_g[n] · cols_g[n]ᵀ,       share: 8-column panels of Cg·K
 * `chunk` columns of the column matrix are built at a time (its panel stays in L2); Ap is W packed by
 * the host once per call for every group (packA), Bp / cols this thread's scratch.
 */
import { gi, G_C, G_CG, G_G, G_INLEN, G_KK, G_L, G_N, G_O, G_OG } from "./geom";
import { gemm, packA, MR } from "./gemm";
import { walk, COL2IM, PACK, PACK_T } from "./im2col";

// @ts-ignore: decorator
@inline function f32s(n: i32): usize { return <usize>n << 2; }

/** Bytes of one group's packed A (rows rounded up to the 6-row panels). */
export function packedRowsBytes(rows: i32, depth: i32): usize {
  return f32s(((rows + MR - 1) / MR) * MR * depth);
}

export function convForward(g: usize, x: usize, Ap: usize, y: usize, f0: i32, f1: i32, Bp: usize, chunk: i32): void {
  const G = gi(g, G_G), Cg = gi(g, G_CG), Og = gi(g, G_OG), L = gi(g, G_L), CK = Cg * gi(g, G_KK);
  const inLen = gi(g, G_INLEN), C = gi(g, G_C), O = gi(g, G_O);
  const aBytes = packedRowsBytes(Og, CK);
  for (let ng = f0 / L; ng * L < f1; ng++) {
    const n = ng / G, grp = ng % G;
    const xg = x + f32s((n * C + grp * Cg) * inLen), yg = y + f32s((n * O + grp * Og) * L);
    const lEnd = min(L, f1 - ng * L);
    for (let l0 = max(0, f0 - ng * L); l0 < lEnd; l0 += chunk) {
      const len = min(chunk, lEnd - l0);
      walk(PACK, g, xg, Bp, l0, l0 + len, 0, CK);
      gemm(Og, len, CK, Ap + <usize>grp * aBytes, Bp, yg + f32s(l0), L, false);
    }
  }
}

/** dX for the (n, group) blocks [b0, b1): Ap = W_gᵀ packed (CK × Og) per group. */
export function convCols(g: usize, dy: usize, Ap: usize, dx: usize, b0: i32, b1: i32, Bp: usize, cols: usize, chunk: i32): void {
  const G = gi(g, G_G), Cg = gi(g, G_CG), Og = gi(g, G_OG), L = gi(g, G_L), CK = Cg * gi(g, G_KK);
  const inLen = gi(g, G_INLEN), C = gi(g, G_C), O = gi(g, G_O);
  const aBytes = packedRowsBytes(CK, Og);
  for (let ng = b0; ng < b1; ng++) {
    const n = ng / G, grp = ng % G;
    const xg = dx + f32s((n * C + grp * Cg) * inLen), yg = dy + f32s((n * O + grp * Og) * L);
    memory.fill(xg, 0, f32s(Cg * inLen)); // col2im accumulates: each block starts from zero
    for (let l0 = 0; l0 < L; l0 += chunk) {
      const len = min(chunk, L - l0);
      packB_rows(Og, len, yg + f32s(l0), L, Bp);
      gemm(CK, len, Og, Ap + <usize>grp * aBytes, Bp, cols, len, false);
      walk(COL2IM, g, xg, cols, l0, l0 + len, 0, CK);
    }
  }
}

/** B = dY_g[:, chunk] (Og × len, rows L apart) into 8-column panels. */
function packB_rows(rows: i32, len: i32, src: usize, ld: i32, dst: usize): void {
  // gemm.packB, inlined here to keep the import list short
  for (let j0 = 0; j0 < len; j0 += 8) {
    const base = dst + f32s(j0 * rows);
    const full = j0 + 8 <= len;
    for (let k = 0; k < rows; k++) {
      const s = src + f32s(k * ld + j0), d = base + f32s(8 * k);
      if (full) {
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      } else {
        for (let c = 0; c < 8; c++) store<f32>(d + f32s(c), j0 + c < len ? load<f32>(s + f32s(c)) : 0);
      }
    }
  }
}

/**
 * dW for the rows [m0, m1) of Og (multiples of 6 except the end) and the columns [p0, p1) of Cg·K
 * (multiples of 8 except the end) in every group; Ap, Bp scratch. A thread's share is a block of rows
 * or of columns: it packs its rows of A (dY) and its columns of B (colsᵀ) only. Sums over n and over
 * chunks of L in a fixed order, so the bits do not depend on the split.
 */
export function convWeightGrad(g: usize, x: usize, dy: usize, dw: usize, m0: i32, m1: i32, p0: i32, p1: i32, Ap: usize, Bp: usize, chunk: i32): void {
  const N = gi(g, G_N), G = gi(g, G_G), Cg = gi(g, G_CG), Og = gi(g, G_OG), L = gi(g, G_L), CK = Cg * gi(g, G_KK);
  const inLen = gi(g, G_INLEN), C = gi(g, G_C), O = gi(g, G_O), M = m1 - m0;
  for (let grp = 0; grp < G; grp++) {
    const dwg = dw + f32s((grp * Og + m0) * CK + p0);
    for (let o = 0; o < M; o++) memory.fill(dwg + f32s(o * CK), 0, f32s(p1 - p0));
    for (let n = 0; n < N; n++) {
      const xg = x + f32s((n * C + grp * Cg) * inLen), yg = dy + f32s((n * O + grp * Og + m0) * L);
      for (let l0 = 0; l0 < L; l0 += chunk) {
        const len = min(chunk, L - l0);
        packA(M, len, yg + f32s(l0), L, 1, Ap); // A = dY_g[m0:m1, chunk] (M × len)
        walk(PACK_T, g, xg, Bp, l0, l0 + len, p0, p1); // B = cols_gᵀ (len × [p0, p1))
        gemm(M, p1 - p0, len, Ap, Bp, dwg, CK, true);
      }
    }
  }
}
