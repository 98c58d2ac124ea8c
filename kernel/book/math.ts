/**
 * Math in notebook markdown, found where Jupyter's MathJax finds it: `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and
 * `\begin{env}…\end{env}`, but never inside code spans or fenced code, and not `\$`. The formulas are cut
 * out before markdown-it sees the text (so `_` and `*` inside them never become emphasis, as in JupyterLab's
 * removeMath) and put back, typeset, after the markdown was rendered and sanitised.
 */

export interface Formula {
  tex: string;
  display: boolean;
}

export interface MathSplit {
  /** The text with every formula replaced by a placeholder (see `placeholder`). */
  text: string;
  formulas: Formula[];
}

/** Plain letters and digits: markdown-it and the sanitiser pass them through untouched. */
export const placeholder = (i: number): string => `@@CLMATH${i}@@`;
export const PLACEHOLDER_RE = /@@CLMATH(\d+)@@/g;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Index of the closing `close` after `from`, skipping backslash escapes; -1 if none (or, for inline
 * math, if a blank line comes first: a formula never spans paragraphs). */
function closing(s: string, from: number, close: string, inline: boolean): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "\\" && close[0] !== "\\") {
      i++;
      continue;
    }
    if (inline && s[i] === "\n" && /^\n[ \t]*\n/.test(s.slice(i, i + 64))) return -1;
    if (s.startsWith(close, i)) return i;
  }
  return -1;
}

/** End (exclusive) of `\begin{env}` at `at`, counting nested environments of the same name; -1 if open. */
function environmentEnd(s: string, at: number, env: string): number {
  const begin = `\\begin{${env}}`,
    end = `\\end{${env}}`;
  let depth = 0;
  for (let i = at; i < s.length; i++) {
    if (s.startsWith(begin, i)) {
      depth++;
      i += begin.length - 1;
    } else if (s.startsWith(end, i) && --depth === 0) return i + end.length;
  }
  return -1;
}

export function splitMath(src: string): MathSplit {
  const formulas: Formula[] = [];
  const take = (tex: string, display: boolean): string => placeholder(formulas.push({ tex, display }) - 1);
  let out = "";
  let run = ""; // lines outside fences, scanned together: inline math may wrap onto the next line
  let fence: string | null = null;
  for (const line of src.split(/(?<=\n)/)) {
    const m = FENCE.exec(line);
    if (fence !== null) {
      out += line;
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
    } else if (m) {
      out += scanText(run, take) + line;
      run = "";
      fence = m[1];
    } else {
      run += line;
    }
  }
  return { text: out + scanText(run, take), formulas };
}

/** Replaces the formulas in text that holds no fenced code. Code spans are skipped. */
export function scanText(s: string, take: (tex: string, display: boolean) => string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "`") {
      const run = /^`+/.exec(s.slice(i))![0];
      const end = s.indexOf(run, i + run.length);
      const stop = end < 0 ? i + run.length : end + run.length;
      out += s.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === "\\") {
      const env = /^\\begin\{([A-Za-z]+\*?)\}/.exec(s.slice(i, i + 40));
      if (env) {
        const end = environmentEnd(s, i, env[1]);
        if (end > 0) {
          out += take(s.slice(i, end), true);
          i = end;
          continue;
        }
      }
      const pair = s[i + 1] === "(" ? "\\)" : s[i + 1] === "[" ? "\\]" : null;
      if (pair) {
        const end = closing(s, i + 2, pair, pair === "\\)");
        if (end > 0) {
          out += take(s.slice(i + 2, end), pair === "\\]");
          i = end + 2;
          continue;
        }
      }
      out += s.slice(i, i + 2); // an escape such as \$ stays for markdown to unescape
      i += 2;
      continue;
    }
    if (c === "$") {
      const display = s[i + 1] === "$";
      const open = display ? 2 : 1;
      const end = closing(s, i + open, display ? "$$" : "$", !display);
      if (end > i + open) {
        out += take(s.slice(i + open, end), display);
        i = end + open;
        continue;
      }
      out += s.slice(i, i + open);
      i += open;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
