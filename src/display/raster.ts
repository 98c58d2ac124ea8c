/**
 * A minimal RGBA raster for the Node-side PNG renderings: rectangles, lines, text in the built-in
 * bitmap font, and colour-mapped maps blown up by nearest neighbour (each value a crisp block).
 */
import { PNG } from "pngjs";
import { colorOf, type Rgb } from "./colormap";
import { ADVANCE, GLYPH_H, GLYPH_W, glyph, textWidth } from "./font";
import type { ColorScale } from "./payload";

export const WHITE: Rgb = [255, 255, 255];
export const INK: Rgb = [40, 40, 40];
export const MUTED: Rgb = [120, 120, 120];

export class Raster {
  readonly data: Buffer;
  constructor(readonly width: number, readonly height: number, background: Rgb = WHITE) {
    this.data = Buffer.alloc(width * height * 4);
    this.fill(0, 0, width, height, background);
  }

  pixel(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (Math.floor(y) * this.width + Math.floor(x)) * 4;
    this.data[o] = c[0];
    this.data[o + 1] = c[1];
    this.data[o + 2] = c[2];
    this.data[o + 3] = 255;
  }

  fill(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = Math.max(0, y); j < Math.min(this.height, y + h); j++) {
      for (let i = Math.max(0, x); i < Math.min(this.width, x + w); i++) this.pixel(i, j, c);
    }
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb, thickness = 1): void {
    this.fill(x, y, w, thickness, c);
    this.fill(x, y + h - thickness, w, thickness, c);
    this.fill(x, y, thickness, h, c);
    this.fill(x + w - thickness, y, thickness, h, c);
  }

  /** Bresenham line, `thickness` pixels wide (square pen). */
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thickness = 1): void {
    x0 = Math.round(x0); y0 = Math.round(y0); x1 = Math.round(x1); y1 = Math.round(y1);
    const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.fill(x0, y0, thickness, thickness, c);
      if (x0 === x1 && y0 === y1) return;
      const e2 = 2 * err;
      if (e2 >= dy) { err += dy; x0 += sx; }
      if (e2 <= dx) { err += dx; y0 += sy; }
    }
  }

  /** Text with its top-left corner at (x, y); returns the width drawn. */
  text(x: number, y: number, s: string, c: Rgb = INK, scale = 1): number {
    for (let k = 0; k < s.length; k++) {
      const rows = glyph(s[k]);
      for (let r = 0; r < GLYPH_H; r++) for (let b = 0; b < GLYPH_W; b++) {
        if (rows[r] & (4 >> b)) this.fill(x + (k * ADVANCE + b) * scale, y + r * scale, scale, scale, c);
      }
    }
    return textWidth(s, scale);
  }

  /** Draws an (h, w) map with each value as a `px`-sized block (nearest-neighbour upscaling). */
  map(x: number, y: number, h: number, w: number, values: ArrayLike<number>, scale: ColorScale, px: number): void {
    for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
      this.fill(x + j * px, y + i * px, px, px, colorOf(values[i * w + j], scale));
    }
  }

  toPng(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    this.data.copy(png.data);
    return PNG.sync.write(png);
  }
}

/** Block size so a map of side `side` is drawn at least `min` and at most `max` pixels (integer ≥ 1). */
export function blockSize(side: number, min = 96, max = 384): number {
  if (side <= 0) return 1;
  return Math.max(1, Math.min(Math.floor(max / side), Math.ceil(min / side)));
}

/** Short number for labels: 3 significant digits, exponent form for very large or small values. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
  return String(Number(v.toPrecision(3)));
}
