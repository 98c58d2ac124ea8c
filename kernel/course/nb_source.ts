/**
 * The plain-text notebook source (`.nb`): a sequence of cells, each opened by a header line
 *
 *   %% md                 a markdown cell
 *   %% code               a code cell
 *   %% code [template]    only in the student's version of an assignment
 *   %% code [solution]    only in the instructor's version (md cells take the same tags)
 *
 * and holding the lines up to the next header, without leading and trailing blank lines. Text before the first
 * header and any other line starting with `%% ` are errors: a mistyped header must not become cell text.
 */
import { readFileSync } from "node:fs";

export type CellKind = "md" | "code";
export type Variant = "template" | "solution";

export interface SourceCell {
  kind: CellKind;
  /** null: in every version */
  variant: Variant | null;
  text: string;
  /** 1-based line of the header, for messages */
  line: number;
}

const HEADER = /^%% (md|code)(?: \[(template|solution)\])?\s*$/;

export function parseSource(text: string, file: string): SourceCell[] {
  const cells: SourceCell[] = [];
  const bodies: string[][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = HEADER.exec(line);
    if (m) {
      cells.push({ kind: m[1] === "md" ? "md" : "code", variant: m[2] === "template" || m[2] === "solution" ? m[2] : null, text: "", line: i + 1 });
      bodies.push([]);
    } else if (line.startsWith("%% ") || line === "%%") {
      throw new Error(`convlab build: ${file}:${i + 1}: expected a cell header "%% md" or "%% code", optionally with [template] or [solution], got ${JSON.stringify(line)}`);
    } else if (cells.length === 0) {
      if (line.trim()) throw new Error(`convlab build: ${file}:${i + 1}: expected a cell header before any text, got ${JSON.stringify(line)}`);
    } else {
      bodies[bodies.length - 1].push(line);
    }
  });
  cells.forEach((c, i) => { c.text = bodies[i].join("\n").replace(/^\n+|\n+$/g, ""); });
  return cells;
}

export function readSource(path: string, shown = path): SourceCell[] {
  return parseSource(readFileSync(path, "utf8"), shown);
}

/** true when the source has [template]/[solution] cells, i.e. it builds a student and an instructor version */
export function hasVariants(cells: readonly SourceCell[]): boolean {
  return cells.some((c) => c.variant !== null);
}

/** The cells of one version: untagged cells plus the ones tagged for it. */
export function cellsFor(cells: readonly SourceCell[], variant: Variant): SourceCell[] {
  return cells.filter((c) => c.variant === null || c.variant === variant);
}
