/**
 * A progress bar: label and count above, the bar, then elapsed time, the estimate and the metrics.
 */
import type { ProgressView } from "../payload";
import { Figure, MARGIN, SIZE } from "./figure";
import { rect, text } from "./svg";
import type { Theme } from "./theme";
import { fmt } from "./ticks";

const WIDTH = 480;

export function progressFigure(theme: Theme, p: ProgressView): string {
  const f = new Figure(theme),
    t = theme;
  const frac = p.total > 0 ? Math.min(1, Math.max(0, p.value / p.total)) : 0;
  const pct = p.total > 0 ? Math.floor((100 * p.value) / p.total) : 0;
  const inner = WIDTH - 2 * MARGIN;
  const y0 = MARGIN + SIZE.label;
  const time = [
    `${p.elapsedSeconds.toFixed(1)} s`,
    ...(p.etaSeconds !== undefined && !p.done ? [`about ${p.etaSeconds.toFixed(1)} s left`] : []),
    ...(p.done ? ["done"] : []),
  ];
  const metrics = Object.entries(p.metrics ?? {}).map(([k, v]) => `${k} ${fmt(v)}`);
  const body = [
    text(MARGIN, y0, p.label ?? "progress", { size: SIZE.label, fill: t.ink, weight: "bold", cls: "label" }),
    text(WIDTH - MARGIN, y0, `${p.value}/${p.total} · ${pct} %`, {
      size: SIZE.label,
      fill: t.ink,
      anchor: "end",
      cls: "count",
    }),
    rect(MARGIN, y0 + 8, inner, 10, { rx: 5, fill: t.progressTrack }),
    rect(MARGIN, y0 + 8, Math.max(frac > 0 ? 10 : 0, inner * frac), 10, {
      rx: 5,
      fill: p.done ? t.series[2] : t.series[0],
      class: "bar",
    }),
    text(MARGIN, y0 + 18 + 8 + SIZE.note, [...time, ...metrics].join(" · "), {
      size: SIZE.note,
      fill: t.muted,
      cls: "detail",
    }),
  ];
  return f.document(WIDTH, y0 + 18 + 8 + SIZE.note + MARGIN - 2, p.label, body);
}
