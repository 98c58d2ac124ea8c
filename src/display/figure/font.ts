/**
 * The one font of the static figures: DejaVu Sans (regular and bold) from the npm package
 * `dejavu-fonts-ttf`. resvg is given exactly these files (no system fonts), and layout measures text
 * with their own advance widths, read here from the TrueType tables (`cmap` format 4, `hmtx`), so a
 * label is as wide in the layout as in the rasterised PNG. Kerning is ignored: widths err on the wide
 * side, which only adds a little space. DejaVu Sans is also matplotlib's default font.
 */
import { readFileSync } from "node:fs";

/** The family named in the SVG; browsers without DejaVu fall back to the similarly wide Verdana. */
export const FONT_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";
export const FONT_NAME = "DejaVu Sans";

export type Weight = "normal" | "bold";

export function fontFile(weight: Weight): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${weight === "bold" ? "DejaVuSans-Bold" : "DejaVuSans"}.ttf`);
}

interface Metrics {
  /** Advance width in ems of each BMP code point the font maps (0 where unmapped). */
  advance: Float32Array;
  fallback: number;
}

const cache = new Map<Weight, Metrics>();

/** Offsets of the TrueType tables by tag. */
function tables(b: Buffer): Map<string, number> {
  const n = b.readUInt16BE(4);
  const out = new Map<string, number>();
  for (let i = 0; i < n; i++) out.set(b.toString("latin1", 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(20 + 16 * i));
  return out;
}

function table(t: Map<string, number>, tag: string): number {
  const at = t.get(tag);
  if (at === undefined) throw new Error(`font: expected a "${tag}" table in DejaVu Sans, got none`);
  return at;
}

function load(weight: Weight): Metrics {
  const b = readFileSync(fontFile(weight));
  const t = tables(b);
  const unitsPerEm = b.readUInt16BE(table(t, "head") + 18);
  const numberOfHMetrics = b.readUInt16BE(table(t, "hhea") + 34);
  const hmtx = table(t, "hmtx");
  const glyphAdvance = (g: number) => b.readUInt16BE(hmtx + 4 * Math.min(g, numberOfHMetrics - 1)) / unitsPerEm;
  // cmap: the Windows Unicode BMP subtable (platform 3, encoding 1), format 4: segments of code points.
  const cmap = table(t, "cmap");
  let sub = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const r = cmap + 4 + 8 * i;
    if (b.readUInt16BE(r) === 3 && b.readUInt16BE(r + 2) === 1) sub = cmap + b.readUInt32BE(r + 4);
  }
  if (sub < 0 || b.readUInt16BE(sub) !== 4)
    throw new Error("font: expected a format-4 Unicode cmap in DejaVu Sans, got none");
  const segs = b.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14,
    starts = ends + 2 * segs + 2,
    deltas = starts + 2 * segs,
    ranges = deltas + 2 * segs;
  const advance = new Float32Array(0x10000);
  for (let s = 0; s < segs; s++) {
    const start = b.readUInt16BE(starts + 2 * s),
      end = b.readUInt16BE(ends + 2 * s);
    const delta = b.readInt16BE(deltas + 2 * s),
      rangeOffset = b.readUInt16BE(ranges + 2 * s);
    for (let c = start; c <= end && c < 0xffff; c++) {
      // idRangeOffset 0: glyph = c + delta; otherwise a glyph index array entry (0 = missing) + delta.
      const raw = rangeOffset === 0 ? c : b.readUInt16BE(ranges + 2 * s + rangeOffset + 2 * (c - start));
      const g = raw === 0 && rangeOffset !== 0 ? 0 : (raw + delta) & 0xffff;
      if (g !== 0) advance[c] = glyphAdvance(g);
    }
  }
  return { advance, fallback: glyphAdvance(0) };
}

/** Width in px of `s` set in DejaVu Sans at `size` px. */
export function textWidth(s: string, size: number, weight: Weight = "normal"): number {
  let m = cache.get(weight);
  if (!m) cache.set(weight, (m = load(weight)));
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += (c < 0x10000 && m.advance[c]) || m.fallback;
  }
  return w * size;
}
