/**
 * A convlab display on a static page: the kernel's PNG of the view (made in Node when the cell ran), a
 * caption that says what the figure is, and what the interactive view in JupyterLab adds. The payload is
 * embedded as JSON beside the picture, so the site's script (views.ts, when the views bundle was built)
 * can replace the picture with the live view; without that script the page shows the PNG and the caption.
 */
import { CONVLAB_MIME, decodePayload, type ConvlabPayload } from "../../src/display/payload";
import { escapeHtml } from "./highlight";

const dims = (shape: number[]): string => shape.join("×");

/** What the figure shows, in words. */
export function describe(p: ConvlabPayload): string {
  switch (p.kind) {
    case "heatmap":
      return `Heatmap, ${dims(p.data.shape)} values`;
    case "grid": {
      const [n, h, w] = p.data.shape;
      return p.role === "filters"
        ? `Filters${p.source ? ` ${dims(p.source.shape)}` : ""}: ${n} kernels of ${h}×${w}`
        : `${n} feature maps of ${h}×${w}, one colour scale`;
    }
    case "matrix":
      return `Matrix, ${dims(p.data.shape)}`;
    case "convolution":
      return (
        `Convolution: input ${dims(p.input.shape)}, kernel ${dims(p.kernel.shape)}, stride ${p.stride.join(",")}, ` +
        `padding ${p.padding.join(",")}, dilation ${p.dilation.join(",")} → output ${dims(p.output.shape)}`
      );
    case "convolutionGrad":
      return (
        `Backward pass of a convolution: x ${dims(p.input.shape)}, w ${dims(p.kernel.shape)}, dy ${dims(p.dy.shape)}, stride ${p.stride.join(",")}, ` +
        `padding ${p.padding.join(",")} → dL/dw ${dims(p.dw.shape)}, dL/dx ${dims(p.dx.shape)}, accumulated output position by output position`
      );
    case "plot":
      return `Line plot of ${p.series.map((s) => s.name).join(", ")}`;
    case "liveplot":
      return `Training curves (${p.series.map((s) => s.name).join(", ")}), as the cell left them`;
    case "spectrum":
      return `Spectrum of a ${p.magnitude.shape.length}-D signal: magnitude and phase${p.shifted ? " (zero frequency centred)" : ""}`;
    case "progress":
      return `Progress ${p.value}/${p.total}${p.label ? ` (${p.label})` : ""}`;
  }
}

/** What JupyterLab's view of it lets a reader do, which the picture cannot. */
export function interactions(p: ConvlabPayload): string {
  switch (p.kind) {
    case "heatmap":
      return "hover a square for its index and value";
    case "grid":
      return p.role === "filters"
        ? "hover for values, a slider walks the input channels, click a kernel to enlarge it"
        : "hover for values, click a map to enlarge it, switch between a shared and a per-map scale";
    case "matrix":
      return "hover a cell for its row, column and value";
    case "convolution":
      return "step or play the window over the input and read the sum for each output";
    case "convolutionGrad":
      return "step or play through the output positions and watch dL/dw and dL/dx accumulate; hover a tap or a cell for its sum";
    case "plot":
    case "liveplot":
    case "spectrum":
      return "zoom and hover the curves";
    case "progress":
      return "watch it update while the cell runs";
  }
}

/** Escapes `<` so that the JSON cannot close the script element that holds it. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, "\\u003c");

/** The figure for a convlab bundle; `png` is the site-relative image URL already written, if any. */
export function convlabFigure(
  data: Record<string, unknown>,
  png: string | undefined,
  text: string | undefined,
): string {
  const decoded = decodePayload(data[CONVLAB_MIME]);
  if (!decoded.ok) {
    const img = png ? `<img src="${escapeHtml(png)}" alt="${escapeHtml(text ?? "convlab display")}">` : "";
    return `<figure class="cl-figure">${img}<figcaption>${escapeHtml(text ?? "")} <span class="cl-note">(${escapeHtml(decoded.error)})</span></figcaption></figure>`;
  }
  const p = decoded.payload;
  const title = p.title ? `<strong>${escapeHtml(p.title)}</strong> · ` : "";
  const notes = p.notes.length ? ` <span class="cl-notes">${escapeHtml(p.notes.join("; "))}.</span>` : "";
  const alt = escapeHtml(text ?? describe(p));
  return (
    `<figure class="cl-figure" data-kind="${p.kind}">` +
    (png ? `<img class="cl-static" src="${escapeHtml(png)}" alt="${alt}">` : "") +
    `<script type="application/json" class="cl-payload">${scriptJson(p)}</script>` +
    `<figcaption>${title}${escapeHtml(describe(p))}.${notes} ` +
    `<span class="cl-note" data-live-note="Interactive, as in JupyterLab: ${escapeHtml(interactions(p))}.">` +
    `Static picture: in JupyterLab you can ${escapeHtml(interactions(p))}.</span></figcaption></figure>`
  );
}
