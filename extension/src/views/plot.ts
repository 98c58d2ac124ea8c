/**
 * Line plots, training curves (liveplot) and spectra through plotly.js. plotly (~4.7 MB) is imported
 * lazily, on the first plot, so notebooks without plots never download it. A liveplot update calls
 * `Plotly.react` on the same element: the curve grows in place, zoom and hover state are kept.
 */
import type { Layout, Trace } from 'plotly.js-dist-min';
import { arrayValues, type ArrayData, type LivePlotView, type PlotView, type SpectrumView } from '../../../src/display/payload';
import { colormapLut } from '../model/colormap';
import { cssVar, el, header } from './dom';

type PlotlyModule = typeof import('plotly.js-dist-min');
let plotly: Promise<PlotlyModule> | null = null;
const loadPlotly = (): Promise<PlotlyModule> => (plotly ??= import(/* webpackChunkName: "plotly" */ 'plotly.js-dist-min'));

export type PlotPayload = PlotView | LivePlotView | SpectrumView;

/** Plotly colourscale from one of our colour maps (so plots and canvases agree). */
function colorscale(name: 'viridis' | 'coolwarm' | 'gray'): [number, string][] {
  const lut = colormapLut(name);
  const out: [number, string][] = [];
  for (let i = 0; i <= 8; i++) {
    const k = Math.round((i / 8) * 255) * 3;
    out.push([i / 8, `rgb(${lut[k]},${lut[k + 1]},${lut[k + 2]})`]);
  }
  return out;
}

/** Theme-aware base layout: transparent background, JupyterLab's font colour and grid colour. */
function baseLayout(): Layout {
  const fg = cssVar('--jp-ui-font-color1', '#222');
  const grid = cssVar('--jp-border-color2', '#ddd');
  const axis = { gridcolor: grid, zerolinecolor: grid, color: fg };
  return {
    paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: fg },
    margin: { l: 56, r: 16, t: 24, b: 44 }, height: 320, xaxis: { ...axis }, yaxis: { ...axis }, xaxis2: { ...axis }, yaxis2: { ...axis }
  };
}

const rows = (a: ArrayData): number[][] => {
  const v = Array.from(arrayValues(a), n => (Number.isFinite(n) ? n : NaN));
  const [h, w] = a.shape;
  return Array.from({ length: h }, (_, r) => v.slice(r * w, (r + 1) * w));
};

function figure(p: PlotPayload): { data: Trace[]; layout: Layout } {
  const layout = baseLayout();
  if (p.kind !== 'spectrum') {
    const data: Trace[] = p.series.map(s => ({ type: 'scatter', mode: s.y.length > 64 ? 'lines' : 'lines+markers', name: s.name, x: s.x ?? s.y.map((_, i) => i), y: s.y }));
    // Steps and epochs are integers: no ticks at 0.5 for a short run.
    const xs = data.flatMap(t => (t.x ?? []) as number[]);
    const integral = xs.every(Number.isInteger) && Math.max(...xs) - Math.min(...xs) <= 20;
    Object.assign(layout.xaxis as object, { title: { text: p.xlabel ?? '' } }, integral ? { dtick: 1 } : {});
    Object.assign(layout.yaxis as object, { title: { text: p.ylabel ?? '' }, type: p.logY ? 'log' : 'linear' });
    layout.showlegend = p.series.length > 1;
    return { data, layout };
  }
  // spectrum: magnitude and phase side by side (images) or stacked (1-D signals)
  const two = p.magnitude.shape.length === 2;
  const ms = p.magnitudeScale;
  layout.grid = two ? { rows: 1, columns: 2, pattern: 'independent' } : { rows: 2, columns: 1, pattern: 'independent' };
  layout.height = two ? 360 : 420;
  layout.annotations = [
    { text: '|X| magnitude', showarrow: false, xref: 'x domain', yref: 'y domain', x: 0, y: 1.08, xanchor: 'left' },
    { text: 'phase (rad)', showarrow: false, xref: 'x2 domain', yref: 'y2 domain', x: 0, y: 1.08, xanchor: 'left' }
  ];
  if (two) {
    Object.assign(layout.yaxis as object, { autorange: 'reversed', scaleanchor: 'x' });
    Object.assign(layout.yaxis2 as object, { autorange: 'reversed', scaleanchor: 'x2' });
    return {
      layout,
      data: [
        { type: 'heatmap', z: rows(p.magnitude), colorscale: colorscale(ms.cmap), zmin: ms.vmin, zmax: ms.vmax, colorbar: { x: 0.45, len: 0.9 } },
        { type: 'heatmap', z: rows(p.phase), xaxis: 'x2', yaxis: 'y2', colorscale: colorscale('coolwarm'), zmin: -Math.PI, zmax: Math.PI, zmid: 0 }
      ]
    };
  }
  const line = (a: ArrayData): number[] => Array.from(arrayValues(a));
  const f = line(p.magnitude).map((_, i, all) => (p.shifted ? i - Math.floor(all.length / 2) : i));
  Object.assign(layout.xaxis2 as object, { title: { text: p.shifted ? 'frequency index (centred)' : 'frequency index' } });
  return {
    layout,
    data: [
      { type: 'scatter', mode: 'lines+markers', name: '|X|', x: f, y: line(p.magnitude) },
      { type: 'scatter', mode: 'lines+markers', name: 'phase', x: f, y: line(p.phase), xaxis: 'x2', yaxis: 'y2' }
    ]
  };
}

/** Renders into `root`; returns an updater for liveplots (same element, Plotly.react) and a disposer. */
export async function renderPlot(root: HTMLElement, p: PlotPayload): Promise<{ update(p: PlotPayload): Promise<void>; dispose(): void }> {
  root.dataset.convlabKind = p.kind;
  const head = el('div');
  const status = el('div', 'jp-convlab-note');
  const div = el('div', 'jp-convlab-plot');
  root.append(head, div, status);
  const Plotly = await loadPlotly();
  const update = async (q: PlotPayload): Promise<void> => {
    head.replaceChildren(header(q.title, q.notes));
    const { data, layout } = figure(q);
    await Plotly.react(div, data, layout, { displaylogo: false, responsive: true });
    const points = q.kind === 'spectrum' ? 0 : q.series.reduce((m, s) => Math.max(m, s.y.length), 0);
    root.dataset.points = String(points);
    status.textContent = q.kind === 'liveplot' ? (q.done ? `done · ${points} points` : `training… ${points} points`) : '';
  };
  await update(p);
  return { update, dispose: () => Plotly.purge(div) };
}
