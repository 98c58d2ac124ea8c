/**
 * The colour bar beside (or under) a map: the colour map as a gradient, ticks at nice values of the
 * scale (or given ones, e.g. ±π for phase), and swatches for NaN / +Inf / −Inf when the data has any.
 */
import { NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR, type Rgb } from "../colormap";
import type { ColorScale } from "../payload";
import { SIZE, type Block, type Figure } from "./figure";
import { textWidth } from "./font";
import type { NonFinite } from "./map_image";
import { group, line, rect, text } from "./svg";
import { fmt, linearTicks, MINUS, type Tick, type TickSet } from "./ticks";

const BAR = 12;
const TICK = 4;
const rgb = (c: Rgb) => `rgb(${c[0]},${c[1]},${c[2]})`;

/**
 * About one tick per `spacing` px and at least `min` (so a symmetric scale shows both signs and 0);
 * a horizontal bar asks for fewer, as its labels sit side by side.
 */
function scaleTicks(s: ColorScale, length: number, spacing: number, min: number): TickSet {
  if (!(s.vmax > s.vmin)) return { ticks: [{ v: s.vmin, label: fmt(s.vmin) }] };
  return linearTicks(s.vmin, s.vmax, Math.max(min, Math.floor(length / spacing)));
}

/** Swatches for the non-finite kinds present, one per line (vertical) or in a row. */
function marks(f: Figure, x: number, y: number, nf: NonFinite | undefined, vertical: boolean): Block {
  const kinds: Array<[string, Rgb, number]> = [
    ["NaN", NAN_COLOR, nf?.nan ?? 0],
    ["+Inf", POS_INF_COLOR, nf?.posInf ?? 0],
    [`${MINUS}Inf`, NEG_INF_COLOR, nf?.negInf ?? 0],
  ];
  const parts: string[] = [];
  let dx = 0,
    dy = 0,
    width = 0;
  for (const [name, c, n] of kinds.filter((k) => k[2] > 0)) {
    const label = `${name} (${n})`;
    parts.push(
      group({ class: "nonfinite", "data-kind": name }, [
        rect(x + dx, y + dy, 10, 10, { fill: rgb(c), stroke: f.theme.mapFrame, "stroke-width": 1 }),
        text(x + dx + 14, y + dy + 9, label, { size: SIZE.tick, fill: f.theme.ink }),
      ]),
    );
    const w = 14 + textWidth(label, SIZE.tick);
    width = Math.max(width, vertical ? w : dx + w);
    if (vertical) dy += 15;
    else dx += w + 10;
  }
  return { svg: parts.join(""), width, height: parts.length ? (vertical ? dy : 15) : 0 };
}

/** A vertical bar `length` px tall with its top-left at (x, y). */
export function colorBar(
  f: Figure,
  x: number,
  y: number,
  length: number,
  s: ColorScale,
  opts: { ticks?: Tick[]; nonFinite?: NonFinite; title?: string } = {},
): Block {
  const t = f.theme,
    set = opts.ticks ? { ticks: opts.ticks } : scaleTicks(s, length, 28, 4),
    ticks = set.ticks;
  const span = s.vmax - s.vmin;
  const at = (v: number) => y + length - (span > 0 ? ((v - s.vmin) / span) * length : length / 2);
  const parts = [rect(x, y, BAR, length, { fill: f.gradient(s.cmap, true), stroke: t.mapFrame, "stroke-width": 1 })];
  let labelW = 0;
  for (const k of ticks) {
    parts.push(
      group({ class: "tick" }, [
        line(x + BAR, at(k.v), x + BAR + TICK, at(k.v), t.axis),
        text(x + BAR + TICK + 3, at(k.v) + SIZE.tick * 0.35, k.label, { size: SIZE.tick, fill: t.ink }),
      ]),
    );
    labelW = Math.max(labelW, textWidth(k.label, SIZE.tick));
  }
  // the power of ten of the labels, under the bar
  const factor = set.factor ? SIZE.tick + 8 : 0;
  if (set.factor)
    parts.push(text(x, y + length + SIZE.tick + 6, set.factor, { size: SIZE.tick, fill: t.ink, cls: "factor" }));
  const m = marks(f, x, y + length + factor + 12, opts.nonFinite, true);
  parts.push(m.svg);
  return {
    svg: group({ class: "colorbar", "data-cmap": s.cmap }, parts),
    width: Math.max(BAR + TICK + 3 + labelW, m.width, set.factor ? textWidth(set.factor, SIZE.tick) : 0),
    height: length + factor + (m.height ? 12 + m.height : SIZE.tick / 2),
  };
}

/** A horizontal bar `length` px wide under a panel (the stepper's three scales), low values left. */
export function colorBarH(
  f: Figure,
  x: number,
  y: number,
  length: number,
  s: ColorScale,
  nonFinite?: NonFinite,
): Block {
  const t = f.theme,
    set = scaleTicks(s, length, 50, 3),
    ticks = set.ticks;
  const span = s.vmax - s.vmin;
  const at = (v: number) => x + (span > 0 ? ((v - s.vmin) / span) * length : length / 2);
  const H = 8;
  const parts = [rect(x, y, length, H, { fill: f.gradient(s.cmap, false), stroke: t.mapFrame, "stroke-width": 1 })];
  if (set.factor)
    parts.push(text(x + length, y - 3, set.factor, { size: SIZE.tick, fill: t.ink, anchor: "end", cls: "factor" }));
  for (const k of ticks) {
    parts.push(
      group({ class: "tick" }, [
        line(at(k.v), y + H, at(k.v), y + H + TICK, t.axis),
        text(at(k.v), y + H + TICK + SIZE.tick, k.label, { size: SIZE.tick, fill: t.ink, anchor: "middle" }),
      ]),
    );
  }
  const m = marks(f, x, y + H + TICK + SIZE.tick + 6, nonFinite, false);
  parts.push(m.svg);
  return {
    svg: group({ class: "colorbar", "data-cmap": s.cmap }, parts),
    width: length,
    height: H + TICK + SIZE.tick + 3 + (m.height ? 6 + m.height : 0),
  };
}
