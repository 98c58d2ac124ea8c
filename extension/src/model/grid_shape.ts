/**
 * The N-D shape behind a grid payload, so the slicer can offer real axes.
 *
 * A `grid` payload is (cells, H, W). Filters of a conv layer, (O, I, kh, kw), arrive flattened to
 * (O·I, kh, kw) with labels "o<o>,i<i>" in row-major order (docs/payload-schema.md); when the labels say so
 * we restore the 4-D shape and the slicer can walk input channels while the grid shows output channels.
 * Anything else keeps its 3-D shape with the cell axis named after the role.
 */
import type { GridView, HeatmapView } from "../../../src/display/payload";

export interface GridTensor {
  shape: number[];
  /** One short name per axis, e.g. ["o", "i", "y", "x"]. */
  axes: string[];
  /** Label of the map at leading index `idx` (all axes but the last two). */
  label(idx: readonly number[]): string;
}

const FILTER_LABEL = /^o(\d+),i(\d+)$/;

export function gridTensor(p: GridView | HeatmapView): GridTensor {
  const shape = p.data.shape;
  if (p.kind === "heatmap")
    return { shape: [1, shape[0], shape[1]], axes: ["map", "y", "x"], label: () => p.title ?? "map" };
  const [cells, h, w] = shape;
  if (p.role === "filters" && cells > 0) {
    const parsed = p.cellLabels.slice(0, cells).map((l) => FILTER_LABEL.exec(l));
    if (parsed.every((m) => m !== null)) {
      const os = parsed.map((m) => Number(m[1]));
      const is = parsed.map((m) => Number(m[2]));
      const O = Math.max(...os) + 1;
      const I = Math.max(...is) + 1;
      const rowMajor = O * I === cells && parsed.every((_, k) => os[k] === Math.floor(k / I) && is[k] === k % I);
      if (rowMajor) return { shape: [O, I, h, w], axes: ["o", "i", "y", "x"], label: (idx) => `o${idx[0]},i${idx[1]}` };
    }
  }
  return {
    shape: [cells, h, w],
    axes: [p.role === "filters" ? "filter" : "c", "y", "x"],
    label: (idx) => p.cellLabels[idx[0]] ?? `${idx[0]}`,
  };
}
