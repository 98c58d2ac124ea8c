/**
 * PNG renderings of the map-like views: heatmap, grid, matrix, spectrum, convolution. Layout:
 * an optional title line, the maps drawn with nearest-neighbour blocks, labels under them and a
 * colour bar with its range on the right.
 */
import { cmapAt, type Rgb } from "./colormap";
import { renderPlot } from "./png_plots";
import { textWidth } from "./font";
import { arrayValues, type ColorScale, type ConvolutionView, type GridView, type HeatmapView, type MatrixView, type SpectrumView } from "./payload";
import { blockSize, fmt, INK, MUTED, Raster } from "./raster";

const PAD = 8;
const LINE = 9;
const BAR_W = 10;
/** Titles are drawn at twice the label size. */
const TITLE_H = 16;
const PAD_RING: Rgb = [225, 225, 225];
const FIELD: Rgb = [230, 30, 30];

/** Width of the colour bar with its labels. */
function barWidth(s: ColorScale): number {
  return BAR_W + 4 + Math.max(textWidth(fmt(s.vmax)), textWidth(fmt(s.vmin)));
}

function colorBar(r: Raster, x: number, y: number, h: number, s: ColorScale): void {
  for (let j = 0; j < h; j++) {
    const c = cmapAt(s.cmap, 1 - j / Math.max(1, h - 1));
    r.fill(x, y + j, BAR_W, 1, c);
  }
  r.rect(x - 1, y - 1, BAR_W + 2, h + 2, MUTED);
  r.text(x + BAR_W + 4, y, fmt(s.vmax), INK);
  r.text(x + BAR_W + 4, y + h - 5, fmt(s.vmin), INK);
}

interface Panel {
  label: string;
  h: number;
  w: number;
  values: Float32Array;
  scale: ColorScale;
}

/** Panels side by side, each with a label under it; returns the raster and where each panel went. */
function panels(title: string | undefined, ps: Panel[], bar: ColorScale | null, px: number): { r: Raster; at: Array<[number, number]> } {
  const top = PAD + (title ? TITLE_H : 0);
  const height = Math.max(...ps.map((p) => p.h * px)) ;
  const widths = ps.map((p) => Math.max(p.w * px, textWidth(p.label)));
  const width = PAD + widths.reduce((a, b) => a + b + PAD, 0) + (bar ? barWidth(bar) + PAD : 0);
  const r = new Raster(Math.max(width, title ? textWidth(title, 2) + 2 * PAD : 0), top + height + LINE + 2 * PAD);
  if (title) r.text(PAD, PAD, title, INK, 2);
  const at: Array<[number, number]> = [];
  let x = PAD;
  ps.forEach((p, k) => {
    r.map(x, top, p.h, p.w, p.values, p.scale, px);
    r.text(x, top + p.h * px + 4, p.label, MUTED);
    at.push([x, top]);
    x += widths[k] + PAD;
  });
  if (bar) colorBar(r, x, top, height, bar);
  return { r, at };
}

export function renderHeatmap(p: HeatmapView): Buffer {
  const [h, w] = p.data.shape;
  const label = `${p.source?.shape.join("x") ?? `${h}x${w}`}${p.labels?.y ? ` ${p.labels.y}` : ""}${p.labels?.x ? ` / ${p.labels.x}` : ""}`;
  return panels(p.title, [{ label, h, w, values: arrayValues(p.data), scale: p }], p, blockSize(Math.max(h, w), 96, 512)).r.toPng();
}

export function renderMatrix(p: MatrixView): Buffer {
  const [h, w] = p.data.shape;
  const values = arrayValues(p.data);
  const px = p.showValues ? Math.max(blockSize(Math.max(h, w)), 24) : blockSize(Math.max(h, w), 96, 512);
  const { r, at } = panels(p.title, [{ label: `${h}x${w}`, h, w, values, scale: p }], p, px);
  const [x0, y0] = at[0];
  if (p.showValues) {
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
      const s = fmt(values[i * w + j]);
      const t = Math.min(1, Math.max(0, (values[i * w + j] - p.vmin) / (p.vmax - p.vmin || 1)));
      const ink = p.cmap === "viridis" && t < 0.6 ? [255, 255, 255] as const : INK;
      if (textWidth(s) < px - 2) r.text(x0 + j * px + ((px - textWidth(s)) >> 1), y0 + i * px + ((px - 5) >> 1), s, [...ink]);
    }
  }
  return r.toPng();
}

