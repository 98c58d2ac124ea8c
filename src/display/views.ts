/**
 * Kernel-side builders of the v1 payloads (src/display/payload.ts) from host arrays. Pure and
 * synchronous: the async readback happens before, in host.ts.
 */
import {
  downsample2d,
  encodeF32,
  seriesValues,
  thin,
  type Map2d,
  MAX_CELL_SIDE,
  MAX_GRID_CELLS,
  MAX_GRID_VALUES,
  MAX_MAP_SIDE,
  MAX_MATRIX_VALUES_SIDE,
  MAX_SERIES_POINTS,
} from "./bounds";
import { makeScale } from "./colormap";
import { finiteRange, type HostArray } from "./host";
import type { FigureOptions } from "./render";
import {
  PAYLOAD_SCHEMA_VERSION,
  type CmapName,
  type GridView,
  type HeatmapView,
  type MatrixView,
  type PlotView,
  type Series,
  type SpectrumView,
} from "./payload";

export interface ShowOptions extends FigureOptions {
  title?: string;
  cmap?: CmapName;
  center?: number;
  vmin?: number;
  vmax?: number;
  /** Axis labels of a map, or one label per cell of a grid. */
  labels?: { x?: string; y?: string } | string[];
}

const base = (a: HostArray | null, opts: { title?: string }, notes: string[]) => ({
  version: PAYLOAD_SCHEMA_VERSION,
  ...(opts.title !== undefined ? { title: opts.title } : {}),
  notes,
  ...(a ? { source: { shape: a.shape.slice(), dtype: a.dtype } } : {}),
});

function expectRank(op: string, a: HostArray, ranks: number[], layout: string): void {
  if (!ranks.includes(a.shape.length)) {
    throw new Error(`${op}: expected ${layout}, got shape [${a.shape.join(",")}]`);
  }
}

/** A 2-D map (H, W), downsampled to at most 256 on a side. */
export function heatmapView(a: HostArray, opts: ShowOptions = {}, defaultCmap: CmapName = "viridis"): HeatmapView {
  expectRank("show", a, [0, 1, 2], "a 2-D map (H,W)");
  const [h, w] = a.shape.length === 2 ? a.shape : [1, a.shape[0] ?? 1];
  const notes: string[] = [];
  const m = downsample2d({ h, w, data: a.data }, MAX_MAP_SIDE, notes);
  const labels = Array.isArray(opts.labels) ? undefined : opts.labels;
  return {
    ...base(a, opts, notes),
    kind: "heatmap",
    ...makeScale(finiteRange(a.data), opts, defaultCmap),
    data: encodeF32([m.h, m.w], m.data),
    ...(labels ? { labels } : {}),
  };
}

/**
 * A grid of maps: (C,H,W) feature maps or (O,I,kh,kw) filters (cells in row-major (o, i) order).
 * At most 64 cells, each at most 128 on a side; one colour scale over all shown cells.
 */
export function gridView(a: HostArray, role: "featureMaps" | "filters", opts: ShowOptions = {}): GridView {
  const op = role === "filters" ? "showFilters" : "showFeatureMaps";
  if (role === "filters") expectRank(op, a, [4], "weights of rank 4 (O,I,kh,kw)");
  else expectRank(op, a, [3, 4], "feature maps of rank 3 (C,H,W) or 4 (1,C,H,W)");
  if (role === "featureMaps" && a.shape.length === 4 && a.shape[0] !== 1) {
    throw new Error(
      `${op}: expected a batch of one (1,C,H,W), got shape [${a.shape.join(",")}]; pass x.slice one sample`,
    );
  }
  const [h, w] = a.shape.slice(-2);
  const total = a.shape.slice(0, -2).reduce((p, d) => p * d, 1);
  const notes: string[] = [];
  const cells = Math.min(total, MAX_GRID_CELLS);
  if (cells < total) notes.push(`showing ${cells} of ${total} cells`);
  const maps: Map2d[] = [];
  const cellNotes: string[] = [];
  // Cells share the grid's value budget: side ≤ √(MAX_GRID_VALUES / cells), and ≤ MAX_CELL_SIDE.
  const side = Math.max(1, Math.min(MAX_CELL_SIDE, Math.floor(Math.sqrt(MAX_GRID_VALUES / Math.max(cells, 1)))));
  for (let c = 0; c < cells; c++) {
    const m = { h, w, data: a.data.subarray(c * h * w, (c + 1) * h * w) };
    maps.push(downsample2d(m, side, c === 0 ? cellNotes : [], "each cell"));
  }
  notes.push(...cellNotes);
  const ch = maps[0]?.h ?? 0,
    cw = maps[0]?.w ?? 0;
  const data = new Float64Array(cells * ch * cw);
  maps.forEach((m, c) => data.set(m.data, c * ch * cw));
  const inputs = role === "filters" ? a.shape[1] : 1;
  const cellLabels = Array.isArray(opts.labels)
    ? opts.labels.slice(0, cells)
    : Array.from({ length: cells }, (_, c) =>
        role === "filters" ? `o${Math.floor(c / inputs)},i${c % inputs}` : `c${c}`,
      );
  const cols = role === "filters" && inputs > 1 && inputs <= 16 ? inputs : Math.ceil(Math.sqrt(cells));
  const rows = Math.max(1, Math.ceil(cells / Math.max(cols, 1)));
  return {
    ...base(a, opts, notes),
    kind: "grid",
    role,
    ...makeScale(finiteRange(data), opts, role === "filters" ? "coolwarm" : "viridis"),
    data: encodeF32([cells, ch, cw], data),
    rows,
    cols: Math.max(cols, 1),
    cellLabels,
  };
}

