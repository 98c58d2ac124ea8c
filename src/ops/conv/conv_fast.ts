/**
 * The fast cpu convolutions: im2col + the cache-blocked gemm, one batch item and one group at a time,
 * over chunks of output positions so the column buffer stays bounded (CHUNK_ELEMS values) whatever the
 * image size. Formulas: see conv_naive.ts (the reference these are tested against).
 *
 *   conv:           Y_g[n] (Og × L)    = W_g (Og × Cg·K) · cols_g[n] (Cg·K × L)
 *   convTranspose:  cols_g[n]          = W_gᵀ (Cg·K × Og) · dY_g[n] (Og × L), then col2im into dX
 *   convWeightGrad: dW_g (Og × Cg·K)   = Σ_n dY_g[n] (Og × L) · cols_g[n]ᵀ (L × Cg·K)
 * A 1×1 kernel with stride 1 and no padding skips im2col: the input channels already are the columns.
 */
import type { FloatArray } from "../../core/dtype";
import { gemm } from "../matmul/gemm";
import type { Geom3 } from "./conv3";
import { col2im, im2col } from "./im2col";

/** Default bound on the values in one column buffer (≈ 2 MB of float32): keeps it in L2/L3. */
export const CHUNK_ELEMS = 1 << 19;

function chunkLen(rows: number, L: number, elems: number): number {
  return Math.max(1, Math.min(L, Math.floor(elems / Math.max(1, rows))));
}

const alloc = (like: FloatArray, n: number): FloatArray => (like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n));

function isPointwise(g: Geom3): boolean {
  return g.K === 1 && g.s.every((s) => s === 1) && g.pad.every((p) => p === 0) && g.L === g.inLen;
}

/** Copies columns [l0, l0+len) of `rows` rows of length L (from src at off) into a dense rows × len block. */
function copyCols(src: FloatArray, off: number, rows: number, L: number, l0: number, len: number, dst: FloatArray): void {
  for (let r = 0; r < rows; r++) dst.set(src.subarray(off + r * L + l0, off + r * L + l0 + len), r * len);
}

export function convFast(g: Geom3, x: FloatArray, w: FloatArray, y: FloatArray, chunkElems = CHUNK_ELEMS): void {
  const CK = g.Cg * g.K, chunk = chunkLen(CK, g.L, chunkElems), pointwise = isPointwise(g);
  const cols = pointwise ? x : alloc(y, CK * chunk);
  const tmp = chunk < g.L ? alloc(y, g.Og * chunk) : y;
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < g.G; grp++) {
      const xOff = (n * g.C + grp * g.Cg) * g.inLen, yOff = (n * g.O + grp * g.Og) * g.L, wOff = grp * g.Og * CK;
      if (pointwise) {
        gemm(g.Og, g.L, CK, w, wOff, x, xOff, y, yOff);
        continue;
      }
      for (let l0 = 0; l0 < g.L; l0 += chunk) {
        const len = Math.min(chunk, g.L - l0);
        im2col(g, g.Cg, x, xOff, cols, 0, l0, l0 + len);
        if (len === g.L) {
          gemm(g.Og, len, CK, w, wOff, cols, 0, y, yOff);
          continue;
        }
        gemm(g.Og, len, CK, w, wOff, cols, 0, tmp, 0);
        for (let o = 0; o < g.Og; o++) y.set(tmp.subarray(o * len, (o + 1) * len), yOff + o * g.L + l0);
      }
    }
  }
}

/** Per group, Wᵀ as a dense (Cg·K × Og) block. */
function transposedWeights(g: Geom3, w: FloatArray): FloatArray {
  const CK = g.Cg * g.K, wT = alloc(w, w.length);
  for (let grp = 0; grp < g.G; grp++) {
    const base = grp * g.Og * CK;
    for (let o = 0; o < g.Og; o++) for (let r = 0; r < CK; r++) wT[base + r * g.Og + o] = w[base + o * CK + r];
  }
  return wT;
}

export function convTransposeFast(g: Geom3, dy: FloatArray, w: FloatArray, dx: FloatArray, chunkElems = CHUNK_ELEMS): void {
  const CK = g.Cg * g.K, chunk = chunkLen(CK, g.L, chunkElems), pointwise = isPointwise(g);
  const wT = transposedWeights(g, w);
  const cols = alloc(dx, pointwise ? 0 : CK * chunk);
  const dyc = chunk < g.L ? alloc(dx, g.Og * chunk) : dy;
  dx.fill(0);
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < g.G; grp++) {
      const xOff = (n * g.C + grp * g.Cg) * g.inLen, yOff = (n * g.O + grp * g.Og) * g.L, wOff = grp * CK * g.Og;
      if (pointwise) {
        gemm(CK, g.L, g.Og, wT, wOff, dy, yOff, dx, xOff);
        continue;
      }
      for (let l0 = 0; l0 < g.L; l0 += chunk) {
        const len = Math.min(chunk, g.L - l0);
        if (len < g.L) copyCols(dy, yOff, g.Og, g.L, l0, len, dyc);
        gemm(CK, len, g.Og, wT, wOff, dyc, len < g.L ? 0 : yOff, cols, 0);
        col2im(g, g.Cg, cols, 0, l0, l0 + len, dx, xOff);
      }
    }
  }
}

export function convWeightGradFast(g: Geom3, x: FloatArray, dy: FloatArray, dw: FloatArray, chunkElems = CHUNK_ELEMS): void {
  const CK = g.Cg * g.K, chunk = chunkLen(CK, g.L, chunkElems);
  const cols = alloc(dw, CK * chunk), colsT = alloc(dw, CK * chunk);
  const dyc = chunk < g.L ? alloc(dw, g.Og * chunk) : dy;
  dw.fill(0);
  for (let n = 0; n < g.N; n++) {
    for (let grp = 0; grp < g.G; grp++) {
      const xOff = (n * g.C + grp * g.Cg) * g.inLen, yOff = (n * g.O + grp * g.Og) * g.L, wOff = grp * g.Og * CK;
      for (let l0 = 0; l0 < g.L; l0 += chunk) {
        const len = Math.min(chunk, g.L - l0);
        im2col(g, g.Cg, x, xOff, cols, 0, l0, l0 + len);
        for (let r = 0; r < CK; r++) for (let j = 0; j < len; j++) colsT[j * CK + r] = cols[r * len + j];
        if (len < g.L) copyCols(dy, yOff, g.Og, g.L, l0, len, dyc);
        gemm(g.Og, CK, len, dyc, len < g.L ? 0 : yOff, colsT, 0, dw, wOff, true);
      }
    }
  }
}
