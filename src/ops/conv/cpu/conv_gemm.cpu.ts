/**
 * The fast cpu convolutions: im2col + a register-blocked gemm on packed panels (matmul/gemm_packed.ts), one batch
 * item and one group at a time, over chunks of output positions so the column buffer stays bounded
 * (CHUNK_ELEMS values) whatever the image size. Formulas: see conv_naive.cpu.ts (the reference these are tested against).
 *
 *   conv:           Y_g[n] (Og × L)    = W_g (Og × Cg·K) · cols_g[n] (Cg·K × L)
 *   convTranspose:  cols_g[n]          = W_gᵀ (Cg·K × Og) · dY_g[n] (Og × L), then col2im into dX
 *   convWeightGrad: dW_g (Og × Cg·K)   = Σ_n dY_g[n] (Og × L) · cols_g[n]ᵀ (L × Cg·K)   (colsᵀ packed directly)
 * A 1×1 kernel with stride 1 and no padding skips im2col: the input channels already are the columns.
 */
import type { FloatArray } from "../../../core/dtype";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { gemmPacked, packA, packB, roundUp4 } from "../../gemm/gemm_packed.cpu";
import { col2im, im2colPacked, im2colPackedT } from "./im2col.cpu";

/** Default bound on the values in one column buffer (≈ 2 MB of float32): keeps it in L2/L3. */
export const CHUNK_ELEMS = 1 << 19;

function chunkLen(rows: number, L: number, elems: number): number {
  return Math.max(1, Math.min(L, Math.floor(elems / Math.max(1, rows))));
}

const alloc = (like: FloatArray, n: number): FloatArray =>
  like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);

function isPointwise(g: ConvGeometry3d): boolean {
  return g.K === 1 && g.s.every((s) => s === 1) && g.pad.every((p) => p === 0) && g.L === g.inLen;
}

/**
 * y = conv(x, w) restricted to the flat output range [f0, f1) of (n, group, position) — the whole output by
 * default; conv_threads.cpu.ts hands disjoint ranges to worker threads.
 */
export function convFast(
  g: ConvGeometry3d,
  x: FloatArray,
  w: FloatArray,
  y: FloatArray,
  chunkElems = CHUNK_ELEMS,
  f0 = 0,
  f1 = g.N * g.G * g.L,
): void {
  const CK = g.Cg * g.K,
    chunk = chunkLen(CK, g.L, chunkElems),
    pointwise = isPointwise(g);
  // A = W_g (Og × CK), packed once per group
  const Ap = Array.from({ length: g.G }, (_, grp) => packA(g.Og, CK, w, grp * g.Og * CK, CK, 1));
  const Bp = alloc(y, roundUp4(chunk) * CK);
  for (let ng = Math.floor(f0 / g.L); ng * g.L < f1; ng++) {
    const n = Math.floor(ng / g.G),
      grp = ng % g.G;
    const xOff = (n * g.C + grp * g.Cg) * g.inLen,
      yOff = (n * g.O + grp * g.Og) * g.L;
    const lEnd = Math.min(g.L, f1 - ng * g.L);
    for (let l0 = Math.max(0, f0 - ng * g.L); l0 < lEnd; l0 += chunk) {
      const len = Math.min(chunk, lEnd - l0);
      // B = cols (CK × len): for a 1×1 kernel the input channels already are the columns
      if (pointwise) packB(CK, len, x, xOff + l0, g.inLen, 1, Bp);
      else im2colPacked(g, g.Cg, x, xOff, Bp, l0, l0 + len);
      gemmPacked(g.Og, len, CK, Ap[grp], Bp, y, yOff + l0, g.L, false);
    }
  }
}

/** dx = convTranspose(dy, w) for the (n, group) blocks [b0, b1) of dx (all by default). */
export function convTransposeFast(
  g: ConvGeometry3d,
  dy: FloatArray,
  w: FloatArray,
  dx: FloatArray,
  chunkElems = CHUNK_ELEMS,
  b0 = 0,
  b1 = g.N * g.G,
): void {
  const CK = g.Cg * g.K,
    chunk = chunkLen(CK, g.L, chunkElems),
    pointwise = isPointwise(g);
  // A = W_gᵀ (CK × Og): A[ck, o] = w[o·CK + ck]
  const Ap = Array.from({ length: g.G }, (_, grp) => packA(CK, g.Og, w, grp * g.Og * CK, 1, CK));
  const Bp = alloc(dx, roundUp4(chunk) * g.Og);
  const cols = alloc(dx, pointwise ? 0 : CK * chunk);
  for (let ng = b0; ng < b1; ng++) {
    const n = Math.floor(ng / g.G),
      grp = ng % g.G;
    const xOff = (n * g.C + grp * g.Cg) * g.inLen,
      yOff = (n * g.O + grp * g.Og) * g.L;
    dx.fill(0, xOff, xOff + g.Cg * g.inLen); // col2im accumulates: each block starts from zero
    for (let l0 = 0; l0 < g.L; l0 += chunk) {
      const len = Math.min(chunk, g.L - l0);
      packB(g.Og, len, dy, yOff + l0, g.L, 1, Bp); // B = dY_g[:, chunk] (Og × len)
      if (pointwise) {
        gemmPacked(CK, len, g.Og, Ap[grp], Bp, dx, xOff + l0, g.inLen, false);
        continue;
      }
      gemmPacked(CK, len, g.Og, Ap[grp], Bp, cols, 0, len, false);
      col2im(g, g.Cg, cols, 0, l0, l0 + len, dx, xOff);
    }
  }
}

/** dw = convWeightGrad(x, dy) for the output channels [o0, o1) (all by default); sums over the batch. */
export function convWeightGradFast(
  g: ConvGeometry3d,
  x: FloatArray,
  dy: FloatArray,
  dw: FloatArray,
  chunkElems = CHUNK_ELEMS,
  o0 = 0,
  o1 = g.O,
): void {
  const CK = g.Cg * g.K,
    chunk = chunkLen(CK, g.L, chunkElems),
    pointwise = isPointwise(g);
  const ApBuf = alloc(dw, roundUp4(g.Og) * chunk),
    BpBuf = alloc(dw, roundUp4(CK) * chunk);
  dw.fill(0, o0 * CK, o1 * CK);
  for (let grp = Math.floor(o0 / g.Og); grp * g.Og < o1; grp++) {
    const r0 = Math.max(0, o0 - grp * g.Og),
      r1 = Math.min(g.Og, o1 - grp * g.Og);
    for (let n = 0; n < g.N; n++) {
      const xOff = (n * g.C + grp * g.Cg) * g.inLen,
        yOff = (n * g.O + grp * g.Og + r0) * g.L;
      for (let l0 = 0; l0 < g.L; l0 += chunk) {
        const len = Math.min(chunk, g.L - l0);
        const Ap = packA(r1 - r0, len, dy, yOff + l0, g.L, 1, ApBuf); // A = dY_g[r0:r1, chunk]
        // B = cols_gᵀ (len × CK), written straight into packed panels
        if (pointwise) packB(len, CK, x, xOff + l0, 1, g.inLen, BpBuf);
        else im2colPackedT(g, g.Cg, x, xOff, BpBuf, l0, l0 + len);
        gemmPacked(r1 - r0, CK, len, Ap, BpBuf, dw, (grp * g.Og + r0) * CK, CK, true);
      }
    }
  }
}
