/**
 * A PlotSpec (src/display/plot_spec.ts: the series grouped by unit into stacked panels, the grouping the
 * static figure uses too) as plotly traces and layout: one y axis per panel, stacked top to bottom over x
 * axes that move together (`matches`), tick labels and the x title on the bottom one only; a log axis where
 * the panel asks, fixed ranges (an accuracy's 0…1, a magnitude from 0), given ticks (a phase at multiples
 * of π/2); a legend above each panel of two or more series, else the y title names the series. Stems (a
 * spectrum's magnitude) are markers with a one-sided error bar down to zero. DOM-free: colours come in.
 */
import type { PanelSpec, PlotSpec } from "../../../src/display/plot_spec";

/**
 * The plotly fields written here, declared locally (plotly.js ships no types; extension/src/plotly.d.ts is
 * visible to the extension build only, and this module is also type-checked with the tests).
 */
export type SubplotTrace = {
  type: "scatter";
  name: string;
  x: number[];
  y: Array<number | null>;
  xaxis: string;
  yaxis: string;
  mode: "lines" | "lines+markers" | "markers";
  showlegend: boolean;
  legend?: string;
  line: { color: string; width: number };
  marker: { color: string; size: number };
  error_y?: {
    type: "data";
    symmetric: false;
    array: number[];
    arrayminus: number[];
    width: number;
    thickness: number;
    color: string;
  };
};
export type SubplotLayout = Record<string, unknown>;

export interface PlotColors {
  fg: string;
  grid: string;
  muted: string;
  series: readonly string[];
}

/** Panel heights in px by panel count (as the static figure: stacked panels are shorter). */
const PANEL_PX = [0, 280, 190, 150];
const LEGEND_PX = 24;
const GAP_PX = 20;
const MARGIN = { l: 64, r: 20, t: 12, b: 48 };

const axisName = (k: number, axis: "x" | "y"): string => `${axis}axis${k ? k + 1 : ""}`;
const axisRef = (k: number, axis: "x" | "y"): string => `${axis}${k ? k + 1 : ""}`;

function traces(
  p: PanelSpec,
  k: number,
  legend: string | undefined,
  colors: () => string,
  c: PlotColors,
): SubplotTrace[] {
  return p.series.map((s) => {
    const color = s.muted ? c.muted : colors();
    const t: SubplotTrace = {
      type: "scatter",
      name: s.name,
      x: s.x,
      y: s.y,
      xaxis: axisRef(k, "x"),
      yaxis: axisRef(k, "y"),
      showlegend: legend !== undefined,
      ...(legend ? { legend } : {}),
      mode: s.style === "line" ? (s.y.length > 64 ? "lines" : "lines+markers") : "markers",
      line: { color, width: 2 },
      marker: { color, size: s.muted ? 4 : 6 },
    };
    if (s.style === "stems") {
      const y = s.y.map((v) => v ?? 0);
      t.error_y = {
        type: "data",
        symmetric: false,
        array: y.map((v) => Math.max(0, -v)),
        arrayminus: y.map((v) => Math.max(0, v)),
        width: 0,
        thickness: 1.5,
        color,
      };
    }
    return t;
  });
}

export function plotlyFigure(
  spec: PlotSpec,
  c: PlotColors,
): { data: SubplotTrace[]; layout: SubplotLayout; height: number } {
  const n = Math.max(1, spec.panels.length);
  const panelPx = PANEL_PX[Math.min(3, n)];
  const legendPx = spec.panels.map((p) => (p.series.length > 1 ? LEGEND_PX : 0));
  const plotPx = spec.panels.reduce((h, _, k) => h + panelPx + legendPx[k], 0) + GAP_PX * (n - 1);
  const axis = {
    gridcolor: c.grid,
    zerolinecolor: c.grid,
    color: c.fg,
    linecolor: c.fg,
    showline: true,
    mirror: true,
    ticks: "outside",
  };
  const xs = spec.panels.flatMap((p) => p.series.flatMap((s) => s.x));
  // Steps, epochs and bins are integers: no ticks at 0.5 for a short run.
  const integral = xs.length > 0 && xs.every(Number.isInteger) && Math.max(...xs) - Math.min(...xs) <= 20;
  const layout: SubplotLayout = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { color: c.fg },
    margin: MARGIN,
    height: plotPx + MARGIN.t + MARGIN.b,
    showlegend: legendPx.some((h) => h > 0),
  };
  const data: SubplotTrace[] = [];
  let color = 0;
  let top = plotPx;
  let legends = 0;
  spec.panels.forEach((p, k) => {
    const hi = top - legendPx[k],
      lo = hi - panelPx;
    top = lo - GAP_PX;
    const last = k === spec.panels.length - 1;
    let legend: string | undefined;
    if (legendPx[k]) {
      legend = `legend${legends ? legends + 1 : ""}`;
      legends++;
      layout[legend] = {
        x: 0,
        xanchor: "left",
        y: hi / plotPx,
        yanchor: "bottom",
        orientation: "h",
        bgcolor: "rgba(0,0,0,0)",
        font: { color: c.fg },
      };
    }
    layout[axisName(k, "x")] = {
      ...axis,
      anchor: axisRef(k, "y"),
      ...(k ? { matches: "x" } : {}),
      showticklabels: last,
      title: { text: last ? (spec.xtitle ?? "") : "" },
      ...(integral ? { dtick: 1 } : {}),
    };
    const range = p.range && (p.log ? p.range.map((v) => Math.log10(v)) : p.range);
    layout[axisName(k, "y")] = {
      ...axis,
      domain: [Math.max(0, lo / plotPx), Math.min(1, hi / plotPx)],
      anchor: axisRef(k, "x"),
      title: { text: p.ytitle ?? "" },
      type: p.log ? "log" : "linear",
      ...(range ? { range, autorange: false } : {}),
      ...(p.ticks ? { tickvals: p.ticks.map((t) => t.v), ticktext: p.ticks.map((t) => t.label) } : {}),
    };
    data.push(...traces(p, k, legend, () => c.series[color++ % c.series.length], c));
  });
  return { data, layout, height: plotPx + MARGIN.t + MARGIN.b };
}
