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
import type { FloatArray } from "../../core/dtype";
import { validRange, type Geom3 } from "./conv3";

type RowFn = (dst: number, src: number, a: number, b: number, ow0: number, ow1: number) => void;

/** Calls fn for each (channel, tap, output row piece) of the chunk: src = −1 for a row in the padding. */
function forEachRow(g: Geom3, channels: number, xOff: number, colsOff: number, l0: number, l1: number, fn: RowFn): void {
  const [ID, IH, IW] = g.inS, [, OH, OW] = g.out, [s0, s1, s2] = g.s;
  const len = l1 - l0;
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
          const dst = colsOff + row * len - l0;
          let l = l0;
          while (l < l1) {
            const r = Math.floor(l / OW), ow0 = l - r * OW, ow1 = Math.min(OW, ow0 + (l1 - l));
            const oh = r % OH, od = (r - oh) / OH;
            const id = od * s0 + offD, ih = oh * s1 + offH;
            const base = dst + r * OW; // cols index of (row, ow) = base + ow
            if (id < 0 || id >= ID || ih < 0 || ih >= IH) fn(base, -1, ow0, ow0, ow0, ow1);
            else {
              const a = Math.min(Math.max(ow0, wlo), ow1), b = Math.max(a, Math.min(ow1, whi));
              fn(base, xc + (id * IH + ih) * IW + offW, a, b, ow0, ow1);
            }
            l += ow1 - ow0;
          }
        }
      }
    }
  }
}

export function im2col(
  g: Geom3, channels: number, x: FloatArray, xOff: number, cols: FloatArray, colsOff: number, l0: number, l1: number,
): void {
  const s2 = g.s[2];
  forEachRow(g, channels, xOff, colsOff, l0, l1, (base, src, a, b, ow0, ow1) => {
    for (let ow = ow0; ow < a; ow++) cols[base + ow] = 0;
    if (s2 === 1) for (let ow = a; ow < b; ow++) cols[base + ow] = x[src + ow];
    else for (let ow = a; ow < b; ow++) cols[base + ow] = x[src + ow * s2];
    for (let ow = b; ow < ow1; ow++) cols[base + ow] = 0;
  });
}

export function col2im(
  g: Geom3, channels: number, cols: FloatArray, colsOff: number, l0: number, l1: number, x: FloatArray, xOff: number,
): void {
  const s2 = g.s[2];
  forEachRow(g, channels, xOff, colsOff, l0, l1, (base, src, a, b) => {
    if (s2 === 1) for (let ow = a; ow < b; ow++) x[src + ow] += cols[base + ow];
    else for (let ow = a; ow < b; ow++) x[src + ow * s2] += cols[base + ow];
  });
}
