/**
 * `convlab validate NOTEBOOK [--cell-timeout S] [--notebook-timeout S]`: what a student runs before handing in.
 * The notebook runs as the grader would run it — a fresh kernel in a temporary copy, every cell, errors do
 * not stop it — against its own test cells (the visible tests; hidden tests run only when it is graded),
 * and the points per part are printed. Changes to test or read-only cells are pointed out: the grader
 * undoes them. Exit status 0 when every visible test passes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { rejoinLines, type NotebookJson } from "../runner/pyjson";
import { computeChecksum } from "./checksum";
import { gradeIsolated, type IsolationOptions } from "./isolation";
import { MANIFEST_FORMAT, manifestPath, manifestText, type Manifest, type ManifestCell } from "./manifest";
import { convlabOf, nbgraderOf, roleOf } from "./nbgrader_cell";
import type { GradeResult } from "./result";

/** The notebook's own cells as a manifest: its test cells are what runs, its metadata's checksums what it received. */
export function manifestOfNotebook(nb: NotebookJson, id: string): Manifest {
  const cells: ManifestCell[] = [];
  nb.cells.forEach((c, index) => {
    const m = nbgraderOf(c),
      role = roleOf(m);
    if (!m || !role) return;
    const source = Array.isArray(c.source) ? c.source.join("") : c.source;
    const convlab = convlabOf(c);
    cells.push({
      grade_id: m.grade_id,
      role,
      index,
      cell_type: c.cell_type,
      cell_id: String(c.id ?? ""),
      release_source: source,
      source,
      checksum: m.checksum ?? computeChecksum(c),
      ...(role === "tests" ? { points: Number(m.points ?? 0) } : {}),
      ...(Object.keys(convlab).length ? { convlab } : {}),
    });
  });
  const total = cells.reduce((s, c) => s + (c.points ?? 0), 0);
  return {
    format: MANIFEST_FORMAT,
    id,
    title: id,
    kernelspec: (nb.metadata.kernelspec ?? {}) as Record<string, unknown>,
    total_points: total,
    cells,
  };
}

export async function validateNotebook(path: string, opts: IsolationOptions): Promise<GradeResult> {
  const nb = rejoinLines(JSON.parse(readFileSync(path, "utf8")) as NotebookJson);
  const id = basename(path).replace(/\.ipynb$/, "");
  const m = manifestOfNotebook(nb, id);
  if (m.cells.every((c) => c.role !== "tests"))
    throw new Error(`convlab validate: expected test cells (metadata.nbgrader.grade) in ${path}, got none`);
  const tmp = mkdtempSync(join(tmpdir(), "convlab-validate-"));
  try {
    const dir = join(tmp, "you");
    mkdirSync(dir);
    writeFileSync(join(dir, `${id}.ipynb`), readFileSync(path));
    writeFileSync(manifestPath(tmp, id), manifestText(m));
    return (await gradeIsolated(m, manifestPath(tmp, id), "you", dir, `${id}.ipynb`, opts)).result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function validationReport(r: GradeResult): string[] {
  const lines = [`${r.notebook}.ipynb: ${r.score} / ${r.max_score} points on the visible tests`];
  for (const x of r.restored)
    if (x.what === "edited") lines.push(`  note: you changed cell ${x.grade_id}; the grader runs the original instead`);
  for (const c of r.cells) {
    if (c.cases.length === 0 && c.status === "failed" && !c.message) {
      lines.push(
        `  ${c.grade_id.padEnd(14)} ${`?/${c.max_score}`.padStart(7)}  no visible tests: graded by hidden tests only`,
      );
      continue;
    }
    const passed = c.cases.filter((k) => k.passed).length;
    lines.push(
      `  ${c.grade_id.padEnd(14)} ${`${c.score}/${c.max_score}`.padStart(7)}  ${c.status}${c.cases.length ? ` (${passed} of ${c.cases.length} cases)` : ""}${c.message ? `: ${c.message}` : ""}`,
    );
    for (const k of c.cases) if (!k.passed) lines.push(`      ✗ ${k.name}: ${k.message}`);
  }
  lines.push("Hidden tests run only when the notebook is graded.");
  return lines;
}
