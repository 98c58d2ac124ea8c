/**
 * Value -> colour scales.
 *
 * Sequential (viridis, gray): t = (v - vmin) / (vmax - vmin), clamped to [0, 1].
 * Diverging (coolwarm), centred at c (0 by default): m = max(|vmax - c|, |vmin - c|) and the range becomes
 * [c - m, c + m], so c is always the neutral middle colour and equal magnitudes of opposite sign get
 * mirror colours: the reading students need for signed weights and gradients.
 * The kernel already sends symmetric ranges for shared scales; per-map scales are computed here.
 */
import type { ColorScale } from "../../../src/display/payload";
import { type Rgb, colorAt, nonFiniteColor } from "./colormap";

export interface Scale extends ColorScale {
  /** v -> t in [0, 1]; NaN for non-finite v. */
  normalize(v: number): number;
  color(v: number): Rgb;
}

/** Smallest and largest finite value of data[start:end]; {min: 0, max: 1} when none is finite. */
export function finiteRange(data: ArrayLike<number>, start = 0, end = data.length): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const v = data[i];
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : { min: 0, max: 1 };
}

/** A scale from a payload ColorScale (symmetric about `center` for coolwarm). */
export function makeScale(cs: ColorScale): Scale {
  let { vmin, vmax } = cs;
  if (cs.cmap === "coolwarm") {
    const c = cs.center ?? 0;
    const m = Math.max(Math.abs(vmax - c), Math.abs(vmin - c));
    vmin = c - m;
    vmax = c + m;
  }
  const span = vmax - vmin;
  const normalize = (v: number): number =>
    Number.isFinite(v) ? (span === 0 ? 0.5 : Math.min(1, Math.max(0, (v - vmin) / span))) : NaN;
  return {
    cmap: cs.cmap,
    vmin,
    vmax,
    center: cs.center,
    normalize,
    color: (v) => nonFiniteColor(v) ?? colorAt(cs.cmap, normalize(v)),
  };
}

/** A scale fitted to one map's own finite range (the "per-map" option), same colour map and centre. */
export function perMapScale(cs: ColorScale, values: ArrayLike<number>): Scale {
  const r = finiteRange(values);
  return makeScale({ cmap: cs.cmap, vmin: r.min, vmax: r.max, center: cs.center });
}

/**
 * Paint an h x w row-major map into RGBA pixels, one pixel per value. The canvas is then scaled by CSS
 * with `image-rendering: pixelated`, so maps stay crisp at any zoom. Each value gets the kernel's exact
 * colour (not a 256-step table), so the live map and the static figure's PNG agree pixel for pixel.
 */
export function paintRgba(
  values: ArrayLike<number>,
  scale: Scale,
  out = new Uint8ClampedArray(values.length * 4),
): Uint8ClampedArray {
  for (let i = 0; i < values.length; i++) {
    out.set(scale.color(values[i]), i * 4);
    out[i * 4 + 3] = 255;
  }
  return out;
}
