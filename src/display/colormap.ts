/**
 * Colormaps for the PNG renderer. viridis (perceptually uniform, for activations) and coolwarm
 * (diverging, for signed weights and gradients) are piecewise-linear through published anchor colours;
 * gray is linear. Non-finite values get marked colours so they are never mistaken for data.
 */
import type { CmapName, ColorScale } from "./payload";

export type Rgb = [number, number, number];

const hex = (s: string): Rgb => [parseInt(s.slice(1, 3), 16), parseInt(s.slice(3, 5), 16), parseInt(s.slice(5, 7), 16)];

/** viridis at t = 0, 1/8, …, 1 (matplotlib's table sampled at nine points). */
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"].map(
  hex,
);
/** coolwarm (Moreland) at t = 0, 1/6, …, 1; the middle is the neutral grey. */
const COOLWARM = ["#3b4cc0", "#7b9ff9", "#c0d4f5", "#dddddd", "#f2cbb7", "#ee8468", "#b40426"].map(hex);
const GRAY: Rgb[] = [
  [0, 0, 0],
  [255, 255, 255],
];
const STOPS: Record<CmapName, Rgb[]> = { viridis: VIRIDIS, coolwarm: COOLWARM, gray: GRAY };

/** Marked colours: NaN magenta, +Inf white, -Inf black (also documented in docs/payload-schema.md). */
export const NAN_COLOR: Rgb = [255, 0, 255];
export const POS_INF_COLOR: Rgb = [255, 255, 255];
export const NEG_INF_COLOR: Rgb = [0, 0, 0];

/** Colour at t ∈ [0,1] (clamped) of a named map. */
export function cmapAt(name: CmapName, t: number): Rgb {
  const stops = STOPS[name];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i],
    b = stops[i + 1];
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

/** Colour of value v under a scale: t = (v − vmin) / (vmax − vmin); a constant map shows the middle. */
export function colorOf(v: number, s: ColorScale): Rgb {
  if (Number.isNaN(v)) return NAN_COLOR;
  if (v === Infinity) return POS_INF_COLOR;
  if (v === -Infinity) return NEG_INF_COLOR;
  const span = s.vmax - s.vmin;
  return cmapAt(s.cmap, span > 0 ? (v - s.vmin) / span : 0.5);
}

/**
 * Picks the scale for data with finite range [min, max]: a diverging map is made symmetric about
 * `center` (so `center` is neutral); explicit vmin/vmax always win.
 */
export function makeScale(
  range: { min: number; max: number },
  opts: { cmap?: CmapName; vmin?: number; vmax?: number; center?: number },
  defaultCmap: CmapName,
): ColorScale {
  const cmap = opts.cmap ?? (opts.center !== undefined ? "coolwarm" : defaultCmap);
  if (cmap === "coolwarm") {
    const center = opts.center ?? 0;
    const m = Math.max(Math.abs(range.max - center), Math.abs(range.min - center)) || 1;
    return { cmap, vmin: opts.vmin ?? center - m, vmax: opts.vmax ?? center + m, center };
  }
  return { cmap, vmin: opts.vmin ?? range.min, vmax: opts.vmax ?? range.max };
}
