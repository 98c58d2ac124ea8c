/**
 * Cells → the .ipynb text: nbformat 4.5, clean (no outputs, execution_count null), on the convlab kernelspec,
 * written byte for byte as nbformat/JupyterLab write it (kernel/runner/pyjson: sorted keys, 1-space indent,
 * non-ASCII kept, source split into lines), so that saving a notebook in the lab does not rewrite every line.
 * Cell ids are the notebook's file name plus the cell's position, so a rebuild of unchanged sources gives the
 * same bytes; the student and instructor versions of an assignment pair their cells by id.
 */
import { writeNotebook, type NotebookJson } from "../runner/pyjson";
import type { CellKind } from "./nb_source";

export const NOTEBOOK_METADATA = {
  kernelspec: { name: "convlab", display_name: "TypeScript (convlab)", language: "typescript" },
  language_info: {
    name: "typescript",
    file_extension: ".ts",
    mimetype: "text/typescript",
    codemirror_mode: { name: "javascript", typescript: true },
  },
};

/** nbformat 4.5 allows ids of 1-64 characters from [a-zA-Z0-9-_]. */
export function cellId(stem: string, index: number): string {
  const base = stem.replace(/[^a-zA-Z0-9-]+/g, "-").slice(0, 40);
  return `${base}-${String(index).padStart(2, "0")}`;
}

/** The notebook of these cells (each with its own metadata, e.g. nbgrader's roles), ids from the stem. */
export function notebookJson(
  stem: string,
  cells: ReadonlyArray<{ kind: CellKind; text: string; metadata?: Record<string, unknown> }>,
): NotebookJson {
  return {
    cells: cells.map((c, i) =>
      c.kind === "md"
        ? { cell_type: "markdown", id: cellId(stem, i), metadata: c.metadata ?? {}, source: c.text }
        : {
            cell_type: "code",
            execution_count: null,
            id: cellId(stem, i),
            metadata: c.metadata ?? {},
            outputs: [],
            source: c.text,
          },
    ),
    metadata: structuredClone(NOTEBOOK_METADATA),
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function notebookText(
  stem: string,
  cells: ReadonlyArray<{ kind: CellKind; text: string; metadata?: Record<string, unknown> }>,
): string {
  return writeNotebook(notebookJson(stem, cells));
}
