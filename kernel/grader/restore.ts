/**
 * Before a submission runs: nbgrader's sanitize step (ClearOutput, DeduplicateIds, OverwriteKernelspec,
 * OverwriteCells with add_missing_cells) with safer defaults. Cells are matched by grade_id:
 *   - tests and locked cells always get the manifest's source back (the test cells with their hidden tests),
 *     their cell type and metadata; a cell whose checksum differs from the release's is reported `edited`;
 *   - deleted tests, locked and solution cells are re-inserted after the cell that precedes them in the
 *     source notebook (a solution cell comes back as its stub), reported `missing`;
 *   - a second cell with the same grade_id (copied in JupyterLab) loses its role, reported `duplicate`;
 *   - outputs are cleared and the kernelspec is the release's.
 * Solution cells keep what the student wrote; one still equal to the stub is reported `unanswered`.
 */
import type { NotebookJson } from "../runner/pyjson";
import { computeChecksum } from "./checksum";
import type { Manifest, ManifestCell } from "./manifest";
import { metaFor, nbgraderOf, roleOf, type NbCell } from "./nbgrader_cell";

export interface Restoration {
  grade_id: string;
  what: "edited" | "missing" | "duplicate" | "retyped" | "unanswered";
}

const text = (c: NbCell): string => (Array.isArray(c.source) ? c.source.join("") : c.source);

/** The cell as the manifest says it must be (source: the full test, or the stub for a missing answer). */
function canonical(mc: ManifestCell, source: string): NbCell {
  const meta = { ...metaFor(mc.role, mc.grade_id, mc.points), checksum: mc.checksum, cell_type: mc.cell_type };
  const metadata: Record<string, unknown> = {
    deletable: false,
    ...(mc.role === "solution" ? {} : { editable: false }),
    nbgrader: meta,
  };
  if (mc.convlab) metadata.convlab = mc.convlab;
  return mc.cell_type === "code"
    ? { cell_type: "code", id: mc.cell_id, metadata, source, outputs: [], execution_count: null }
    : { cell_type: mc.cell_type, id: mc.cell_id, metadata, source };
}

export function restore(submitted: NotebookJson, m: Manifest): { nb: NotebookJson; restored: Restoration[] } {
  const nb: NotebookJson = structuredClone(submitted);
  const restored: Restoration[] = [];
  const at = new Map<string, number>();
  nb.cells.forEach((c, i) => {
    if (c.cell_type === "code") {
      c.outputs = [];
      c.execution_count = null;
    }
    const id = nbgraderOf(c)?.grade_id;
    if (id === undefined || !roleOf(nbgraderOf(c))) return;
    if (at.has(id)) {
      delete c.metadata.nbgrader;
      restored.push({ grade_id: id, what: "duplicate" });
    } else at.set(id, i);
  });
  const cells = [...nb.cells];
  let lastPlaced = -1;
  for (const mc of m.cells) {
    const i = at.has(mc.grade_id) ? cells.indexOf(nb.cells[at.get(mc.grade_id) as number]) : -1;
    if (i < 0) {
      const fresh = canonical(mc, mc.role === "solution" ? mc.release_source : mc.source);
      cells.splice(lastPlaced + 1, 0, fresh);
      lastPlaced += 1;
      restored.push({ grade_id: mc.grade_id, what: "missing" });
      continue;
    }
    const c = cells[i];
    if (c.cell_type !== mc.cell_type) restored.push({ grade_id: mc.grade_id, what: "retyped" });
    if (mc.role === "solution") {
      const kept = canonical(mc, text(c));
      if (computeChecksum(kept) === mc.checksum) restored.push({ grade_id: mc.grade_id, what: "unanswered" });
      cells[i] = kept;
    } else {
      // the release checksum is of the source the student received, under the manifest's metadata
      const asReceived = canonical(mc, text(c));
      if (c.cell_type === mc.cell_type && computeChecksum(asReceived) !== mc.checksum)
        restored.push({ grade_id: mc.grade_id, what: "edited" });
      cells[i] = canonical(mc, mc.source);
    }
    lastPlaced = i;
  }
  nb.cells = cells;
  nb.metadata.kernelspec = structuredClone(m.kernelspec);
  return { nb, restored };
}
