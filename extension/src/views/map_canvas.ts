/**
 * One heatmap on a canvas: one canvas pixel per value, scaled up by CSS with `image-rendering: pixelated`
 * (crisp squares at any zoom, no smoothing that would invent values), plus hover and click.
 */
import { hitTest } from "../model/layout";
import { formatIndex, formatValue } from "../model/format";
import { type Scale, paintRgba } from "../model/scale";

export interface MapCanvasOptions {
  values: ArrayLike<number>;
  h: number;
  w: number;
  scale: Scale;
  /** CSS pixels per value. */
  zoom: number;
  /** Label used in the hover readout, e.g. "c3". */
  label: string;
  /** Leading index of this map in the tensor (before row, col). */
  index: readonly number[];
  /** Receives "c3 [0, 2, 5] = 0.734" while the mouse is over a value, "" when it leaves. */
  onHover(text: string): void;
  onClick?(): void;
}

export function mapCanvas(o: MapCanvasOptions): HTMLCanvasElement {
  const c = document.createElement("canvas");
  c.className = "jp-convlab-map";
  c.width = o.w;
  c.height = o.h;
  c.style.width = `${o.w * o.zoom}px`;
  c.style.height = `${o.h * o.zoom}px`;
  c.dataset.label = o.label;
  const ctx = c.getContext("2d");
  if (ctx) {
    const img = ctx.createImageData(o.w, o.h);
    paintRgba(o.values, o.scale, img.data);
    ctx.putImageData(img, 0, 0);
  }
  c.addEventListener("mousemove", (e) => {
    const r = c.getBoundingClientRect();
    // The rendered size may differ from w·zoom (browser zoom, CSS max-width): map through the real rect.
    const hit = hitTest(((e.clientX - r.left) * o.w) / r.width, ((e.clientY - r.top) * o.h) / r.height, 1, o.h, o.w);
    if (!hit) return o.onHover("");
    const v = o.values[hit.row * o.w + hit.col];
    o.onHover(`${o.label} ${formatIndex([...o.index, hit.row, hit.col])} = ${formatValue(v)}`);
  });
  c.addEventListener("mouseleave", () => o.onHover(""));
  if (o.onClick) {
    c.classList.add("jp-convlab-clickable");
    c.title = "click to enlarge";
    c.addEventListener("click", o.onClick);
  }
  return c;
}
