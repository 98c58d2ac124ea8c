/**
 * Colour maps for heatmaps, as 256-entry lookup tables.
 *
 * viridis (perceptually uniform, for activations) and coolwarm, a blue-grey-red diverging map (for signed weights
 * and gradients, centred by the caller's scale). Each map is a list of evenly spaced sRGB stops; entry i of
 * the table is the linear interpolation at t = i / 255. NaN is magenta, +Inf white, -Inf black: the
 * kernel's PNG uses the same marks, so a student reads both the same way.
 */
import type { CmapName } from "../../../src/display/payload";

/** The payload's colour map names are the contract; this module only supplies their colours. */
export type ColormapName = CmapName;
export type Rgb = readonly [number, number, number];

/** Marked colours of non-finite values, as in the kernel's PNG (docs/payload-schema.md). */
export const NAN_COLOR: Rgb = [255, 0, 255];
export const POS_INF_COLOR: Rgb = [255, 255, 255];
export const NEG_INF_COLOR: Rgb = [0, 0, 0];

/** Colour of a non-finite value, or null for a finite one. */
export function nonFiniteColor(v: number): Rgb | null {
  if (Number.isNaN(v)) return NAN_COLOR;
  if (v === Infinity) return POS_INF_COLOR;
  if (v === -Infinity) return NEG_INF_COLOR;
  return null;
}

// viridis: 10 evenly spaced samples of matplotlib's map; coolwarm: 11 samples of Moreland's diverging map
// (blue < centre < red, a light grey in the middle).
const STOPS: Record<ColormapName, readonly string[]> = {
  viridis: ["440154", "482878", "3e4989", "31688e", "26828e", "1f9e89", "35b779", "6ece58", "b5de2b", "fde725"],
  coolwarm: [
    "3b4cc0",
    "5977e3",
    "7b9ff9",
    "9ebeff",
    "c0d4f5",
    "dddcdc",
    "f2cbb7",
    "f7ac8e",
    "ee8468",
    "d65244",
    "b40426",
  ],
  gray: ["000000", "ffffff"],
};

const hex = (s: string): Rgb => [parseInt(s.slice(0, 2), 16), parseInt(s.slice(2, 4), 16), parseInt(s.slice(4, 6), 16)];

const cache = new Map<ColormapName, Uint8ClampedArray>();

/** 256 x RGB lookup table of a colour map (cached). */
export function colormapLut(name: ColormapName): Uint8ClampedArray {
  const hit = cache.get(name);
  if (hit) return hit;
  const stops = STOPS[name].map(hex);
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const pos = (i / 255) * (stops.length - 1);
    const k = Math.min(Math.floor(pos), stops.length - 2);
    const f = pos - k;
    for (let ch = 0; ch < 3; ch++) lut[i * 3 + ch] = Math.round(stops[k][ch] * (1 - f) + stops[k + 1][ch] * f);
  }
  cache.set(name, lut);
  return lut;
}

/** Colour at t in [0, 1] (clamped); NaN t gives the NaN colour. */
export function colorAt(name: ColormapName, t: number): Rgb {
  if (Number.isNaN(t)) return NAN_COLOR;
  const i = Math.round(Math.min(1, Math.max(0, t)) * 255);
  const lut = colormapLut(name);
  return [lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]];
}

/** CSS `rgb(...)` string of a colour. */
export const cssColor = (c: Rgb): string => `rgb(${c[0]},${c[1]},${c[2]})`;
