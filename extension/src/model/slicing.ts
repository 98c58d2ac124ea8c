/**
 * N-D slicing for the map grid (an H5Web-style dimension mapper, reduced to what a grid of heatmaps needs).
 *
 * A row-major tensor of shape [d0, ..., d(r-1)] is shown as a grid of 2-D maps over its last two axes
 * (H, W). One more axis, the *grid axis*, lays maps side by side; every other leading axis gets a slicer
 * that picks one index. The flat offset of element (i0, ..., i(r-1)) is Σ_k i_k · stride_k with
 * stride_k = Π_{j>k} d_j.
 */

export interface MapSelection {
  /** Axis laid out as the grid (one map per index), or null when the tensor is a single 2-D map. */
  gridAxis: number | null;
  /** Fixed index for each leading axis that is neither the grid axis nor H/W (key: axis). */
  fixed: Record<number, number>;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    s[k] = acc;
    acc *= shape[k];
  }
  return s;
}

/** Default grid axis: none for 2-D; for filters (O, 1, kh, kw) the O axis; else the axis just before H. */
export function defaultGridAxis(shape: readonly number[]): number | null {
  const r = shape.length;
  if (r <= 2) return null;
  if (r >= 4 && shape[r - 3] === 1) return r - 4;
  return r - 3;
}

/** Axes that need a slicer (leading axes other than the grid axis). */
export function slicerAxes(shape: readonly number[], gridAxis: number | null): number[] {
  const out: number[] = [];
  for (let k = 0; k < shape.length - 2; k++) if (k !== gridAxis) out.push(k);
  return out;
}

/** A selection with every slicer at index 0. */
export function initialSelection(shape: readonly number[], gridAxis = defaultGridAxis(shape)): MapSelection {
  const fixed: Record<number, number> = {};
  for (const k of slicerAxes(shape, gridAxis)) fixed[k] = 0;
  return { gridAxis, fixed };
}

/** Number of maps in the grid. */
export const mapCount = (shape: readonly number[], sel: MapSelection): number =>
  sel.gridAxis === null ? 1 : shape[sel.gridAxis];

/** Full index (all leading axes) of grid map `m` under a selection; H/W excluded. */
export function mapIndex(shape: readonly number[], sel: MapSelection, m: number): number[] {
  const idx: number[] = [];
  for (let k = 0; k < shape.length - 2; k++) idx.push(k === sel.gridAxis ? m : (sel.fixed[k] ?? 0));
  return idx;
}

/** Copy grid map `m` (H x W values, row-major) out of the flat data. */
export function extractMap(
  data: ArrayLike<number>,
  shape: readonly number[],
  sel: MapSelection,
  m: number,
): Float64Array {
  const r = shape.length;
  const h = r >= 2 ? shape[r - 2] : 1;
  const w = shape[r - 1] ?? 1;
  const strides = stridesOf(shape);
  const lead = mapIndex(shape, sel, m);
  let base = 0;
  for (let k = 0; k < lead.length; k++) base += lead[k] * strides[k];
  const out = new Float64Array(h * w);
  for (let i = 0; i < h * w; i++) out[i] = data[base + i];
  return out;
}
