/**
 * From a payload to the full bundle: the payload itself, its PNG rendering and a one-line
 * text/plain summary. Everything a display sends goes through `bundleOf`.
 */
import { renderConvolution, renderGrid, renderHeatmap, renderMatrix, renderSpectrum } from "./png_maps";
import { progressLine, renderPlot, renderProgress } from "./png_plots";
import { CONVLAB_MIME, type ConvlabPayload } from "./payload";
import { fmt } from "./raster";

export interface MimeBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export function renderPng(p: ConvlabPayload): Buffer {
  switch (p.kind) {
    case "heatmap": return renderHeatmap(p);
    case "grid": return renderGrid(p);
    case "matrix": return renderMatrix(p);
    case "spectrum": return renderSpectrum(p);
    case "convolution": return renderConvolution(p);
    case "plot": case "liveplot": return renderPlot(p);
    case "progress": return renderProgress(p);
  }
}

const KIND_WORDS: Record<ConvlabPayload["kind"], string> = {
  heatmap: "heatmap", grid: "grid", plot: "plot", spectrum: "spectrum", matrix: "matrix",
  convolution: "convolution", liveplot: "live plot", progress: "progress",
};

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
  if ("vmin" in p) parts.push(`range ${fmt(p.vmin)}..${fmt(p.vmax)}`);
  if (p.kind === "plot" || p.kind === "liveplot") {
    parts.push(p.series.map((s) => `${s.name} (${s.y.length} pts${s.y.length ? `, last ${s.y[s.y.length - 1] === null ? "NaN" : fmt(s.y[s.y.length - 1] as number)}` : ""})`).join(", "));
  }
  if (p.kind === "convolution") parts.push(`x ${p.input.shape.join("x")} * w ${p.kernel.shape.join("x")} -> y ${p.output.shape.join("x")}`);
  if (p.notes.length) parts.push(`(${p.notes.join("; ")})`);
  return parts.filter((s) => s).join(" ");
}

export function bundleOf(p: ConvlabPayload, subject?: string): MimeBundle {
  const png = renderPng(p);
  return {
    data: { [CONVLAB_MIME]: p, "image/png": png.toString("base64"), "text/plain": textLine(p, subject) },
    metadata: {},
  };
}
