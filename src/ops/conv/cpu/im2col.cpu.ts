/**
 * im2col / col2im over a chunk of output positions [l0, l1) (flat over the three lifted spatial dims).
 *
 *   cols[colsOff + (c·K + t)·len + (l − l0)] = x[xOff + c·inLen + i(l, t)]   (0 in the padding)
 *
 * Working on a chunk keeps the column buffer bounded (and in cache) however large the image: the fast
 * kernels loop chunk by chunk, handing each one to the gemm. col2im is the adjoint: it adds every column
 * entry back onto the input position it was read from. For every tap and output row the valid range of
 * the innermost dim is computed once (validRange), so the inner loops carry no bounds tests.
 */
import type { FloatArray } from "../../../core/dtype";
import { validRange, type ConvGeometry3d } from "../geometry/conv_geometry_3d";

/** row: c·K + t; jw: the chunk column of ow = 0 in this output row (column of ow = jw + ow) */
type RowFn = (row: number, jw: number, src: number, a: number, b: number, ow0: number, ow1: number) => void;

/** Calls fn for each (channel, tap, output row piece) of the chunk: src = −1 for a row in the padding. */
function forEachRow(g: ConvGeometry3d, channels: number, xOff: number, l0: number, l1: number, fn: RowFn): void {
  const [ID, IH, IW] = g.inS,
    [, OH, OW] = g.out,
    [s0, s1, s2] = g.s;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const xc = xOff + c * g.inLen;
    for (let kd = 0; kd < g.k[0]; kd++) {
      const offD = kd * g.dil[0] - g.pad[0];
      for (let kh = 0; kh < g.k[1]; kh++) {
        const offH = kh * g.dil[1] - g.pad[1];
        for (let kw = 0; kw < g.k[2]; kw++, row++) {
          const offW = kw * g.dil[2] - g.pad[2];
          const [wlo, whi] = validRange(offW, s2, IW, OW);
          let l = l0;
          while (l < l1) {
            const r = Math.floor(l / OW),
              ow0 = l - r * OW,
              ow1 = Math.min(OW, ow0 + (l1 - l));
            const oh = r % OH,
              od = (r - oh) / OH;
            const id = od * s0 + offD,
              ih = oh * s1 + offH;
            const jw = r * OW - l0;
            if (id < 0 || id >= ID || ih < 0 || ih >= IH) fn(row, jw, -1, ow0, ow0, ow0, ow1);
            else {
              const a = Math.min(Math.max(ow0, wlo), ow1),
                b = Math.max(a, Math.min(ow1, whi));
              fn(row, jw, xc + (id * IH + ih) * IW + offW, a, b, ow0, ow1);
            }
            l += ow1 - ow0;
          }
        }
      }
    }
  }
}

export function im2col(
  g: ConvGeometry3d,
  channels: number,
  x: FloatArray,
  xOff: number,
  cols: FloatArray,
  colsOff: number,
  l0: number,
  l1: number,
): void {
  const s2 = g.s[2],
    len = l1 - l0;
  forEachRow(g, channels, xOff, l0, l1, (row, jw, src, a, b, ow0, ow1) => {
    const base = colsOff + row * len + jw;
    for (let ow = ow0; ow < a; ow++) cols[base + ow] = 0;
    if (s2 === 1) for (let ow = a; ow < b; ow++) cols[base + ow] = x[src + ow];
    else for (let ow = a; ow < b; ow++) cols[base + ow] = x[src + ow * s2];
    for (let ow = b; ow < ow1; ow++) cols[base + ow] = 0;
  });
}

export function col2im(
  g: ConvGeometry3d,
  channels: number,
  cols: FloatArray,
  colsOff: number,
  l0: number,
  l1: number,
  x: FloatArray,
  xOff: number,
): void {
  const s2 = g.s[2],
    len = l1 - l0;
  forEachRow(g, channels, xOff, l0, l1, (row, jw, src, a, b) => {
    const base = colsOff + row * len + jw;
    if (s2 === 1) for (let ow = a; ow < b; ow++) x[src + ow] += cols[base + ow];
    else for (let ow = a; ow < b; ow++) x[src + ow * s2] += cols[base + ow];
  });
}

