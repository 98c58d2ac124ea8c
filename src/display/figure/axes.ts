/**
 * One plot panel: a frame, a light grid at the ticks, tick marks and labels on both axes, a rotated
 * y-axis title, and the series (lines with gaps at null, stems, or dots), clipped to the frame. Scales
 * are chosen from the data here; the layout around panels is plot_figure.ts.
 */
import { SIZE, type Figure } from "./figure";
import { textWidth } from "./font";
import { el, group, line, num, rect, text } from "./svg";
import { linearTicks, logTicks, type Scale, type Tick } from "./ticks";
import type { SeriesStyle } from "../plot_spec";

export type { SeriesStyle } from "../plot_spec";

export interface SeriesSpec {
  name: string;
  x: number[];
  y: Array<number | null>;
  color: string;
  style: SeriesStyle;
  /** A secondary series (e.g. the phase of bins whose magnitude is noise): smaller marks. */
  muted?: boolean;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A y scale over the finite (and, on a log axis, positive) values, padded 5 %; or a fixed range. */
export function yScale(
  values: number[],
  opts: { log?: boolean; range?: [number, number]; ticks?: Tick[]; count: number },
): Scale {
  const log = !!opts.log;
  const vs = (log ? values.filter((v) => v > 0).map(Math.log10) : values).filter(Number.isFinite);
  let [lo, hi] = opts.range ?? (vs.length ? [Math.min(...vs), Math.max(...vs)] : [0, 1]);
  if (!opts.range) {
    const pad = hi > lo ? 0.05 * (hi - lo) : log ? 0.5 : Math.abs(lo) * 0.1 || 0.5;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const set = opts.ticks ? { ticks: opts.ticks } : log ? { ticks: logTicks(lo, hi) } : linearTicks(lo, hi, opts.count);
  return { lo, hi, log, ...set, ticks: set.ticks.filter((t) => t.v >= lo - 1e-9 && t.v <= hi + 1e-9) };
}

/** An x scale over the data with a 3 % margin, so end points and stems clear the frame; whole-number ticks for indices. */
export function xScale(values: number[], count: number): Scale {
  const vs = values.filter(Number.isFinite);
  let lo = vs.length ? Math.min(...vs) : 0,
    hi = vs.length ? Math.max(...vs) : 1;
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = 0.03 * (hi - lo);
  lo -= pad;
  hi += pad;
  return { lo, hi, log: false, ...linearTicks(lo, hi, count, vs.length > 0 && vs.every(Number.isInteger)) };
}

/** An axis title with the power of ten of its labels: "loss (×10⁻³)", or the factor alone. */
export const withFactor = (title: string | undefined, s: Scale): string | undefined =>
  s.factor ? (title ? `${title} (${s.factor})` : s.factor) : title;

/** Width of the widest tick label of a scale (the left margin of every stacked panel uses the largest). */
export const tickLabelWidth = (s: Scale): number => Math.max(0, ...s.ticks.map((t) => textWidth(t.label, SIZE.tick)));

const TICK = 4;

export interface PanelDraw {
  box: Box;
  xs: Scale;
  ys: Scale;
  series: SeriesSpec[];
  ytitle?: string;
  /** Where the y title goes (left of the widest tick label of all panels). */
  ytitleX: number;
  xLabels: boolean;
  unit?: string;
}

/** Path data of a series: a new subpath after every gap, so NaN/Inf never draw a line through. */
function pathOf(
  s: SeriesSpec,
  px: (v: number) => number,
  py: (v: number) => number,
  ok: (v: number) => boolean,
): { d: string; lone: Array<[number, number]> } {
  let d = "",
    run: Array<[number, number]> = [];
  const lone: Array<[number, number]> = [];
  const end = () => {
    if (run.length === 1) lone.push(run[0]);
    else if (run.length > 1) d += run.map(([x, y], k) => `${k ? "L" : "M"}${num(x)} ${num(y)}`).join("");
    run = [];
  };
  s.y.forEach((v, i) => (v === null || !ok(v) ? end() : run.push([px(s.x[i]), py(v)])));
  end();
  return { d, lone };
}

export function drawPanel(f: Figure, p: PanelDraw): string {
  const t = f.theme,
    { box, xs, ys } = p;
  const px = (v: number) => box.x + ((v - xs.lo) / (xs.hi - xs.lo)) * box.width;
  const py = (v: number) =>
    box.y + box.height - (((ys.log ? Math.log10(v) : v) - ys.lo) / (ys.hi - ys.lo)) * box.height;
  const pyT = (tv: number) => box.y + box.height - ((tv - ys.lo) / (ys.hi - ys.lo)) * box.height;
  const bottom = box.y + box.height;
  const parts: string[] = [rect(box.x, box.y, box.width, box.height, { fill: t.background })];
  const grid: string[] = [],
    xt: string[] = [],
    yt: string[] = [];
  for (const k of xs.ticks) {
    grid.push(line(px(k.v), box.y, px(k.v), bottom, t.grid));
    xt.push(
      group({ class: "tick" }, [
        line(px(k.v), bottom, px(k.v), bottom + TICK, t.axis),
        ...(p.xLabels
          ? [text(px(k.v), bottom + TICK + SIZE.tick + 1, k.label, { size: SIZE.tick, fill: t.ink, anchor: "middle" })]
          : []),
      ]),
    );
  }
  for (const k of ys.ticks) {
    grid.push(line(box.x, pyT(k.v), box.x + box.width, pyT(k.v), t.grid));
    yt.push(
      group({ class: "tick" }, [
        line(box.x - TICK, pyT(k.v), box.x, pyT(k.v), t.axis),
        text(box.x - TICK - 3, pyT(k.v) + SIZE.tick * 0.35, k.label, { size: SIZE.tick, fill: t.ink, anchor: "end" }),
      ]),
    );
  }
  parts.push(group({ class: "grid" }, grid));
  const ok = (v: number) => Number.isFinite(v) && (!ys.log || v > 0);
  const data = p.series.map((s) => {
    const marks: string[] = [];
    const { d, lone } = pathOf(s, px, py, ok);
    const dense = s.y.length > 40;
    if (s.style === "line" && d)
      marks.push(
        el("path", {
          d,
          fill: "none",
          stroke: s.color,
          "stroke-width": 1.8,
          "stroke-linejoin": "round",
          "stroke-linecap": "round",
        }),
      );
    const base = py(ys.log ? 10 ** ys.lo : Math.min(Math.max(0, ys.lo), ys.hi));
    s.y.forEach((v, i) => {
      if (v === null || !ok(v)) return;
      const x = px(s.x[i]),
        y = py(v);
      if (s.style === "stems") marks.push(line(x, base, x, y, s.color, 1.4));
      if (s.style !== "line" || !dense)
        marks.push(el("circle", { cx: x, cy: y, r: s.style === "dots" ? (s.muted ? 1.8 : 3) : 2.6, fill: s.color }));
    });
    if (s.style === "line" && dense)
      for (const [x, y] of lone) marks.push(el("circle", { cx: x, cy: y, r: 2.2, fill: s.color }));
    return group({ class: "series", "data-name": s.name, "data-style": s.style }, marks);
  });
  parts.push(group({ "clip-path": f.clip(box.x - 3, box.y - 3, box.width + 6, box.height + 6) }, data));
  parts.push(rect(box.x, box.y, box.width, box.height, { fill: "none", stroke: t.axis, "stroke-width": 1 }));
  parts.push(group({ class: "axis x" }, xt));
  parts.push(
    group({ class: "axis y", "data-unit": p.unit, "data-scale": ys.log ? "log" : "linear" }, [
      ...yt,
      ...(p.ytitle
        ? [
            text(p.ytitleX, box.y + box.height / 2, p.ytitle, {
              size: SIZE.label,
              fill: t.ink,
              anchor: "middle",
              rotate: -90,
              cls: "axis-title",
            }),
          ]
        : []),
    ]),
  );
  return group({ class: "panel" }, parts);
}

export interface LegendEntry {
  name: string;
  color: string;
  style: SeriesStyle;
}

/** Legend entries in rows that wrap at `width`; drawn above a panel, never over its data. */
export function legend(
  f: Figure,
  x: number,
  y: number,
  width: number,
  entries: LegendEntry[],
): { svg: string; height: number } {
  const ROW = 18,
    parts: string[] = [];
  let dx = 0,
    row = 0;
  for (const e of entries) {
    const w = 22 + textWidth(e.name, SIZE.label);
    if (dx > 0 && dx + w > width) {
      dx = 0;
      row++;
    }
    const cy = y + row * ROW + ROW / 2;
    const swatch =
      e.style === "line"
        ? line(x + dx, cy, x + dx + 16, cy, e.color, 2.2)
        : el("circle", { cx: x + dx + 8, cy, r: 3, fill: e.color });
    parts.push(
      group({ class: "legend-entry" }, [
        swatch,
        text(x + dx + 22, cy + SIZE.label * 0.35, e.name, { size: SIZE.label, fill: f.theme.ink }),
      ]),
    );
    dx += w + 16;
  }
  return { svg: group({ class: "legend" }, parts), height: entries.length ? (row + 1) * ROW : 0 };
}
