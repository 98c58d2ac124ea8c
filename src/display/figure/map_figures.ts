/**
 * Figures of maps: a heatmap, a grid of feature maps or filters, a matrix, a 2-D spectrum. Each has a
 * title, labelled maps, a colour bar with ticks and, when the data has any, NaN/±Inf swatches with
 * counts; notes (what was downsampled) go underneath.
 */
import { MAX_MAP_SIDE } from "../bounds";
import {
  arrayValues,
  type ColorScale,
  type GridView,
  type HeatmapView,
  type MatrixView,
  type SpectrumView,
} from "../payload";
import { colorBar } from "./colorbar";
import { drawTitle, Figure, MARGIN, SIZE, titleWidth } from "./figure";
import { textWidth } from "./font";
import { countNonFinite, mapImage } from "./map_image";
import { cellSize, mapPanel, type MapSpec } from "./map_panel";
import { notes } from "./plot_figure";
import { fit, group, text } from "./svg";
import type { Theme } from "./theme";
import { fmt, piTicks, type Tick } from "./ticks";

const BAR_GAP = 18;

/** Maps side by side, each with its own colour bar; the common layout of heatmap, matrix and 2-D spectrum. */
function mapsFigure(
  theme: Theme,
  heading: string | undefined,
  maps: Array<MapSpec & { ticks?: Tick[] }>,
  noteLines: string[],
): string {
  const f = new Figure(theme),
    body: string[] = [];
  const top = drawTitle(f, body, heading);
  let x = MARGIN,
    bottom = top;
  for (const m of maps) {
    const panel = mapPanel(f, x, top, m);
    const bar = colorBar(f, x + panel.width + BAR_GAP, panel.image.y, Math.max(panel.image.height, 120), m.scale, {
      ticks: m.ticks,
      nonFinite: countNonFinite(m.values),
    });
    body.push(panel.svg, bar.svg);
    x += panel.width + BAR_GAP + bar.width + 28;
    bottom = Math.max(bottom, top + panel.height, panel.image.y + bar.height);
  }
  const width = Math.max(x - 28 + MARGIN, titleWidth(heading), 200);
  const end = notes(body, noteLines, theme, bottom + 6, width);
  return f.document(width, end + MARGIN - 4, heading, body);
}

/**
 * The stride a map was downsampled by (bounds.ts: s = ⌈max(H, W) / 256⌉, y[i, j] = x[i·s, j·s]), from the
 * source shape, so the axes count rows and columns of the tensor the user passed; 1 when not downsampled.
 */
function strideOf(source: { shape: number[] } | undefined, h: number, w: number): number {
  const [H, W] = source?.shape.slice(-2) ?? [h, w];
  if (source === undefined || source.shape.length < 2 || (H === h && W === w)) return 1;
  const s = Math.ceil(Math.max(H, W) / MAX_MAP_SIDE);
  return Math.ceil(H / s) === h && Math.ceil(W / s) === w ? s : 1;
}

export function heatmapFigure(theme: Theme, p: HeatmapView): string {
  const [h, w] = p.data.shape;
  return mapsFigure(
    theme,
    p.title,
    [
      {
        h,
        w,
        values: arrayValues(p.data),
        scale: p,
        cell: cellSize(Math.max(h, w), 160, 384),
        axes: true,
        xtitle: p.labels?.x,
        ytitle: p.labels?.y,
        stride: strideOf(p.source, h, w),
      },
    ],
    p.notes,
  );
}

export function matrixFigure(theme: Theme, p: MatrixView): string {
  const [h, w] = p.data.shape;
  const values = arrayValues(p.data);
  let cell = cellSize(Math.max(h, w), 160, 384);
  if (p.showValues) {
    let widest = 0;
    for (const v of values) widest = Math.max(widest, textWidth(fmt(v), SIZE.tick));
    cell = Math.min(44, Math.max(26, Math.ceil(widest + 8)));
  }
  return mapsFigure(
    theme,
    p.title,
    [
      {
        h,
        w,
        values,
        scale: p,
        cell,
        axes: true,
        showValues: p.showValues,
        rowLabels: p.rowLabels,
        colLabels: p.colLabels,
        xtitle: "column",
        ytitle: "row",
        stride: strideOf(p.source, h, w),
      },
    ],
    p.notes,
  );
}

