/**
 * Line plots, training curves (liveplot) and spectra through plotly.js, grouped as the static figure groups
 * them (src/display/plot_spec.ts: a panel per unit, stacked over a shared x axis; model/plotly_spec.ts).
 * plotly (~4.7 MB) is imported lazily, on the first plot, so notebooks without plots never download it. A liveplot update calls
 * `Plotly.react` on the same element: the curve grows in place, zoom and hover state are kept.
 */
import type { Layout, Trace } from "plotly.js-dist-min";
import {
  arrayValues,
  type ArrayData,
  type LivePlotView,
  type PlotView,
  type SpectrumView,
} from "../../../src/display/payload";
import { piTicks } from "../../../src/display/figure/ticks";
import { themeOf } from "../../../src/display/figure/theme";
import { plotSpec, spectrumSpec } from "../../../src/display/plot_spec";
import { colormapLut } from "../model/colormap";
import { plotlyFigure, type PlotColors } from "../model/plotly_spec";
import { cssVar, el, header } from "./dom";

type PlotlyModule = typeof import("plotly.js-dist-min");
let plotly: Promise<PlotlyModule> | null = null;
const loadPlotly = (): Promise<PlotlyModule> =>
  (plotly ??= import(/* webpackChunkName: "plotly" */ "plotly.js-dist-min"));

export type PlotPayload = PlotView | LivePlotView | SpectrumView;

/** Plotly colourscale from one of our colour maps (so plots and canvases agree). */
function colorscale(name: "viridis" | "coolwarm" | "gray"): [number, string][] {
  const lut = colormapLut(name);
  const out: [number, string][] = [];
  for (let i = 0; i <= 8; i++) {
    const k = Math.round((i / 8) * 255) * 3;
    out.push([i / 8, `rgb(${lut[k]},${lut[k + 1]},${lut[k + 2]})`]);
  }
  return out;
}

/** Theme colours: JupyterLab's text and grid colours, the static figures' series colours for the theme. */
function colors(): PlotColors {
  const dark = document.body.dataset.jpThemeLight === "false";
  return {
    fg: cssVar("--jp-ui-font-color1", "#222"),
    grid: cssVar("--jp-border-color2", "#ddd"),
    muted: cssVar("--jp-ui-font-color3", "#999"),
    series: themeOf(dark ? "dark" : "light").series,
  };
}

const rows = (a: ArrayData): number[][] => {
  const v = Array.from(arrayValues(a), (n) => (Number.isFinite(n) ? n : NaN));
  const [h, w] = a.shape;
  return Array.from({ length: h }, (_, r) => v.slice(r * w, (r + 1) * w));
};

/** A 2-D spectrum: magnitude and phase as two heatmaps side by side (the phase on a ±π diverging scale). */
function spectrum2d(p: SpectrumView, c: PlotColors): { data: Trace[]; layout: Layout } {
  const axis = { gridcolor: c.grid, zerolinecolor: c.grid, color: c.fg };
  const ms = p.magnitudeScale;
  const layout: Layout = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: c.fg },
    margin: { l: 56, r: 16, t: 24, b: 44 },
    height: 360,
    grid: { rows: 1, columns: 2, pattern: "independent" },
    xaxis: { ...axis },
    xaxis2: { ...axis },
    yaxis: { ...axis, autorange: "reversed", scaleanchor: "x" },
    yaxis2: { ...axis, autorange: "reversed", scaleanchor: "x2" },
    annotations: [
      { text: "|X| magnitude", showarrow: false, xref: "x domain", yref: "y domain", x: 0, y: 1.08, xanchor: "left" },
      { text: "phase (rad)", showarrow: false, xref: "x2 domain", yref: "y2 domain", x: 0, y: 1.08, xanchor: "left" },
    ],
  };
  const pi = piTicks();
  return {
    layout,
    data: [
      {
        type: "heatmap",
        z: rows(p.magnitude),
        colorscale: colorscale(ms.cmap),
        zmin: ms.vmin,
        zmax: ms.vmax,
        colorbar: { x: 0.45, len: 0.9 },
      },
      {
        type: "heatmap",
        z: rows(p.phase),
        xaxis: "x2",
        yaxis: "y2",
        colorscale: colorscale("coolwarm"),
        zmin: -Math.PI,
        zmax: Math.PI,
        zmid: 0,
        colorbar: { tickvals: pi.map((t) => t.v), ticktext: pi.map((t) => t.label) },
      },
    ],
  };
}

/** Plots, training curves and 1-D spectra as the static figure groups them (one panel per unit); 2-D spectra as maps. */
function figure(p: PlotPayload): { data: Trace[]; layout: Layout } {
  const c = colors();
  if (p.kind === "spectrum" && p.magnitude.shape.length === 2) return spectrum2d(p, c);
  return plotlyFigure(p.kind === "spectrum" ? spectrumSpec(p) : plotSpec(p), c);
}

/** Renders into `root`; returns an updater for liveplots (same element, Plotly.react) and a disposer. */
export async function renderPlot(
  root: HTMLElement,
  p: PlotPayload,
): Promise<{ update(p: PlotPayload): Promise<void>; dispose(): void }> {
  root.dataset.convlabKind = p.kind;
  const head = el("div");
  const status = el("div", "jp-convlab-note");
  const div = el("div", "jp-convlab-plot");
  root.append(head, div, status);
  const Plotly = await loadPlotly();
  const update = async (q: PlotPayload): Promise<void> => {
    head.replaceChildren(header(q.title, q.notes));
    const { data, layout } = figure(q);
    await Plotly.react(div, data, layout, { displaylogo: false, responsive: true });
    const points = q.kind === "spectrum" ? 0 : q.series.reduce((m, s) => Math.max(m, s.y.length), 0);
    root.dataset.points = String(points);
    status.textContent =
      q.kind === "liveplot" ? (q.done ? `done · ${points} points` : `training… ${points} points`) : "";
  };
  await update(p);
  return { update, dispose: () => Plotly.purge(div) };
}
