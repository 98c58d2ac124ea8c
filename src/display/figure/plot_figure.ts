/**
 * Line plots, training curves and 1-D spectra, drawn from their PlotSpec (../plot_spec.ts: series grouped
 * by unit into stacked panels over one x axis, shared with the extension's plotly view). Legends sit above
 * their panel.
 */
import type { PlotSpec } from "../plot_spec";
import { drawPanel, legend, tickLabelWidth, withFactor, xScale, yScale, type SeriesSpec } from "./axes";
import { drawTitle, Figure, MARGIN, SIZE, titleWidth } from "./figure";
import { textWidth } from "./font";
import { fit, text } from "./svg";
import type { Theme } from "./theme";

export { plotSpec, seriesUnit, spectrumSpec, type PanelSpec, type PlotSpec } from "../plot_spec";

const WIDTH = 640;
const PANEL_H = [0, 260, 170, 140];

export function plotFigure(theme: Theme, spec: PlotSpec): string {
  const f = new Figure(theme),
    t = theme;
  const xs = xScale(
    spec.panels.flatMap((p) => p.series.flatMap((s) => s.x)),
    8,
  );
  let color = 0;
  const panels = spec.panels.map((p) => ({
    ...p,
    series: p.series.map((s): SeriesSpec => ({ ...s, color: s.muted ? t.muted : t.series[color++ % t.series.length] })),
  }));
  const h = PANEL_H[Math.min(3, panels.length)];
  const scales = panels.map((p) =>
    yScale(
      p.series.flatMap((s) => s.y.filter((v): v is number => v !== null)),
      { log: p.log, range: p.range, ticks: p.ticks, count: Math.max(4, Math.round(h / 28)) },
    ),
  );
  const ytitles = panels.map((p, k) => withFactor(p.ytitle, scales[k]));
  const xtitle = withFactor(spec.xtitle, xs);
  const anyTitle = ytitles.some((s) => s);
  const left = MARGIN + (anyTitle ? SIZE.label + 8 : 0) + Math.max(...scales.map(tickLabelWidth)) + 9;
  const lastTick = xs.ticks[xs.ticks.length - 1];
  const width = Math.max(WIDTH, titleWidth(spec.title));
  const right = width - MARGIN - (lastTick ? textWidth(lastTick.label, SIZE.tick) / 2 : 0);
  const body: string[] = [];
  let y = drawTitle(f, body, spec.title, 12);
  panels.forEach((p, k) => {
    if (p.series.length > 1) {
      const lg = legend(f, left, y, right - left, p.series);
      body.push(lg.svg);
      y += lg.height + 4;
    }
    const last = k === panels.length - 1;
    body.push(
      drawPanel(f, {
        box: { x: left, y, width: right - left, height: h },
        xs,
        ys: scales[k],
        series: p.series,
        ytitle: ytitles[k],
        ytitleX: MARGIN + SIZE.label - 2,
        xLabels: last,
        unit: p.unit,
      }),
    );
    if (p.series.length === 0)
      body.push(
        text((left + right) / 2, y + h / 2, "no data yet", { size: SIZE.label, fill: t.muted, anchor: "middle" }),
      );
    y += h + (last ? 4 + SIZE.tick + 4 : 14);
  });
  if (xtitle) {
    body.push(
      text((left + right) / 2, y + SIZE.label + 4, xtitle, {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        cls: "axis-title x",
      }),
    );
    y += SIZE.label + 8;
  }
  y = notes(body, spec.notes, t, y + 6, width);
  return f.document(width, y + MARGIN - 4, spec.title, body);
}

/** Notes (what was thinned or downsampled) in small muted lines at the bottom; returns the new bottom. */
export function notes(body: string[], lines: string[], t: Theme, y: number, width: number): number {
  for (const s of lines) {
    body.push(
      text(MARGIN, y + SIZE.note, fit(s, width - 2 * MARGIN, SIZE.note), {
        size: SIZE.note,
        fill: t.muted,
        cls: "note",
      }),
    );
    y += SIZE.note + 5;
  }
  return y;
}
