/**
 * Line plots, training curves and 1-D spectra. Series with different units never share a y axis: they
 * go to stacked panels over one x axis (a loss above an accuracy; a magnitude above a phase in radians).
 * A series' unit is the payload's `unit`, or is read from its name ("training loss" → loss, "test
 * accuracy" → accuracy); series without one join the first panel. Legends sit above their panel.
 */
import { arrayValues, type LivePlotView, type PlotView, type Series, type SpectrumView } from "../payload";
import { drawPanel, legend, tickLabelWidth, withFactor, xScale, yScale, type SeriesSpec, type SeriesStyle } from "./axes";
import { drawTitle, Figure, MARGIN, SIZE, titleWidth } from "./figure";
import { textWidth } from "./font";
import { fit, text } from "./svg";
import type { Theme } from "./theme";
import { piTicks, type Tick } from "./ticks";

export interface PanelSpec {
  /** `muted`: drawn in the theme's muted grey instead of the next series colour. */
  series: Array<{ name: string; x: number[]; y: Array<number | null>; style: SeriesStyle; muted?: boolean }>;
  ytitle?: string;
  unit?: string;
  log?: boolean;
  range?: [number, number];
  ticks?: Tick[];
}

export interface PlotSpec {
  title?: string;
  xtitle?: string;
  panels: PanelSpec[];
  notes: string[];
}

const UNITS: Array<[RegExp, string]> = [[/\bacc(uracy)?\b|accuracy/i, "accuracy"], [/loss|\berror\b|\bcost\b/i, "loss"], [/\blr\b|learning.?rate/i, "learning rate"]];

export function seriesUnit(s: Series): string | undefined {
  return s.unit ?? UNITS.find(([re]) => re.test(s.name))?.[1];
}

const WIDTH = 640;
const PANEL_H = [0, 260, 170, 140];

export function plotSpec(p: PlotView | LivePlotView): PlotSpec {
  const units = [...new Set(p.series.map(seriesUnit).filter((u): u is string => u !== undefined))];
  const groups: Array<{ unit?: string; series: Series[] }> = units.length <= 1 ? [{ unit: units[0], series: p.series }] :
    units.map((unit, k) => ({ unit, series: p.series.filter((s) => seriesUnit(s) === unit || (k === 0 && seriesUnit(s) === undefined)) }));
  const trivial = (name: string) => ["x", "y", "value", p.title ?? ""].includes(name);
  const panels = groups.map((g, k): PanelSpec => {
    const values = g.series.flatMap((s) => s.y.filter((v): v is number => v !== null));
    const fraction = g.unit === "accuracy" && values.every((v) => v >= 0 && v <= 1);
    const ytitle = groups.length > 1 ? (g.series.length === 1 ? g.series[0].name : g.unit) :
      p.ylabel ?? (g.series.length === 1 && !trivial(g.series[0].name) ? g.series[0].name : g.unit);
    return {
      series: g.series.map((s) => ({ name: s.name, x: s.x ?? s.y.map((_, i) => i), y: s.y, style: "line" })),
      ytitle: k === 0 && groups.length > 1 && g.unit === undefined ? p.ylabel ?? ytitle : ytitle,
      unit: g.unit, log: !!p.logY && g.unit !== "accuracy", ...(fraction ? { range: [-0.03, 1.03] as [number, number] } : {}),
    };
  });
  if (panels.length === 0) panels.push({ series: [], ytitle: p.ylabel });
  return { title: p.title, xtitle: p.xlabel, panels, notes: p.notes };
}