/** Series from a 1-D array (x = 0..n−1) or named arrays; thinned to 4096 points each. */
export function plotView(
  series: Array<{ name: string; x?: number[]; y: ArrayLike<number>; unit?: string }>,
  opts: { title?: string; xlabel?: string; ylabel?: string; logY?: boolean } = {},
  src: HostArray | null = null,
): PlotView {
  const notes: string[] = [];
  const out: Series[] = series.map((s) => {
    const idx = thin(
      Array.from({ length: s.y.length }, (_, i) => i),
      MAX_SERIES_POINTS,
      notes,
      s.name,
    );
    return {
      name: s.name,
      x: idx.map((i) => s.x?.[i] ?? i),
      y: seriesValues(idx.map((i) => s.y[i])),
      ...(s.unit ? { unit: s.unit } : {}),
    };
  });
  return {
    ...base(src, opts, notes),
    kind: "plot",
    series: out,
    ...(opts.xlabel ? { xlabel: opts.xlabel } : {}),
    ...(opts.ylabel ? { ylabel: opts.ylabel } : {}),
    ...(opts.logY ? { logY: true } : {}),
  };
}

/** |z| and atan2(im, re) of a complex signal or image; `shift` moves frequency 0 to the centre. */
export function spectrumView(re: HostArray, im: HostArray, opts: ShowOptions & { shift?: boolean } = {}): SpectrumView {
  if (re.shape.join() !== im.shape.join()) {
    throw new Error(`show: expected re and im of the same shape, got [${re.shape}] and [${im.shape}]`);
  }
  expectRank("show", re, [1, 2], "a complex signal (N) or image (H,W)");
  const [h, w] = re.shape.length === 2 ? re.shape : [1, re.shape[0]];
  const mag = new Float64Array(h * w),
    phase = new Float64Array(h * w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const si = opts.shift ? (i + Math.floor(h / 2)) % h : i,
        sj = opts.shift ? (j + Math.floor(w / 2)) % w : j;
      const k = si * w + sj,
        o = i * w + j;
      mag[o] = Math.hypot(re.data[k], im.data[k]);
      phase[o] = Math.atan2(im.data[k], re.data[k]);
    }
  const notes: string[] = [];
  const m = downsample2d({ h, w, data: mag }, MAX_MAP_SIDE, notes, "spectrum");
  const p = downsample2d({ h, w, data: phase }, MAX_MAP_SIDE, [], "phase");
  const shape = re.shape.length === 1 ? [m.w] : [m.h, m.w];
  return {
    ...base(re, opts, notes),
    kind: "spectrum",
    magnitude: encodeF32(shape, m.data),
    phase: encodeF32(shape, p.data),
    magnitudeScale: makeScale(finiteRange(mag), { ...opts, cmap: opts.cmap ?? "viridis" }, "viridis"),
    shifted: !!opts.shift,
  };
}

/** A matrix cell by cell; values printed up to 16x16; a signed matrix gets the diverging map. */
export function matrixView(
  a: HostArray,
  opts: ShowOptions & { rowLabels?: string[]; colLabels?: string[] } = {},
): MatrixView {
  expectRank("showMatrix", a, [2], "a matrix (R,C)");
  const [r, c] = a.shape;
  const notes: string[] = [];
  const m = downsample2d({ h: r, w: c, data: a.data }, MAX_MAP_SIDE, notes, "matrix");
  const range = finiteRange(a.data);
  return {
    ...base(a, opts, notes),
    kind: "matrix",
    ...makeScale(range, opts, range.min < 0 ? "coolwarm" : "viridis"),
    data: encodeF32([m.h, m.w], m.data),
    showValues: r <= MAX_MATRIX_VALUES_SIDE && c <= MAX_MATRIX_VALUES_SIDE,
    ...(opts.rowLabels ? { rowLabels: opts.rowLabels } : {}),
    ...(opts.colLabels ? { colLabels: opts.colLabels } : {}),
  };
}
