/**
 * A few SVG element writers. Figures are built as strings: the same text is sent as `image/svg+xml` and
 * rasterised by resvg, so what a reader selects in the SVG is what the PNG shows. Coordinates are CSS
 * pixels, rounded to 1/100 to keep the text short.
 */
import { FONT_FAMILY, textWidth, type Weight } from "./font";
import type { Theme } from "./theme";

export type Attrs = Record<string, string | number | undefined>;

export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A coordinate or length, at most two decimals. */
export const num = (v: number): string => String(Math.round(v * 100) / 100);

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === "number" ? num(v) : esc(v as string)}"`)
    .join("");
}

export function el(tag: string, a: Attrs, body?: string): string {
  return body === undefined ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${body}</${tag}>`;
}

export const group = (a: Attrs, parts: string[]): string => el("g", a, parts.join(""));

export interface TextStyle {
  size: number;
  fill: string;
  anchor?: "start" | "middle" | "end";
  weight?: Weight;
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  cls?: string;
}

/** Text with its baseline at y. Sizes are set per element so the font never depends on CSS. */
export function text(x: number, y: number, s: string, st: TextStyle): string {
  return el(
    "text",
    {
      x,
      y,
      class: st.cls,
      "font-size": st.size,
      fill: st.fill,
      "text-anchor": st.anchor === "start" ? undefined : st.anchor,
      "font-weight": st.weight === "bold" ? "bold" : undefined,
      transform: st.rotate ? `rotate(${num(st.rotate)} ${num(x)} ${num(y)})` : undefined,
    },
    esc(s),
  );
}

/** `s` cut with an ellipsis to fit `width` px (for per-map labels under narrow maps). */
export function fit(s: string, width: number, size: number, weight: Weight = "normal"): string {
  if (textWidth(s, size, weight) <= width) return s;
  let t = s;
  while (t.length > 1 && textWidth(t + "…", size, weight) > width) t = t.slice(0, -1);
  return t + "…";
}

export const line = (
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  width = 1,
  extra: Attrs = {},
): string => el("line", { x1, y1, x2, y2, stroke, "stroke-width": width, ...extra });

export const rect = (x: number, y: number, width: number, height: number, a: Attrs): string =>
  el("rect", { x, y, width, height, ...a });

/**
 * The whole document: size, background, and the one style rule that keeps map images pixel-crisp.
 * resvg honours only the `optimizeSpeed` attribute; browsers honour `pixelated`, which resvg would
 * misread as "smooth" if it saw it, and resvg skips `@supports` blocks while browsers apply them.
 */
export function svgDocument(
  width: number,
  height: number,
  theme: Theme,
  title: string | undefined,
  body: string[],
): string {
  const w = Math.ceil(width),
    h = Math.ceil(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ` +
    `font-family="${FONT_FAMILY}" data-theme="${theme.name}">` +
    (title ? el("title", {}, esc(title)) : "") +
    "<style>@supports (image-rendering: pixelated) { image.map { image-rendering: pixelated } }</style>" +
    rect(0, 0, w, h, { fill: theme.background }) +
    body.join("") +
    "</svg>"
  );
}
