/**
 * An assignment's source notebook: the instructor's version, every cell with its nbgrader role and the
 * solutions and hidden tests in place (nbgrader's `source/` notebook). It is read from either format:
 * a `.nb` text source whose cell headers carry the roles (kernel/course/nb_source.ts), or an `.ipynb` that
 * already has `metadata.nbgrader` (made with nbgrader's toolbar, or by a previous build).
 */
import { readFileSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import { notebookJson } from "../course/notebook_json";
import { parseSource, type SourceCell } from "../course/nb_source";
import { rejoinLines, type NotebookJson } from "../runner/pyjson";
import { metaFor, nbgraderOf } from "./nbgrader_cell";

export interface AssignmentSource {
  /** the notebook id: the file stem (submissions are named <id>.ipynb) */
  id: string;
  title: string;
  nb: NotebookJson;
}

const COURSE_SOURCES = `${sep}instructor${sep}src${sep}`;

/**
 * Cell ids are the notebook's path plus the cell's position; inside a course (instructor/src/<path>.nb) the
 * path below instructor/src, so `convlab build` and `convlab assign` give the same ids.
 */
export function idPrefixFor(path: string): string {
  const abs = resolve(path);
  const at = abs.lastIndexOf(COURSE_SOURCES);
  const rel = at >= 0 ? abs.slice(at + COURSE_SOURCES.length) : basename(abs);
  return rel
    .replace(/\.(nb|ipynb)$/, "")
    .split(sep)
    .join("-");
}

/** The cell metadata of a .nb cell's role: nbgrader's, plus convlab's settings when it has any. */
export function cellMetadata(c: SourceCell): Record<string, unknown> {
  if (!c.grade) return {};
  const g = c.grade;
  const convlab = {
    ...(g.timeout !== undefined ? { timeout: g.timeout } : {}),
    ...(g.forbid ? { forbid: g.forbid } : {}),
  };
  return { nbgrader: metaFor(g.role, g.id, g.points), ...(Object.keys(convlab).length ? { convlab } : {}) };
}

export function sourceFromNb(cells: readonly SourceCell[], file: string, prefix: string): NotebookJson {
  const variant = cells.find((c) => c.variant !== null);
  if (variant)
    throw new Error(
      `convlab assign: ${file}:${variant.line}: expected BEGIN/END SOLUTION markers in a solution cell, got a [${variant.variant}] cell (graded assignments do not use variants)`,
    );
  return notebookJson(
    prefix,
    cells.map((c) => ({ kind: c.kind, text: c.text, metadata: cellMetadata(c) })),
  );
}

function titleOf(nb: NotebookJson, file: string): string {
  const md = nb.cells.find((c) => c.cell_type === "markdown");
  const line = String(md?.source ?? "")
    .split("\n")
    .find((l) => l.startsWith("# "));
  return line ? line.slice(2).trim() : basename(file).replace(/\.(nb|ipynb)$/, "");
}

export function loadSource(path: string): AssignmentSource {
  const text = readFileSync(path, "utf8");
  const id = basename(path).replace(/\.(nb|ipynb)$/, "");
  let nb: NotebookJson;
  if (path.endsWith(".nb")) nb = sourceFromNb(parseSource(text, path), path, idPrefixFor(path));
  else if (path.endsWith(".ipynb")) nb = rejoinLines(JSON.parse(text) as NotebookJson);
  else throw new Error(`convlab assign: expected a .nb or .ipynb source, got ${path}`);
  if (!nb.cells.some((c) => nbgraderOf(c)))
    throw new Error(
      `convlab assign: expected cells with nbgrader roles (tests, solution, locked) in ${path}, got none`,
    );
  return { id, title: titleOf(nb, path), nb };
}
