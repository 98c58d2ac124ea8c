/**
 * A map's values as a tiny PNG (one pixel per value, colour-mapped) embedded in the SVG as a data URI
 * and scaled up there with nearest-neighbour sampling, so every value stays a crisp square at any zoom
 * and the SVG stays small (a 28x28 map is a few hundred bytes, not 784 rectangles).
 */
import { PNG } from "pngjs";
import { colorOf } from "../colormap";
import type { ColorScale } from "../payload";
import { el } from "./svg";

/** How many values of each non-finite kind a map holds (for the NaN/±Inf legend). */
export interface NonFinite {
  nan: number;
  posInf: number;
  negInf: number;
}

export function countNonFinite(
  values: ArrayLike<number>,
  into: NonFinite = { nan: 0, posInf: 0, negInf: 0 },
): NonFinite {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) into.nan++;
    else if (v === Infinity) into.posInf++;
    else if (v === -Infinity) into.negInf++;
  }
  return into;
}

export function mapPngUri(h: number, w: number, values: ArrayLike<number>, scale: ColorScale): string {
  const png = new PNG({ width: w, height: h, colorType: 2, inputHasAlpha: true });
  for (let i = 0; i < h * w; i++) {
    const c = colorOf(values[i], scale);
    png.data[4 * i] = c[0];
    png.data[4 * i + 1] = c[1];
    png.data[4 * i + 2] = c[2];
    png.data[4 * i + 3] = 255;
  }
  return "data:image/png;base64," + PNG.sync.write(png, { colorType: 2 }).toString("base64");
}

/** Black or white, whichever reads on the colour of value v (luminance under half → white). */
export function inkOn(v: number, scale: ColorScale): string {
  const [r, g, b] = colorOf(v, scale);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "#ffffff" : "#111111";
}

export interface MapBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The `<image>` of an (h, w) map in a box. `data-cells` records the grid so tests (and readers of the
 * SVG) can find value (i, j) at x + (j + ½)·width/w.
 */
export function mapImage(
  box: MapBox,
  h: number,
  w: number,
  values: ArrayLike<number>,
  scale: ColorScale,
  frame: string,
  label?: string,
): string {
  return (
    el("image", {
      class: "map",
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      preserveAspectRatio: "none",
      "image-rendering": "optimizeSpeed",
      "data-cells": `${h}x${w}`,
      "data-label": label,
      href: mapPngUri(h, w, values, scale),
    }) +
    el("rect", {
      x: box.x - 0.5,
      y: box.y - 0.5,
      width: box.width + 1,
      height: box.height + 1,
      fill: "none",
      stroke: frame,
      "stroke-width": 1,
    })
  );
}
