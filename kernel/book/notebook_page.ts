/**
 * The body of one notebook's page: markdown cells rendered, code cells highlighted with their outputs.
 * Cell tags as Jupyter Book reads them: `remove-cell`, `remove-input`, `remove-output`, `hide-input` (code
 * folded under "Show code"). Assignment pages show the task as students get it: solution regions
 * (`BEGIN SOLUTION` … `END SOLUTION`, nbgrader's markers) replaced by `YOUR CODE HERE`, and no outputs.
 */
import { codeBlock } from "./highlight";
import { urlMapper, type Attachments, type LinkContext } from "./links";
import { renderMarkdown, type Heading } from "./markdown";
import { renderOutputs, type Output, type OutputContext } from "./outputs";
import { relativeHref } from "./pages";
import { Typesetter } from "./tex";

export interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[]; nbgrader?: { solution?: boolean } };
  outputs?: Output[];
  execution_count?: number | null;
  attachments?: Attachments;
}

export interface Notebook {
  cells: Cell[];
  metadata?: { language_info?: { name?: string }; kernelspec?: { language?: string } };
}

export interface RenderedNotebook {
  html: string;
  headings: Heading[];
  /** The first level-1 heading, if any. */
  title: string | null;
  /** Formulas KaTeX could not typeset. */
  mathProblems: string[];
}

const text = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);

/** nbgrader's student version of a solution cell's code. */
export function stripSolutions(code: string): string {
  const out: string[] = [];
  let inside = false;
  for (const line of code.split("\n")) {
    if (!inside && line.includes("BEGIN SOLUTION")) {
      inside = true;
      out.push(`${/^\s*/.exec(line)?.[0] ?? ""}// YOUR CODE HERE`);
    } else if (inside && line.includes("END SOLUTION")) inside = false;
    else if (!inside) out.push(line);
  }
  return out.join("\n");
}

export function renderNotebook(nb: Notebook, link: LinkContext, opts: { assignment: boolean }): RenderedNotebook {
  const language = nb.metadata?.language_info?.name ?? nb.metadata?.kernelspec?.language ?? "typescript";
  const tex = new Typesetter();
  const headings: Heading[] = [];
  const parts: string[] = [];
  for (const cell of nb.cells) {
    const tags = new Set(cell.metadata?.tags ?? []);
    if (tags.has("remove-cell")) continue;
    const ctx: OutputContext = {
      url: urlMapper({ ...link, attachments: cell.attachments }),
      tex,
      headings,
      files: link.files,
      href: (p) => relativeHref(link.page.href, p),
    };
    if (cell.cell_type === "markdown") {
      const src = opts.assignment && cell.metadata?.nbgrader?.solution ? "YOUR ANSWER HERE" : text(cell.source);
      parts.push(`<section class="cl-cell cl-md">${renderMarkdown(src, ctx)}</section>`);
    } else if (cell.cell_type === "code") {
      const code = opts.assignment ? stripSolutions(text(cell.source)) : text(cell.source);
      const prompt =
        cell.execution_count && !opts.assignment ? `<span class="cl-prompt">[${cell.execution_count}]</span>` : "";
      let input =
        tags.has("remove-input") || !code.trim()
          ? ""
          : `<div class="cl-input">${prompt}${codeBlock(code, language)}</div>`;
      if (input && tags.has("hide-input"))
        input = `<details class="cl-hidden-input"><summary>Show code</summary>${input}</details>`;
      const outputs = opts.assignment || tags.has("remove-output") ? "" : renderOutputs(cell.outputs ?? [], ctx);
      if (input || outputs) parts.push(`<section class="cl-cell cl-codecell">${input}${outputs}</section>`);
    }
    // raw cells are for conversion tools (nbconvert), not for readers: left out, as JupyterLab's preview does
  }
  const h1 = headings.find((h) => h.level === 1);
  return { html: parts.join("\n"), headings, title: h1 ? h1.text : null, mathProblems: tex.problems };
}
