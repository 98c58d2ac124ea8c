/** A horizontal colour bar with the value range (and the centre for diverging maps). */
import { colormapLut } from "../model/colormap";
import { formatValue } from "../model/format";
import type { Scale } from "../model/scale";
import { el } from "./dom";

/** `relative`: label the ends min/max instead of values (per-map scales differ from map to map). */
export function colorBar(scale: Scale, caption = "", relative = false): HTMLElement {
  const box = el("div", "jp-convlab-colorbar");
  const c = document.createElement("canvas");
  c.width = 256;
  c.height = 1;
  const ctx = c.getContext("2d");
  if (ctx) {
    const img = ctx.createImageData(256, 1);
    const lut = colormapLut(scale.cmap);
    for (let i = 0; i < 256; i++) {
      img.data.set([lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2], 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }
  const ticks = el("div", "jp-convlab-colorbar-ticks");
  const diverging = scale.cmap === "coolwarm";
  ticks.appendChild(
    el("span", "jp-convlab-vmin", relative ? (diverging ? "−max|v|" : "min") : formatValue(scale.vmin)),
  );
  if (diverging)
    ticks.appendChild(el("span", "jp-convlab-center", formatValue(scale.center ?? (scale.vmin + scale.vmax) / 2)));
  ticks.appendChild(
    el("span", "jp-convlab-vmax", relative ? (diverging ? "+max|v|" : "max") : formatValue(scale.vmax)),
  );
  box.append(c, ticks);
  if (caption) box.appendChild(el("div", "jp-convlab-note", caption));
  box.dataset.vmin = String(scale.vmin);
  box.dataset.vmax = String(scale.vmax);
  return box;
}
