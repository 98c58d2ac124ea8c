/**
 * A code cell's outputs on a static page, each shown by the richest MIME type a page can show safely, in
 * JupyterLab's order of preference (its renderers' ranks): the convlab view (as its PNG + caption), sanitised
 * HTML, markdown and LaTeX (typeset now), SVG and bitmap images (written as files), JSON, then plain text. Streams and errors keep their
 * ANSI colours.
 */
import { ansiToHtml } from "./ansi";
import { convlabFigure } from "./convlab_figure";
import { escapeHtml } from "./highlight";
import { renderMarkdown, type MarkdownContext } from "./markdown";
import { splitMath } from "./math";
import { sanitize } from "./sanitize";
import { imageExtension, type SiteFiles } from "./site_files";
import { CONVLAB_MIME } from "../../src/display/payload";

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

export interface OutputContext extends MarkdownContext {
  files: SiteFiles;
  /** Site-relative path → URL relative to the page. */
  href(sitePath: string): string;
}

const joined = (v: unknown): string => (Array.isArray(v) ? v.join("") : typeof v === "string" ? v : "");

function image(data: Record<string, unknown>, mime: string, ctx: OutputContext): string | undefined {
  const raw = data[mime];
  if (raw === undefined || !imageExtension(mime)) return undefined;
  const bytes =
    mime === "image/svg+xml" ? Buffer.from(joined(raw), "utf8") : Buffer.from(joined(raw).replace(/\s/g, ""), "base64");
  return ctx.href(ctx.files.image(bytes, mime));
}

/** `text/latex` is LaTeX with its own delimiters (`$$…$$`) or, without any, one display formula. */
function latex(src: string, ctx: OutputContext): string {
  const { text, formulas } = splitMath(src);
  if (!formulas.length) return ctx.tex.typeset({ tex: src.trim(), display: true });
  return ctx.tex.fill(escapeHtml(text), formulas);
}

function richOutput(data: Record<string, unknown>, ctx: OutputContext): string {
  const text = data["text/plain"] === undefined ? undefined : joined(data["text/plain"]);
  if (data[CONVLAB_MIME] !== undefined) return convlabFigure(data, image(data, "image/png", ctx), text);
  if (data["text/html"] !== undefined)
    return `<div class="cl-html">${sanitize(joined(data["text/html"]), ctx.url)}</div>`;
  if (data["text/markdown"] !== undefined)
    return `<div class="cl-markdown">${renderMarkdown(joined(data["text/markdown"]), { ...ctx, headings: [] })}</div>`;
  if (data["text/latex"] !== undefined) return `<div class="cl-latex">${latex(joined(data["text/latex"]), ctx)}</div>`;
  for (const mime of ["image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/webp"]) {
    const src = image(data, mime, ctx);
    if (src) return `<img class="cl-image" src="${escapeHtml(src)}" alt="${escapeHtml(text ?? "output image")}">`;
  }
  // Other +json types (widget views, vega) need their renderer: their text/plain fallback is shown instead.
  if (data["application/json"] !== undefined)
    return `<pre class="cl-text">${escapeHtml(JSON.stringify(data["application/json"], null, 2))}</pre>`;
  if (text !== undefined) return `<pre class="cl-text">${ansiToHtml(text)}</pre>`;
  return `<p class="cl-note">(an output of type ${escapeHtml(Object.keys(data).join(", "))}, which a static page cannot show)</p>`;
}

/** Consecutive stream outputs of the same name are shown as one block, as in JupyterLab. */
function mergeStreams(outputs: Output[]): Output[] {
  const merged: Output[] = [];
  for (const o of outputs) {
    const last = merged[merged.length - 1];
    if (o.output_type === "stream" && last?.output_type === "stream" && last.name === o.name) {
      merged[merged.length - 1] = { ...last, text: joined(last.text) + joined(o.text) };
    } else merged.push(o);
  }
  return merged;
}

export function renderOutput(o: Output, ctx: OutputContext): string {
  switch (o.output_type) {
    case "stream":
      return `<pre class="cl-stream cl-${o.name === "stderr" ? "stderr" : "stdout"}">${ansiToHtml(joined(o.text))}</pre>`;
    case "error": {
      const trace = o.traceback?.length ? o.traceback.join("\n") : `${o.ename ?? "Error"}: ${o.evalue ?? ""}`;
      return `<pre class="cl-error">${ansiToHtml(trace)}</pre>`;
    }
    case "display_data":
    case "execute_result":
      return richOutput(o.data ?? {}, ctx);
    default:
      return "";
  }
}

export function renderOutputs(outputs: Output[], ctx: OutputContext): string {
  const html = mergeStreams(outputs)
    .map((o) => renderOutput(o, ctx))
    .filter((h) => h !== "");
  return html.length
    ? `<div class="cl-outputs">${html.map((h) => `<div class="cl-output">${h}</div>`).join("")}</div>`
    : "";
}
