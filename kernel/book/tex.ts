/**
 * Formulas typeset at build time with KaTeX: the site needs no script and no CDN to show them, only
 * KaTeX's CSS and fonts (copied by assets.ts). One Typesetter per notebook, because `\newcommand` in one
 * cell applies to the cells after it, as in MathJax.
 */
import katex from "katex";
import { PLACEHOLDER_RE, type Formula } from "./math";

/** Environments that KaTeX numbers but MathJax, as JupyterLab configures it (no tags), does not. */
const NUMBERED = /\\(begin|end)\{(equation|align|alignat|gather|multline)\}/g;

export class Typesetter {
  /** `\newcommand`s and `\def`s seen so far in this notebook (KaTeX adds to it: globalGroup). */
  private readonly macros: Record<string, string> = {};
  /** Formulas KaTeX could not parse, with its message; the page shows them in red with the message. */
  readonly problems: string[] = [];
  /** A heading's formulas are shown twice (heading and table of contents) but typeset once. */
  private readonly done = new WeakMap<Formula, string>();

  typeset(formula: Formula): string {
    const cached = this.done.get(formula);
    if (cached !== undefined) return cached;
    const html = this.render(formula);
    this.done.set(formula, html);
    return html;
  }

  private render(formula: Formula): string {
    const f = { ...formula, tex: formula.tex.replace(NUMBERED, "\\$1{$2*}") };
    const options = {
      displayMode: f.display,
      macros: this.macros,
      globalGroup: true,
      strict: "ignore" as const,
      output: "htmlAndMathml" as const,
    };
    try {
      return katex.renderToString(f.tex, { ...options, throwOnError: true });
    } catch (e) {
      this.problems.push(
        `${e instanceof Error ? e.message : String(e)} in ${f.display ? "$$" : "$"}${f.tex.trim().slice(0, 80)}${f.display ? "$$" : "$"}`,
      );
      return katex.renderToString(f.tex, { ...options, throwOnError: false });
    }
  }

  /** Puts the typeset formulas where splitMath left placeholders. */
  fill(html: string, formulas: Formula[]): string {
    return html.replace(PLACEHOLDER_RE, (whole, i: string) => {
      const f = formulas[Number(i)];
      return f ? this.typeset(f) : whole;
    });
  }
}
