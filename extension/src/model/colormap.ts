/**
 * Colour maps for the live views: the kernel's own maps (src/display/colormap.ts), so a heatmap in
 * JupyterLab and the same heatmap in the static PNG/SVG figure (the course website, nbconvert) show the
 * same colour for the same value. This module only adds what a canvas needs: a 256-entry lookup table
 * for colour bars and Plotly colourscales, and the NaN-aware `colorAt`.
 * test/extension/colormap_agrees.test.ts checks both renderers pixel for pixel over a sweep of values.
 */
import type { CmapName } from "../../../src/display/payload";
import { cmapAt, NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR, type Rgb } from "../../../src/display/colormap";

export { NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR, type Rgb };

/** The payload's colour map names are the contract; this module only supplies their colours. */
export type ColormapName = CmapName;

/** Colour of a non-finite value, or null for a finite one. */
export function nonFiniteColor(v: number): Rgb | null {
  if (Number.isNaN(v)) return NAN_COLOR;
  if (v === Infinity) return POS_INF_COLOR;
  if (v === -Infinity) return NEG_INF_COLOR;
  return null;
}

const cache = new Map<ColormapName, Uint8ClampedArray>();

/** 256 x RGB lookup table of a colour map: entry i is the kernel's colour at t = i / 255 (cached). */
export function colormapLut(name: ColormapName): Uint8ClampedArray {
  const hit = cache.get(name);
  if (hit) return hit;
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(cmapAt(name, i / 255), i * 3);
  cache.set(name, lut);
  return lut;
}

/** Colour at t in [0, 1] (clamped), exactly the kernel's; NaN t gives the NaN colour. */
export function colorAt(name: ColormapName, t: number): Rgb {
  return Number.isNaN(t) ? NAN_COLOR : cmapAt(name, t);
}

/** CSS `rgb(...)` string of a colour. */
export const cssColor = (c: Rgb): string => `rgb(${c[0]},${c[1]},${c[2]})`;
