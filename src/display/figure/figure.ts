/**
 * What every figure builder shares: the theme, the type sizes, and the `<defs>` of one SVG document
 * (colour-bar gradients, plot clip paths), collected as the figure is drawn so each id is defined once.
 */
import { cmapAt } from "../colormap";
import type { CmapName } from "../payload";
import { textWidth } from "./font";
import { el, fit, num, svgDocument, text } from "./svg";
import type { Theme } from "./theme";

/** Type sizes in CSS px (the PNG is drawn at twice this density). */
export const SIZE = { title: 15, label: 12.5, tick: 11, note: 11 } as const;
/** Outer margin of every figure. */
export const MARGIN = 14;

export class Figure {
  private readonly defs = new Map<string, string>();
  constructor(readonly theme: Theme) {}

  /**
   * A gradient through a colour map, low value at the start. 25 stops at t = k/24 land on every anchor
   * of viridis (eighths) and coolwarm (sixths), so the bar is exactly the piecewise-linear map.
   */
  gradient(cmap: CmapName, vertical: boolean): string {
    const id = `cl-grad-${cmap}-${vertical ? "v" : "h"}`;
    if (!this.defs.has(id)) {
      const stops = Array.from({ length: 25 }, (_, k) => {
        const [r, g, b] = cmapAt(cmap, k / 24);
        return el("stop", { offset: num(k / 24), "stop-color": `rgb(${r},${g},${b})` });
      }).join("");
      this.defs.set(id, el("linearGradient", { id, x1: 0, y1: vertical ? 1 : 0, x2: vertical ? 0 : 1, y2: 0 }, stops));
    }
    return `url(#${id})`;
  }

  /** A rectangular clip path (plot panels clip their lines to the frame). */
  clip(x: number, y: number, width: number, height: number): string {
    const id = `cl-clip-${this.defs.size}`;
    this.defs.set(id, el("clipPath", { id }, el("rect", { x, y, width, height })));
    return `url(#${id})`;
  }

  document(width: number, height: number, title: string | undefined, body: string[]): string {
    const defs = this.defs.size ? [el("defs", {}, [...this.defs.values()].join(""))] : [];
    return svgDocument(width, height, this.theme, title, [...defs, ...body]);
  }
}

/** Titles longer than this wrap onto more lines (a long title never widens a figure past it). */
export const TITLE_WIDTH = 600;

/** A title's lines: words wrapped at `width`, a single over-long word cut with an ellipsis. */
export function titleLines(s: string, width = TITLE_WIDTH): string[] {
  const lines: string[] = [];
  for (const word of s.split(/\s+/).filter((w) => w)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, SIZE.title, "bold") <= width)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(fit(word, width, SIZE.title, "bold"));
  }
  return lines;
}

/** Width the title takes (with the margins), for the figure's width. */
export const titleWidth = (s: string | undefined): number =>
  s ? Math.max(...titleLines(s).map((l) => textWidth(l, SIZE.title, "bold"))) + 2 * MARGIN : 0;

/** Draws the title at the top; returns the y where the content starts. */
export function drawTitle(f: Figure, body: string[], s: string | undefined, gap = 14): number {
  if (!s) return MARGIN;
  const lines = titleLines(s);
  lines.forEach((l, i) =>
    body.push(
      text(MARGIN, MARGIN + SIZE.title + i * (SIZE.title + 5), l, {
        size: SIZE.title,
        fill: f.theme.ink,
        weight: "bold",
        cls: "title",
      }),
    ),
  );
  return MARGIN + SIZE.title + (lines.length - 1) * (SIZE.title + 5) + gap;
}

/** A drawn piece of a figure and the room it takes, laid out by its caller. */
export interface Block {
  svg: string;
  width: number;
  height: number;
}
