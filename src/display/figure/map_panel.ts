/**
 * One map drawn as a figure panel: an optional label above, the pixel-crisp image, row and column
 * index ticks (or given labels) on the left and bottom like matplotlib's imshow, axis titles, and, for
 * small matrices, the values printed in the cells in black or white, whichever reads on the cell.
 */
import type { ColorScale } from "../payload";
import { SIZE, type Block, type Figure } from "./figure";
import { textWidth } from "./font";
import { inkOn, mapImage, type MapBox } from "./map_image";
import { fit, group, line, text } from "./svg";
import { fmt, fmtShort, indexTicks, type Tick } from "./ticks";

export interface MapSpec {
  h: number;
  w: number;
  values: ArrayLike<number>;
  scale: ColorScale;
  /** CSS px per value (a multiple of ½ so cells land on whole pixels of the 2x PNG). */
  cell: number;
  label?: string;
  xtitle?: string;
  ytitle?: string;
  rowLabels?: string[];
  colLabels?: string[];
  /** Index of the first row/column (a centred spectrum counts from −n/2). */
  first?: [number, number];
  /** A downsampled map's stride: cell i is row (or column) i·stride of the data the user passed. */
  stride?: number;
  axes: boolean;
  showValues?: boolean;
}

/** Cell size so the longer side is about 8 px per value, kept between `min` and `max` px. */
export function cellSize(side: number, min: number, max: number): number {
  const target = Math.min(max, Math.max(min, side * 8));
  return Math.max(0.5, Math.floor((2 * target) / Math.max(1, side)) / 2);
}

const TICK = 4;

function ticksOf(
  n: number,
  labels: string[] | undefined,
  all: boolean,
  lengthPx: number,
  first: number,
  stride: number,
): Tick[] {
  if (labels && labels.length === n) return labels.map((label, v) => ({ v, label }));
  if (all) return Array.from({ length: n }, (_, v) => ({ v, label: String(v + first).replace("-", "\u2212") }));
  return indexTicks(n, Math.max(2, Math.floor(lengthPx / 40)), first, stride);
}

/** Draws the panel with its top-left corner at (x, y); `image` is where the map itself went. */
export function mapPanel(f: Figure, x: number, y: number, m: MapSpec): Block & { image: MapBox } {
  const t = f.theme,
    W = m.w * m.cell,
    H = m.h * m.cell;
  const [r0, c0] = m.first ?? [0, 0];
  const rows = m.axes ? ticksOf(m.h, m.rowLabels, !!m.showValues, H, r0, m.stride ?? 1) : [];
  const cols = m.axes ? ticksOf(m.w, m.colLabels, !!m.showValues, W, c0, m.stride ?? 1) : [];
  const rowW = Math.max(0, ...rows.map((k) => textWidth(k.label, SIZE.tick)));
  const left = (m.ytitle ? SIZE.label + 6 : 0) + (rows.length ? rowW + TICK + 4 : 0);
  const top = m.label ? SIZE.label + 8 : 0;
  const box = { x: x + left, y: y + top, width: W, height: H };
  const parts: string[] = [];
  if (m.label)
    parts.push(
      text(box.x + W / 2, y + SIZE.label, fit(m.label, Math.max(W, 60) + left, SIZE.label), {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        cls: "map-label",
      }),
    );
  parts.push(mapImage(box, m.h, m.w, m.values, m.scale, t.mapFrame, m.label));
  if (m.showValues) parts.push(cellValues(box, m));
  const bottomTicks = cols.length ? TICK + SIZE.tick + 2 : 0;
  parts.push(
    group(
      { class: "axis y" },
      rows.map((k) => {
        const cy = box.y + (k.v + 0.5) * m.cell;
        return group({ class: "tick" }, [
          line(box.x - TICK - 0.5, cy, box.x - 0.5, cy, t.axis),
          text(box.x - TICK - 3, cy + SIZE.tick * 0.35, k.label, { size: SIZE.tick, fill: t.ink, anchor: "end" }),
        ]);
      }),
    ),
  );
  parts.push(
    group(
      { class: "axis x" },
      cols.map((k) => {
        const cx = box.x + (k.v + 0.5) * m.cell;
        return group({ class: "tick" }, [
          line(cx, box.y + H + 0.5, cx, box.y + H + TICK + 0.5, t.axis),
          text(cx, box.y + H + TICK + SIZE.tick + 1, k.label, { size: SIZE.tick, fill: t.ink, anchor: "middle" }),
        ]);
      }),
    ),
  );
  let height = top + H + bottomTicks;
  if (m.xtitle) {
    parts.push(
      text(box.x + W / 2, y + height + SIZE.label + 4, m.xtitle, {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        cls: "axis-title x",
      }),
    );
    height += SIZE.label + 6;
  }
  if (m.ytitle)
    parts.push(
      text(x + SIZE.label - 2, box.y + H / 2, m.ytitle, {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        rotate: -90,
        cls: "axis-title y",
      }),
    );
  const labelW = m.label ? textWidth(m.label, SIZE.label) : 0;
  return {
    svg: group({ class: "map-panel" }, parts),
    width: Math.max(left + W, Math.min(labelW, left + W + 60)),
    height,
    image: box,
  };
}

/**
 * The numbers of a small matrix in its cells; the ink flips to white on dark cells (luminance < 0.5). A
 * number wider than its cell is written shorter (fmtShort), then smaller (down to 70 %), and left out when
 * it still does not fit: the colour still tells its value, and neighbours never overprint each other.
 */
function cellValues(box: MapBox, m: MapSpec): string {
  const size = Math.min(SIZE.tick, m.cell * 0.42),
    room = m.cell * 0.92;
  const out: string[] = [];
  for (let i = 0; i < m.h; i++)
    for (let j = 0; j < m.w; j++) {
      const v = m.values[i * m.w + j];
      let label = fmt(v),
        sz = size;
      if (textWidth(label, sz) > room) label = fmtShort(v);
      while (textWidth(label, sz) > room && sz > size * 0.7) sz *= 0.9;
      if (textWidth(label, sz) > room) continue;
      out.push(
        text(box.x + (j + 0.5) * m.cell, box.y + (i + 0.5) * m.cell + sz * 0.36, label, {
          size: sz,
          fill: inkOn(v, m.scale),
          anchor: "middle",
        }),
      );
    }
  return group({ class: "values" }, out);
}
