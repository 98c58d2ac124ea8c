/**
 * What a line plot, a training curve or a 1-D spectrum shows, before anything is drawn: its series grouped
 * into stacked panels over one x axis, one panel per unit (a loss above an accuracy; a magnitude above a
 * phase in radians with ticks at multiples of π/2). A series' unit is the payload's `unit`, or is read from
 * its name ("training loss" → loss, "test accuracy" → accuracy); series without one join the first panel.
 * Pure (payload types and tick labels only): the static renderer (figure/plot_figure.ts) draws this spec as
 * SVG and the JupyterLab extension (extension/src/views/plot.ts) as plotly subplots, so both group alike.
 */
import { arrayValues, type LivePlotView, type PlotView, type Series, type SpectrumView } from "./payload";
import { piTicks, type Tick } from "./figure/ticks";

/** How a series is drawn: a line (gaps at null), stems from zero (a spectrum's magnitude), or dots (a phase). */
export type SeriesStyle = "line" | "stems" | "dots";

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

const UNITS: Array<[RegExp, string]> = [
  [/\bacc(uracy)?\b|accuracy/i, "accuracy"],
  [/loss|\berror\b|\bcost\b/i, "loss"],
  [/\blr\b|learning.?rate/i, "learning rate"],
];

export function seriesUnit(s: Series): string | undefined {
  return s.unit ?? UNITS.find(([re]) => re.test(s.name))?.[1];
}

export function plotSpec(p: PlotView | LivePlotView): PlotSpec {
  const units = [...new Set(p.series.map(seriesUnit).filter((u): u is string => u !== undefined))];
  const groups: Array<{ unit?: string; series: Series[] }> =
    units.length <= 1
      ? [{ unit: units[0], series: p.series }]
      : units.map((unit, k) => ({
          unit,
          series: p.series.filter((s) => seriesUnit(s) === unit || (k === 0 && seriesUnit(s) === undefined)),
        }));
  const trivial = (name: string) => ["x", "y", "value", p.title ?? ""].includes(name);
  const panels = groups.map((g, k): PanelSpec => {
    const values = g.series.flatMap((s) => s.y.filter((v): v is number => v !== null));
    const fraction = g.unit === "accuracy" && values.every((v) => v >= 0 && v <= 1);
    const ytitle =
      groups.length > 1
        ? g.series.length === 1
          ? g.series[0].name
          : g.unit
        : (p.ylabel ?? (g.series.length === 1 && !trivial(g.series[0].name) ? g.series[0].name : g.unit));
    return {
      series: g.series.map((s) => ({ name: s.name, x: s.x ?? s.y.map((_, i) => i), y: s.y, style: "line" })),
      ytitle: k === 0 && groups.length > 1 && g.unit === undefined ? (p.ylabel ?? ytitle) : ytitle,
      unit: g.unit,
      log: !!p.logY && g.unit !== "accuracy",
      ...(fraction ? { range: [-0.03, 1.03] as [number, number] } : {}),
    };
  });
  if (panels.length === 0) panels.push({ series: [], ytitle: p.ylabel });
  return { title: p.title, xtitle: p.xlabel, panels, notes: p.notes };
}

/** |X[k]| (stems) above the phase (dots, radians, ticks at multiples of π/2), sharing the frequency axis. */
export function spectrumSpec(p: SpectrumView): PlotSpec {
  const mag = arrayValues(p.magnitude),
    phase = arrayValues(p.phase),
    n = mag.length;
  const x = Array.from({ length: n }, (_, i) => (p.shifted ? i - Math.floor(n / 2) : i));
  const y = (a: Float32Array, keep: (i: number) => boolean) =>
    Array.from(a, (v, i) => (Number.isFinite(v) && keep(i) ? v : null));
  // The phase of a bin whose magnitude is rounding noise is itself noise: drawn apart, in grey.
  let peak = 0;
  for (const v of mag) if (Number.isFinite(v)) peak = Math.max(peak, v);
  const tiny = (i: number) => !(mag[i] > 1e-6 * peak);
  const phaseSeries: PanelSpec["series"] = [{ name: "phase", x, y: y(phase, (i) => !tiny(i)), style: "dots" }];
  if (mag.some((_, i) => tiny(i)))
    phaseSeries.push({ name: "phase where |X| ≈ 0 (noise)", x, y: y(phase, tiny), style: "dots", muted: true });
  return {
    title: p.title,
    xtitle: p.shifted ? "frequency bin k (zero frequency centred)" : "frequency bin k",
    notes: p.notes,
    panels: [
      {
        series: [{ name: "|X[k]|", x, y: y(mag, () => true), style: n <= 128 ? "stems" : "line" }],
        ytitle: "magnitude |X[k]|",
        unit: "magnitude",
        range: [0, (peak || 1) * 1.08],
      },
      {
        series: phaseSeries,
        ytitle: "phase (rad)",
        unit: "radians",
        range: [-Math.PI * 1.12, Math.PI * 1.12],
        ticks: piTicks(),
      },
    ],
  };
}
