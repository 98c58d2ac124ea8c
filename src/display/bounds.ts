/**
 * Bounds that keep every payload small (docs/payload-schema.md, "Bounds"): large maps are
 * downsampled by an integer stride (nearest: every s-th element), long series are thinned, grids
 * show their first cells. Each bound returns a note so the reader knows what was dropped.
 */
import type { ArrayData } from "./payload";

export const MAX_MAP_SIDE = 256;
export const MAX_CELL_SIDE = 128;
export const MAX_GRID_CELLS = 64;
/** Values in a whole grid (all cells together): 2^18, i.e. 1 MiB of float32, 64 cells of 64x64. */
export const MAX_GRID_VALUES = 1 << 18;
export const MAX_SERIES_POINTS = 4096;
export const MAX_MATRIX_VALUES_SIDE = 16;

export interface Map2d {
  h: number;
  w: number;
  data: Float64Array;
}

/** y[i, j] = x[i·s, j·s] with s = ⌈max(H, W) / maxSide⌉; s = 1 returns the input. */
export function downsample2d(m: Map2d, maxSide: number, notes: string[], what = "map"): Map2d {
  const s = Math.ceil(Math.max(m.h, m.w) / maxSide);
  if (s <= 1) return m;
  const h = Math.ceil(m.h / s),
    w = Math.ceil(m.w / s);
  const data = new Float64Array(h * w);
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) data[i * w + j] = m.data[i * s * m.w + j * s];
  notes.push(`${what} downsampled ${m.h}x${m.w} -> ${h}x${w} (stride ${s}, nearest)`);
  return { h, w, data };
}

/** Keeps every k-th point (k = ⌈n / max⌉), always including the last one. */
export function thin<T>(xs: T[], max: number, notes: string[] | null, what = "series"): T[] {
  if (xs.length <= max) return xs;
  const k = Math.ceil(xs.length / max);
  const out = xs.filter((_, i) => i % k === 0);
  if ((xs.length - 1) % k !== 0) out.push(xs[xs.length - 1]);
  notes?.push(`${what}: showing every ${k}th of ${xs.length} points`);
  return out;
}

/** Little-endian float32 bytes in base64 (NaN and ±Inf survive, unlike JSON numbers). */
export function encodeF32(shape: number[], data: ArrayLike<number>): ArrayData {
  const f = Float32Array.from(data);
  const bytes = Buffer.alloc(f.length * 4);
  for (let i = 0; i < f.length; i++) bytes.writeFloatLE(f[i], i * 4);
  return { shape, encoding: "f32-base64", data: bytes.toString("base64") };
}

/** JSON numbers for a series: NaN/±Inf become null (a gap). */
export function seriesValues(data: ArrayLike<number>): Array<number | null> {
  return Array.from(data, (v) => (Number.isFinite(v) ? v : null));
}
