/**
 * Markdown cells (and `text/markdown` outputs) to HTML, the way JupyterLab shows them: GitHub-flavoured
 * markdown with raw HTML allowed but sanitised, math typeset (math.ts cuts it out first, tex.ts puts it back
 * typeset), fenced code highlighted, and headings with JupyterLab's ids (the text, spaces → "-"), so a link
 * written in JupyterLab to `other.ipynb#Some-heading` lands on the same heading in the site.
 */
import MarkdownIt from "markdown-it";
import { codeBlock, escapeHtml } from "./highlight";
import { PLACEHOLDER_RE, splitMath, type Formula } from "./math";
import { sanitize, type UrlMapper } from "./sanitize";
import type { Typesetter } from "./tex";

export interface Heading {
  level: number;
  id: string;
  /** Plain text, formulas as their TeX source. */
  text: string;
  /** The text as HTML with its formulas typeset, for the table of contents. */
  html: string;
}

export interface MarkdownContext {
  url: UrlMapper;
  tex: Typesetter;
  /** Headings found so far on the page (for its table of contents); ids are kept unique across it. */
  headings: Heading[];
}

/** What the rules below need of the page being rendered; markdown-it hands it through its `env`. */
class PageState {
  constructor(
    readonly formulas: Formula[],
    readonly headings: Heading[],
  ) {}
}

const md = new MarkdownIt({
  html: true,
  linkify: true,
  highlight: (code, lang) => codeBlock(code, lang || "text"),
});

// Heading ids and the TOC entries. The id uses the formulas' TeX source; the TOC entry typesets them.
md.core.ruler.push("convlab_heading_ids", (state) => {
  const env = state.env.convlab;
  if (!(env instanceof PageState)) return;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "heading_open") continue;
    const withPlaceholders = md
      .renderInline(tokens[i + 1]?.content ?? "")
      .replace(/<[^>]*>/g, "")
      .trim();
    const plain = unescapeHtml(withPlaceholders).replace(
      PLACEHOLDER_RE,
      (_, n: string) => env.formulas[Number(n)]?.tex.trim() ?? "",
    );
    const base = plain.replace(/ /g, "-") || "section";
    let id = base;
    for (let n = 1; env.headings.some((h) => h.id === id); n++) id = `${base}-${n}`;
    tokens[i].attrSet("id", id);
    env.headings.push({ level: Number(tokens[i].tag.slice(1)), id, text: plain, html: withPlaceholders });
  }
});

const unescapeHtml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

// A pilcrow after each heading, as JupyterLab's anchor link, so readers can copy a link to a section.
md.renderer.rules.heading_close = (tokens, idx) => {
  const open = tokens[idx - 2];
  const id = open?.attrGet("id");
  return `${id ? `<a class="cl-anchor" href="#${escapeHtml(String(id))}" title="link to this section">¶</a>` : ""}</${tokens[idx].tag}>\n`;
};

export function renderMarkdown(src: string, ctx: MarkdownContext): string {
  const { text, formulas } = splitMath(src);
  const first = ctx.headings.length;
  const html = md.render(text, { convlab: new PageState(formulas, ctx.headings) });
  for (const h of ctx.headings.slice(first)) h.html = ctx.tex.fill(h.html, formulas);
  return ctx.tex.fill(sanitize(html, ctx.url), formulas);
}
