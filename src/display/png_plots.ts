/**
 * PNG renderings of line plots (plot, liveplot) and the progress bar. Axes show the data range;
 * null values (NaN/Inf in the data) break the line.
 */
import type { Rgb } from "./colormap";
import { textWidth } from "./font";
import type { LivePlotView, PlotView, ProgressView } from "./payload";
import { fmt, INK, MUTED, Raster } from "./raster";

/** Series colours (tab10's first five, easy to tell apart). */
const PALETTE: Rgb[] = [[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189]];

const W = 420, H = 220, PAD = 8;

export function renderPlot(p: PlotView | LivePlotView): Buffer {
  const ys = p.series.flatMap((s) => s.y.filter((v): v is number => v !== null && (!p.logY || v > 0)));
  const xs = p.series.flatMap((s) => s.x ?? s.y.map((_, i) => i));
  const tf = (v: number) => (p.logY ? Math.log10(v) : v);
  let ymin = ys.length ? Math.min(...ys.map(tf)) : 0, ymax = ys.length ? Math.max(...ys.map(tf)) : 1;
  if (ymin === ymax) { ymin -= 0.5; ymax += 0.5; }
  let xmin = xs.length ? Math.min(...xs) : 0, xmax = xs.length ? Math.max(...xs) : 1;
  if (xmin === xmax) { xmin -= 0.5; xmax += 0.5; }
  const r = new Raster(W, H);
  const top = PAD + (p.title ? 18 : 0);
  const left = PAD + Math.max(textWidth(fmt(p.logY ? 10 ** ymax : ymax)), textWidth(fmt(p.logY ? 10 ** ymin : ymin))) + 4;
  const legendH = p.series.length > 1 ? 10 : 0;
  const bottom = H - PAD - 10 - legendH;
  const right = W - PAD;
  if (p.title) r.text(PAD, PAD, p.title, INK, 2);
  r.line(left, top, left, bottom, MUTED);
  r.line(left, bottom, right, bottom, MUTED);
  r.text(PAD, top, fmt(p.logY ? 10 ** ymax : ymax), INK);
  r.text(PAD, bottom - 5, fmt(p.logY ? 10 ** ymin : ymin), INK);
  r.text(left, bottom + 4, fmt(xmin), INK);
  r.text(right - textWidth(fmt(xmax)), bottom + 4, fmt(xmax), INK);
  if (p.xlabel) r.text((left + right - textWidth(p.xlabel)) >> 1, bottom + 4, p.xlabel, MUTED);
  const px = (x: number) => left + ((x - xmin) / (xmax - xmin)) * (right - left);
  const py = (y: number) => bottom - ((tf(y) - ymin) / (ymax - ymin)) * (bottom - top);
  let lx = left;
  p.series.forEach((s, k) => {
    const c = PALETTE[k % PALETTE.length];
    let prev: [number, number] | null = null;
    s.y.forEach((y, i) => {
      if (y === null || (p.logY && y <= 0)) { prev = null; return; }
      const pt: [number, number] = [px(s.x?.[i] ?? i), py(y)];
      if (prev) r.line(prev[0], prev[1], pt[0], pt[1], c, 2);
      else r.fill(pt[0] - 1, pt[1] - 1, 2, 2, c);
      prev = pt;
    });
    if (legendH) {
      r.fill(lx, H - PAD - 5, 8, 3, c);
      lx += 12 + r.text(lx + 12, H - PAD - 6, s.name, INK) + 8;
    }
  });
  return r.toPng();
}

export function renderProgress(p: ProgressView): Buffer {
  const r = new Raster(W, 34);
  const frac = p.total > 0 ? Math.min(1, Math.max(0, p.value / p.total)) : 0;
  r.fill(PAD, PAD, W - 2 * PAD, 10, [225, 225, 225]);
  r.fill(PAD, PAD, Math.round((W - 2 * PAD) * frac), 10, p.done ? [44, 160, 44] : [31, 119, 180]);
  r.text(PAD, PAD + 14, progressLine(p), INK);
  return r.toPng();
}

/** "label 50/100 50% 5.0s eta 5.0s loss=0.12" (shared by the PNG and text/plain). */
export function progressLine(p: ProgressView): string {
  const pct = p.total > 0 ? Math.floor((100 * p.value) / p.total) : 0;
  const parts = [p.label ?? "", `${p.value}/${p.total}`, `${pct}%`, `${p.elapsedSeconds.toFixed(1)}s`];
  if (p.etaSeconds !== undefined && !p.done) parts.push(`eta ${p.etaSeconds.toFixed(1)}s`);
  for (const [k, v] of Object.entries(p.metrics ?? {})) parts.push(`${k}=${fmt(v)}`);
  return parts.filter((s) => s).join(" ");
}
