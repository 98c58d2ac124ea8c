/**
 * From a payload to the full bundle: the payload itself, its static figure as SVG and as PNG (the
 * PNG rasterised from that SVG, at twice its size, with the SVG's size in the metadata so it is shown
 * at that size), and a one-line text/plain summary. Everything a display sends goes through `bundleOf`.
 */
import { renderFigure, type StaticFigure, type ThemeName } from "./figure/index";
import { fmt } from "./figure/ticks";
import { CONVLAB_MIME, type ConvlabPayload, type ProgressView } from "./payload";

export interface MimeBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Options of every display helper that only change the static figure, never the payload. */
export interface FigureOptions {
  /** Colours of the SVG/PNG fallback (the extension follows JupyterLab's theme instead). Default light. */
  theme?: ThemeName;
}

const plain = (v: number) => fmt(v, "-");

const KIND_WORDS: Record<ConvlabPayload["kind"], string> = {
  heatmap: "heatmap",
  grid: "grid",
  plot: "plot",
  spectrum: "spectrum",
  matrix: "matrix",
  convolution: "convolution",
  convolutionGrad: "convolution gradient",
  liveplot: "live plot",
  progress: "progress",
};

/** "label 50/100 50% 5.0s eta 5.0s loss=0.12" (the text/plain line of a progress bar). */
export function progressLine(p: ProgressView): string {
  const pct = p.total > 0 ? Math.floor((100 * p.value) / p.total) : 0;
  const parts = [p.label ?? "", `${p.value}/${p.total}`, `${pct}%`, `${p.elapsedSeconds.toFixed(1)}s`];
  if (p.etaSeconds !== undefined && !p.done) parts.push(`eta ${p.etaSeconds.toFixed(1)}s`);
  for (const [k, v] of Object.entries(p.metrics ?? {})) parts.push(`${k}=${plain(v)}`);
  return parts.filter((s) => s).join(" ");
}

/** One line: what, the source tensor, the value range, and that something was bounded. */
export function textLine(p: ConvlabPayload, subject?: string): string {
  if (p.kind === "progress") return progressLine(p);
  const what = p.kind === "grid" ? (p.role === "filters" ? "filters" : "feature maps") : KIND_WORDS[p.kind];
  const parts = [p.title ? `${p.title}:` : ""];
  // `subject` (e.g. "Tensor float32 [3,28,28] cpu") names the source when the caller knows more.
  if (subject) parts.push(subject, "·", what);
  else {
    parts.push(what);
    if (p.source) parts.push(`${p.source.dtype} [${p.source.shape.join(",")}]`);
  }
  if ("vmin" in p) parts.push(`range ${plain(p.vmin)}..${plain(p.vmax)}`);
  if (p.kind === "plot" || p.kind === "liveplot") {
    parts.push(
      p.series
        .map(
          (s) =>
            `${s.name} (${s.y.length} pts${s.y.length ? `, last ${s.y[s.y.length - 1] === null ? "NaN" : plain(s.y[s.y.length - 1] as number)}` : ""})`,
        )
        .join(", "),
    );
  }
  if (p.kind === "convolution")
    parts.push(`x ${p.input.shape.join("x")} * w ${p.kernel.shape.join("x")} -> y ${p.output.shape.join("x")}`);
  if (p.kind === "convolutionGrad") {
    const sh = (a: { shape: number[] }) => a.shape.join("x");
    parts.push(`x ${sh(p.input)}, w ${sh(p.kernel)}, dy ${sh(p.dy)} -> dL/dw ${sh(p.dw)}, dL/dx ${sh(p.dx)}`);
  }
  if (p.notes.length) parts.push(`(${p.notes.join("; ")})`);
  return parts.filter((s) => s).join(" ");
}

/** The bundle of a payload whose figure is already drawn (a liveplot may reuse a recent PNG). */
export function bundleOfFigure(p: ConvlabPayload, fig: StaticFigure, subject?: string): MimeBundle {
  return {
    data: {
      [CONVLAB_MIME]: p,
      "image/svg+xml": fig.svg,
      "image/png": fig.png.toString("base64"),
      "text/plain": textLine(p, subject),
    },
    metadata: { "image/png": { width: fig.width, height: fig.height } },
  };
}

export function bundleOf(p: ConvlabPayload, subject?: string, opts: FigureOptions = {}): MimeBundle {
  return bundleOfFigure(p, renderFigure(p, opts.theme), subject);
}