/** |X[k]| (stems) above the phase (dots, radians, ticks at multiples of π/2), sharing the frequency axis. */
export function spectrumSpec(p: SpectrumView): PlotSpec {
  const mag = arrayValues(p.magnitude), phase = arrayValues(p.phase), n = mag.length;
  const x = Array.from({ length: n }, (_, i) => (p.shifted ? i - Math.floor(n / 2) : i));
  const y = (a: Float32Array, keep: (i: number) => boolean) => Array.from(a, (v, i) => (Number.isFinite(v) && keep(i) ? v : null));
  // The phase of a bin whose magnitude is rounding noise is itself noise: drawn apart, in grey.
  let peak = 0;
  for (const v of mag) if (Number.isFinite(v)) peak = Math.max(peak, v);
  const tiny = (i: number) => !(mag[i] > 1e-6 * peak);
  const phaseSeries: PanelSpec["series"] = [{ name: "phase", x, y: y(phase, (i) => !tiny(i)), style: "dots" }];
  if (mag.some((_, i) => tiny(i))) phaseSeries.push({ name: "phase where |X| ≈ 0 (noise)", x, y: y(phase, tiny), style: "dots", muted: true });
  return {
    title: p.title, xtitle: p.shifted ? "frequency bin k (zero frequency centred)" : "frequency bin k", notes: p.notes,
    panels: [
      { series: [{ name: "|X[k]|", x, y: y(mag, () => true), style: n <= 128 ? "stems" : "line" }], ytitle: "magnitude |X[k]|", unit: "magnitude", range: [0, (peak || 1) * 1.08] },
      { series: phaseSeries, ytitle: "phase (rad)", unit: "radians", range: [-Math.PI * 1.12, Math.PI * 1.12], ticks: piTicks() },
    ],
  };
}

export function plotFigure(theme: Theme, spec: PlotSpec): string {
  const f = new Figure(theme), t = theme;
  const xs = xScale(spec.panels.flatMap((p) => p.series.flatMap((s) => s.x)), 8);
  let color = 0;
  const panels = spec.panels.map((p) => ({
    ...p,
    series: p.series.map((s): SeriesSpec => ({ ...s, color: s.muted ? t.muted : t.series[color++ % t.series.length] })),
  }));
  const h = PANEL_H[Math.min(3, panels.length)];
  const scales = panels.map((p) => yScale(p.series.flatMap((s) => s.y.filter((v): v is number => v !== null)), { log: p.log, range: p.range, ticks: p.ticks, count: Math.max(4, Math.round(h / 28)) }));
  const ytitles = panels.map((p, k) => withFactor(p.ytitle, scales[k]));
  const xtitle = withFactor(spec.xtitle, xs);
  const anyTitle = ytitles.some((s) => s);
  const left = MARGIN + (anyTitle ? SIZE.label + 8 : 0) + Math.max(...scales.map(tickLabelWidth)) + 9;
  const lastTick = xs.ticks[xs.ticks.length - 1];
  const width = Math.max(WIDTH, titleWidth(spec.title));
  const right = width - MARGIN - (lastTick ? textWidth(lastTick.label, SIZE.tick) / 2 : 0);
  const body: string[] = [];
  let y = drawTitle(f, body, spec.title, 12);
  panels.forEach((p, k) => {
    if (p.series.length > 1) {
      const lg = legend(f, left, y, right - left, p.series);
      body.push(lg.svg);
      y += lg.height + 4;
    }
    const last = k === panels.length - 1;
    body.push(drawPanel(f, { box: { x: left, y, width: right - left, height: h }, xs, ys: scales[k], series: p.series, ytitle: ytitles[k], ytitleX: MARGIN + SIZE.label - 2, xLabels: last, unit: p.unit }));
    if (p.series.length === 0) body.push(text((left + right) / 2, y + h / 2, "no data yet", { size: SIZE.label, fill: t.muted, anchor: "middle" }));
    y += h + (last ? 4 + SIZE.tick + 4 : 14);
  });
  if (xtitle) { body.push(text((left + right) / 2, y + SIZE.label + 4, xtitle, { size: SIZE.label, fill: t.ink, anchor: "middle", cls: "axis-title x" })); y += SIZE.label + 8; }
  y = notes(body, spec.notes, t, y + 6, width);
  return f.document(width, y + MARGIN - 4, spec.title, body);
}

/** Notes (what was thinned or downsampled) in small muted lines at the bottom; returns the new bottom. */
export function notes(body: string[], lines: string[], t: Theme, y: number, width: number): number {
  for (const s of lines) {
    body.push(text(MARGIN, y + SIZE.note, fit(s, width - 2 * MARGIN, SIZE.note), { size: SIZE.note, fill: t.muted, cls: "note" }));
    y += SIZE.note + 5;
  }
  return y;
}
