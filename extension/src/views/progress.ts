/** A progress bar that updates in place (value/total, elapsed, ETA and the latest metrics). */
import type { ProgressView } from "../../../src/display/payload";
import { formatValue } from "../model/format";
import { el, header } from "./dom";

const seconds = (s: number): string =>
  s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

export function renderProgress(root: HTMLElement, p: ProgressView): void {
  root.dataset.convlabKind = "progress";
  const frac = p.total > 0 ? Math.min(1, Math.max(0, p.value / p.total)) : 0;
  const bar = el("div", "jp-convlab-progress");
  const fill = el("div", "jp-convlab-progress-fill");
  fill.style.width = `${(frac * 100).toFixed(1)}%`;
  bar.appendChild(fill);
  const parts = [
    `${p.label ? p.label + " " : ""}${p.value} / ${p.total} (${Math.round(frac * 100)} %)`,
    seconds(p.elapsedSeconds),
  ];
  if (!p.done && p.etaSeconds !== undefined) parts.push(`about ${seconds(p.etaSeconds)} left`);
  for (const [k, v] of Object.entries(p.metrics ?? {})) parts.push(`${k} ${formatValue(v)}`);
  root.replaceChildren(header(p.title, p.notes), bar, el("div", "jp-convlab-note", parts.join(" · ")));
}