/**
 * im2col straight into the 4-column panels of gemm_packed's packB layout (rows = channels·K, columns =
 * the chunk's output positions, zero-padded to a multiple of 4): Bp[(j >> 2)·4·rows + 4·row + (j & 3)].
 * The forward conv's hot loop, so written out without the per-row callback of forEachRow.
 */
export function im2colPacked(
  g: ConvGeometry3d,
  channels: number,
  x: FloatArray,
  xOff: number,
  Bp: FloatArray,
  l0: number,
  l1: number,
): void {
  const [ID, IH, IW] = g.inS,
    [, OH, OW] = g.out,
    [s0, s1, s2] = g.s,
    [k0, k1, k2] = g.k;
  const rows4 = 4 * channels * g.K,
    len = l1 - l0;
  let r4 = 0;
  for (let c = 0; c < channels; c++) {
    const xc = xOff + c * g.inLen;
    for (let kd = 0; kd < k0; kd++) {
      const offD = kd * g.dil[0] - g.pad[0];
      for (let kh = 0; kh < k1; kh++) {
        const offH = kh * g.dil[1] - g.pad[1];
        for (let kw = 0; kw < k2; kw++, r4 += 4) {
          const offW = kw * g.dil[2] - g.pad[2];
          const [wlo, whi] = validRange(offW, s2, IW, OW);
          let l = l0;
          while (l < l1) {
            const r = Math.floor(l / OW),
              ow0 = l - r * OW,
              ow1 = Math.min(OW, ow0 + (l1 - l));
            const oh = r % OH,
              od = (r - oh) / OH;
            const id = od * s0 + offD,
              ih = oh * s1 + offH;
            const jw = r * OW - l0;
            let a = ow1,
              b = ow1,
              src = 0;
            if (id >= 0 && id < ID && ih >= 0 && ih < IH) {
              a = Math.min(Math.max(ow0, wlo), ow1);
              b = Math.max(a, Math.min(ow1, whi));
              src = xc + (id * IH + ih) * IW + offW;
            } else a = b = ow0;
            let ow = ow0;
            for (; ow < a; ow++) {
              const j = jw + ow;
              Bp[(j >> 2) * rows4 + r4 + (j & 3)] = 0;
            }
            for (; ow < b; ow++) {
              const j = jw + ow;
              Bp[(j >> 2) * rows4 + r4 + (j & 3)] = x[src + ow * s2];
            }
            for (; ow < ow1; ow++) {
              const j = jw + ow;
              Bp[(j >> 2) * rows4 + r4 + (j & 3)] = 0;
            }
            l += ow1 - ow0;
          }
        }
      }
    }
  }
  // the padding columns of the last panel
  for (let j = len; j < ((len + 3) & ~3); j++)
    for (let q = 0; q < rows4; q += 4) Bp[(j >> 2) * rows4 + q + (j & 3)] = 0;
}

/**
 * The transposed column matrix colsᵀ (chunk positions × channels·K) straight into packB's 4-column panels
 * — the B operand of the weight gradient dW = dY · colsᵀ: Bp[(row >> 2)·4·len + 4·(l − l0) + (row & 3)],
 * the panel columns past channels·K zero.
 */
export function im2colPackedT(
  g: ConvGeometry3d,
  channels: number,
  x: FloatArray,
  xOff: number,
  Bp: FloatArray,
  l0: number,
  l1: number,
): void {
  const s2 = g.s[2],
    len4 = 4 * (l1 - l0),
    rows = channels * g.K;
  forEachRow(g, channels, xOff, l0, l1, (row, jw, src, a, b, ow0, ow1) => {
    const base = (row >> 2) * len4 + (row & 3) + 4 * jw;
    for (let ow = ow0; ow < a; ow++) Bp[base + 4 * ow] = 0;
    for (let ow = a; ow < b; ow++) Bp[base + 4 * ow] = x[src + ow * s2];
    for (let ow = b; ow < ow1; ow++) Bp[base + 4 * ow] = 0;
  });
  for (let row = rows; row < ((rows + 3) & ~3); row++) {
    const base = (row >> 2) * len4 + (row & 3);
    for (let j = 0; j < len4; j += 4) Bp[base + j] = 0;
  }
}
