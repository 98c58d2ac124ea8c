/**
 * `assign`'s core: one source notebook → the student's version and the instructor's manifest, as nbgrader's
 * generate_assignment does (LockCells, ClearSolutions, ClearOutput, SaveCells, ClearHiddenTests,
 * ComputeChecksums), with its checks and convlab's stricter ones:
 *   - a code solution cell must hold BEGIN/END SOLUTION markers (nbgrader would replace the whole cell, and
 *     a TypeScript cell that loses its `function` declaration breaks every later cell);
 *   - solution markers only in solution cells, hidden-test markers only in test cells;
 *   - grade ids unique; tests cells are code cells with points; no manually graded or task cells.
 */
import type { NotebookJson } from "../runner/pyjson";
import { computeChecksum } from "./checksum";
import { MANIFEST_FORMAT, type Manifest, type ManifestCell } from "./manifest";
import { CODE_STUB, HIDDEN, hasRegion, replaceRegions, SOLUTION, TEXT_STUB } from "./markers";
import { convlabOf, nbgraderOf, roleOf, type NbCell } from "./nbgrader_cell";
import type { AssignmentSource } from "./source";

export interface Assigned {
  /** the student's version: stubs, no hidden tests, no outputs, locked cells, checksums */
  student: NotebookJson;
  manifest: Manifest;
}

const text = (c: NbCell): string => (Array.isArray(c.source) ? c.source.join("") : c.source);

function check(src: AssignmentSource): void {
  const seen = new Set<string>();
  src.nb.cells.forEach((c, i) => {
    const where = `convlab assign: ${src.id}, cell ${i}`;
    const m = nbgraderOf(c),
      role = roleOf(m),
      body = text(c);
    if (m && role === null && (m.grade || m.solution || m.locked || m.task)) {
      throw new Error(
        `${where}: expected a tests, solution or locked cell, got ${m.task ? "a task cell" : "a manually graded answer (grade and solution)"}, which convlab does not grade`,
      );
    }
    if (role && !/^[A-Za-z0-9_-]+$/.test(m?.grade_id ?? ""))
      throw new Error(`${where}: expected a grade_id of letters, digits, - and _, got ${JSON.stringify(m?.grade_id)}`);
    if (role && m) {
      if (seen.has(m.grade_id)) throw new Error(`${where}: expected unique grade ids, got ${m.grade_id} twice`);
      seen.add(m.grade_id);
    }
    if (role === "tests" && (c.cell_type !== "code" || !(Number(m?.points) >= 0))) {
      throw new Error(
        `${where} (${m?.grade_id}): expected a code cell with points >= 0, got a ${c.cell_type} cell with points ${JSON.stringify(m?.points)}`,
      );
    }
    if (hasRegion(body, SOLUTION) && role !== "solution")
      throw new Error(`${where}: expected BEGIN SOLUTION in solution cells only, got it in a ${role ?? "plain"} cell`);
    if (hasRegion(body, HIDDEN) && role !== "tests")
      throw new Error(`${where}: expected BEGIN HIDDEN TESTS in tests cells only, got it in a ${role ?? "plain"} cell`);
    if (role === "solution" && c.cell_type === "code" && !hasRegion(body, SOLUTION)) {
      throw new Error(
        `${where} (${m?.grade_id}): expected // BEGIN SOLUTION … // END SOLUTION inside the cell, got none (the whole cell would become the stub)`,
      );
    }
  });
}

/** The cell as the student receives it. */
function studentCell(c: NbCell, where: string): NbCell {
  const out: NbCell = structuredClone(c);
  const m = nbgraderOf(out),
    role = roleOf(m);
  let source = text(out);
  if (role === "solution") {
    const stub = out.cell_type === "code" ? CODE_STUB : TEXT_STUB;
    const r = replaceRegions(source, SOLUTION, stub, where);
    source = r.found ? r.source : stub;
  }
  if (role === "tests") source = replaceRegions(source, HIDDEN, null, where).source;
  out.source = source;
  if (out.cell_type === "code") {
    out.outputs = [];
    out.execution_count = null;
  }
  if (role && m) {
    // LockCells: answers may be edited but not deleted; tests and read-only cells neither
    out.metadata.deletable = false;
    if (role !== "solution") out.metadata.editable = false;
    out.metadata.nbgrader = { ...m, checksum: computeChecksum(out), cell_type: out.cell_type };
  }
  return out;
}

export function assignNotebook(src: AssignmentSource): Assigned {
  check(src);
  const cells = src.nb.cells.map((c, i) => studentCell(c, `convlab assign: ${src.id}, cell ${i}`));
  const student: NotebookJson = { ...structuredClone(src.nb), cells };
  const manifestCells: ManifestCell[] = [];
  src.nb.cells.forEach((c, i) => {
    const m = nbgraderOf(c),
      role = roleOf(m);
    if (!role || !m) return;
    const released = cells[i];
    const convlab = convlabOf(c);
    manifestCells.push({
      grade_id: m.grade_id,
      role,
      index: i,
      cell_type: c.cell_type,
      cell_id: String(c.id ?? ""),
      release_source: text(released),
      source: role === "solution" ? text(released) : text(c),
      checksum: String(nbgraderOf(released)?.checksum),
      ...(role === "tests" ? { points: Number(m.points) } : {}),
      ...(Object.keys(convlab).length ? { convlab } : {}),
    });
  });
  const total = manifestCells.reduce((s, c) => s + (c.points ?? 0), 0);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    id: src.id,
    title: src.title,
    kernelspec: (src.nb.metadata.kernelspec ?? {}) as Record<string, unknown>,
    total_points: total,
    cells: manifestCells,
  };
  return { student, manifest };
}