export function renderGrid(p: GridView): Buffer {
  const [cells, h, w] = p.data.shape;
  const values = arrayValues(p.data);
  const px = blockSize(Math.max(h, w), 40, 96);
  const labelW = Math.max(0, ...p.cellLabels.map((s) => textWidth(s)));
  const cw = Math.max(w * px, labelW) + PAD, chh = h * px + LINE + 4;
  const top = PAD + (p.title ? TITLE_H : 0);
  const gridH = p.rows * chh;
  const r = new Raster(Math.max(PAD + p.cols * cw + barWidth(p) + PAD, p.title ? textWidth(p.title, 2) + 2 * PAD : 0), Math.max(top + gridH + PAD, top + 40));
  if (p.title) r.text(PAD, PAD, p.title, INK, 2);
  for (let c = 0; c < cells; c++) {
    const x = PAD + (c % p.cols) * cw, y = top + Math.floor(c / p.cols) * chh;
    r.map(x, y, h, w, values.subarray(c * h * w, (c + 1) * h * w), p, px);
    r.text(x, y + h * px + 3, p.cellLabels[c] ?? "", MUTED);
  }
  colorBar(r, PAD + p.cols * cw, top, Math.max(24, gridH - LINE - 4), p);
  return r.toPng();
}

export function renderSpectrum(p: SpectrumView): Buffer {
  const shape = p.magnitude.shape;
  if (shape.length === 1) {
    // A 1-D spectrum reads best as curves: |z| and phase (radians) over the frequency index.
    const y = (a: Float32Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
    return renderPlot({
      version: p.version, kind: "plot", notes: p.notes, ...(p.title ? { title: p.title } : {}), xlabel: p.shifted ? "k (shifted)" : "k",
      series: [{ name: "|z|", y: y(arrayValues(p.magnitude)) }, { name: "phase", y: y(arrayValues(p.phase)) }],
    });
  }
  const [h, w] = shape;
  const px = blockSize(Math.max(h, w), 64, 256);
  const phaseScale: ColorScale = { cmap: "coolwarm", vmin: -Math.PI, vmax: Math.PI, center: 0 };
  return panels(p.title, [
    { label: `|z| ${fmt(p.magnitudeScale.vmin)}..${fmt(p.magnitudeScale.vmax)}`, h, w, values: arrayValues(p.magnitude), scale: p.magnitudeScale },
    { label: "phase -pi..pi", h, w, values: arrayValues(p.phase), scale: phaseScale },
  ], p.magnitudeScale, px).r.toPng();
}

/**
 * Input (with its zero-padding ring in light grey), kernel and output side by side; the receptive
 * field of output (0, 0) is outlined on the padded input and that output cell on y.
 */
export function renderConvolution(p: ConvolutionView): Buffer {
  const [h, w] = p.input.shape, [kh, kw] = p.kernel.shape, [oh, ow] = p.output.shape;
  const [ph, pw] = p.padding, [dh, dw] = p.dilation;
  const px = blockSize(Math.max(h + 2 * ph, w + 2 * pw, kh, kw, oh, ow), 128, 256);
  const blank = new Float32Array((h + 2 * ph) * (w + 2 * pw));
  const { r, at } = panels(p.title, [
    { label: `x ${h}x${w} pad ${ph},${pw}`, h: h + 2 * ph, w: w + 2 * pw, values: blank, scale: p.inputScale },
    { label: `w ${kh}x${kw}`, h: kh, w: kw, values: arrayValues(p.kernel), scale: p.kernelScale },
    { label: `y ${oh}x${ow}`, h: oh, w: ow, values: arrayValues(p.output), scale: p.outputScale },
  ], null, px);
  const [x0, y0] = at[0];
  r.fill(x0, y0, (w + 2 * pw) * px, (h + 2 * ph) * px, PAD_RING);
  r.map(x0 + pw * px, y0 + ph * px, h, w, arrayValues(p.input), p.inputScale, px);
  const pen = Math.max(1, px >> 4);
  for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) r.rect(x0 + b * dw * px, y0 + a * dh * px, px, px, FIELD, pen);
  r.rect(at[2][0], at[2][1], px, px, FIELD, pen);
  r.text(at[2][0], r.height - LINE, `s=${p.stride.join(",")} p=${p.padding.join(",")} d=${p.dilation.join(",")}`, MUTED);
  return r.toPng();
}
