/**
 * im2col / col2im over a chunk of output positions [l0, l1) (flat over the three lifted spatial dims),
 * the wasm twins of src/ops/conv/im2col.ts, written for the 8-column panels of gemm.ts:
 *   PACK   (conv B operand):  Bp[(j >> 3)·8·rows + 8·row + (j & 7)]   = x(row = c·K + t, column j = l − l0)
 *   PACK_T (dL/dw B operand): Bp[(row' >> 3)·8·len + 8·j + (row' & 7)] = x(row, j), row' = row − r0
 *   COL2IM (dL/dx):           x(row, j) += cols[row·len + j]
 *   ROWS   (PACK_T's first step): rows[row'·len + j] = x(row, j)
 * PACK_T copies the rows row-major into the staging area after Bp (runs of a row are contiguous there:
 * one memory.copy each), then transposes them into the panels four rows by four columns at a time — a
 * value-by-value scatter 32 bytes apart cost several times more (LeNet C1's and VGG1's dL/dw).
 * The destination of PACK / ROWS is zeroed first (memory.fill), so only in-bounds taps are written;
 * for each tap and output row the valid range of the innermost dim is computed once, so the copy
 * loops carry no bounds tests, and a stride-1 run is copied 8 values (one panel row) at a time.
 */
import { gi, validHi, validLo, G_DIL, G_IN, G_INLEN, G_K, G_KK, G_OUT, G_PAD, G_S } from "./geom";
import { rowsToPanels } from "./panels";

export const PACK = 0,
  PACK_T = 1,
  COL2IM = 2,
  ROWS = 3;

/** One run: taps of row `row` for output columns j = jw + ow, ow in [a, b), reading src + ow·s2. */
function run(
  mode: i32,
  row: i32,
  jw: i32,
  src: usize,
  a: i32,
  b: i32,
  s2: i32,
  dst: usize,
  rows: i32,
  len: i32,
  r0: i32,
): void {
  if (mode == PACK) {
    const rows8 = rows << 3;
    let ow = a;
    for (; ow < b && ((jw + ow) & 7) != 0; ow++) {
      const j = jw + ow;
      store<f32>(
        dst + ((<usize>((j >> 3) * rows8 + (row << 3) + (j & 7))) << 2),
        load<f32>(src + ((<usize>(ow * s2)) << 2)),
      );
    }
    if (s2 == 1) {
      for (; ow + 8 <= b; ow += 8) {
        const d = dst + ((<usize>(((jw + ow) >> 3) * rows8 + (row << 3))) << 2),
          s = src + ((<usize>ow) << 2);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
      }
    }
    for (; ow < b; ow++) {
      const j = jw + ow;
      store<f32>(
        dst + ((<usize>((j >> 3) * rows8 + (row << 3) + (j & 7))) << 2),
        load<f32>(src + ((<usize>(ow * s2)) << 2)),
      );
    }
  } else if (mode == ROWS) {
    const d = dst + ((<usize>(row * len + jw)) << 2); // row: relative to r0 here, as for PACK
    if (s2 == 1) memory.copy(d + ((<usize>a) << 2), src + ((<usize>a) << 2), (<usize>(b - a)) << 2);
    else for (let ow = a; ow < b; ow++) store<f32>(d + ((<usize>ow) << 2), load<f32>(src + ((<usize>(ow * s2)) << 2)));
  } else {
    const c = dst + ((<usize>(row * len + jw)) << 2);
    for (let ow = a; ow < b; ow++) {
      const p = src + ((<usize>(ow * s2)) << 2);
      store<f32>(p, load<f32>(p) + load<f32>(c + ((<usize>ow) << 2)));
    }
  }
}

/**
 * Walks every (channel, tap, output row piece) of the chunk for rows [r0, r1) of channels·K and runs
 * `mode` on it. x points at the first channel of the group (bytes); dst as described above.
 */
export function walk(mode: i32, g: usize, x: usize, dst: usize, l0: i32, l1: i32, r0: i32, r1: i32): void {
  if (mode == PACK_T) {
    // staged row-major after the panels (the host allocates both), then transposed into them
    const staging = dst + ((<usize>(((r1 - r0 + 7) & ~7) * (l1 - l0))) << 2);
    walk(ROWS, g, x, staging, l0, l1, r0, r1);
    rowsToPanels(staging, r1 - r0, l1 - l0, dst);
    return;
  }
  const ID = gi(g, G_IN),
    IH = gi(g, G_IN + 1),
    IW = gi(g, G_IN + 2);
  const OH = gi(g, G_OUT + 1),
    OW = gi(g, G_OUT + 2);
  const s0 = gi(g, G_S),
    s1 = gi(g, G_S + 1),
    s2 = gi(g, G_S + 2);
  const k1 = gi(g, G_K + 1),
    k2 = gi(g, G_K + 2),
    K = gi(g, G_KK),
    inLen = gi(g, G_INLEN);
  const len = l1 - l0,
    rows = r1 - r0;
  if (mode == PACK) memory.fill(dst, 0, (<usize>(((len + 7) & ~7) * rows)) << 2);
  if (mode == ROWS) memory.fill(dst, 0, (<usize>(rows * len)) << 2);
  for (let row = r0; row < r1; row++) {
    const c = row / K,
      t = row - c * K;
    const kd = t / (k1 * k2),
      kh = (t / k2) % k1,
      kw = t % k2;
    const offD = kd * gi(g, G_DIL) - gi(g, G_PAD),
      offH = kh * gi(g, G_DIL + 1) - gi(g, G_PAD + 1);
    const offW = kw * gi(g, G_DIL + 2) - gi(g, G_PAD + 2);
    const wlo = min(validLo(offW, s2), OW),
      whi = max(wlo, validHi(offW, s2, IW, OW));
    const xc = x + ((<usize>(c * inLen)) << 2);
    const pr = mode == PACK || mode == ROWS ? row - r0 : row;
    let l = l0;
    while (l < l1) {
      const r = l / OW,
        ow0 = l - r * OW,
        ow1 = min(OW, ow0 + (l1 - l));
      const oh = r % OH,
        od = r / OH;
      const id = od * s0 + offD,
        ih = oh * s1 + offH;
      if (id >= 0 && id < ID && ih >= 0 && ih < IH) {
        const a = min(max(ow0, wlo), ow1),
          b = max(a, min(ow1, whi));
        if (b > a) {
          const src = xc + ((<usize>((id * IH + ih) * IW + offW)) << 2);
          run(mode, pr, r * OW - l0, src, a, b, s2, dst, rows, len, r0);
        }
      }
      l += ow1 - ow0;
    }
  }
}