/** Magnitude (viridis) and phase (−π…π, diverging) of a complex image, frequency indices on the axes. */
export function spectrum2dFigure(theme: Theme, p: SpectrumView): string {
  const [h, w] = p.magnitude.shape;
  const cell = cellSize(Math.max(h, w), 140, 256);
  const first: [number, number] = p.shifted ? [-Math.floor(h / 2), -Math.floor(w / 2)] : [0, 0];
  const phaseScale: ColorScale = { cmap: "coolwarm", vmin: -Math.PI, vmax: Math.PI, center: 0 };
  const common = { h, w, cell, axes: true, first, xtitle: "column frequency", ytitle: "row frequency" };
  return mapsFigure(
    theme,
    p.title,
    [
      { ...common, label: "magnitude |X|", values: arrayValues(p.magnitude), scale: p.magnitudeScale },
      { ...common, label: "phase (rad)", values: arrayValues(p.phase), scale: phaseScale, ticks: piTicks() },
    ],
    p.notes,
  );
}

/** Feature maps or filters in `rows` x `cols`, a label above each, one colour bar for all. */
export function gridFigure(theme: Theme, p: GridView): string {
  const f = new Figure(theme),
    body: string[] = [],
    t = theme;
  const [cells, h, w] = p.data.shape;
  const values = arrayValues(p.data);
  const GAP = 12,
    LABEL = SIZE.tick + 6;
  const side = Math.max(h, w, 1);
  // About 520 px for the grid; a map is at most 128 px, and a tiny filter at most 16 px per value. Cells are
  // multiples of ½ px (whole pixels of the 2x PNG), or of ¼ px under 1 px per value (64 maps of 64x64: 48 px).
  const target = Math.min(128, Math.max(44, (520 - (p.cols - 1) * GAP) / p.cols), Math.max(48, side * 16));
  const raw = target / side;
  const cell = raw >= 1 ? Math.floor(2 * raw) / 2 : Math.max(0.5, Math.floor(4 * raw) / 4);
  const cw = w * cell,
    ch = h * cell;
  // A column is as wide as its map, or as its longest label up to 150 px (longer ones end in "…").
  const colW = Math.max(cw, Math.min(150, Math.max(0, ...p.cellLabels.map((l) => textWidth(l, SIZE.tick)))));
  const top = drawTitle(f, body, p.title);
  const maps: string[] = [];
  for (let c = 0; c < cells; c++) {
    const x = MARGIN + (c % p.cols) * (colW + GAP),
      y = top + Math.floor(c / p.cols) * (ch + LABEL + GAP / 2);
    const label = p.cellLabels[c] ?? "";
    maps.push(
      group({ class: "cell" }, [
        text(x + colW / 2, y + SIZE.tick, fit(label, colW + GAP - 2, SIZE.tick), {
          size: SIZE.tick,
          fill: t.muted,
          anchor: "middle",
          cls: "map-label",
        }),
        mapImage(
          { x: x + (colW - cw) / 2, y: y + LABEL, width: cw, height: ch },
          h,
          w,
          values.subarray(c * h * w, (c + 1) * h * w),
          p,
          t.mapFrame,
          label,
        ),
      ]),
    );
  }
  body.push(group({ class: "grid-maps", "data-rows": p.rows, "data-cols": p.cols }, maps));
  const gridW = p.cols * colW + (p.cols - 1) * GAP,
    gridH = p.rows * (ch + LABEL) + (p.rows - 1) * (GAP / 2);
  const bar = colorBar(f, MARGIN + gridW + BAR_GAP, top + LABEL, Math.max(100, Math.min(gridH - LABEL, 320)), p, {
    nonFinite: countNonFinite(values),
  });
  body.push(bar.svg);
  const width = Math.max(MARGIN + gridW + BAR_GAP + bar.width + MARGIN, titleWidth(p.title));
  const bottom = Math.max(top + gridH, top + LABEL + bar.height);
  const end = notes(body, p.notes, t, bottom + 6, width);
  return f.document(width, end + MARGIN - 4, p.title, body);
}
