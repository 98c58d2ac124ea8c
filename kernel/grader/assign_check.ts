/**
 * `assign --check`: the self-check every nbgrader and otter user ends up scripting, as a product feature.
 * Both versions are graded exactly as submissions are (isolated kernels, the manifest, restore, scoring):
 *   - the solution must score full marks, with no error anywhere and nothing on stderr in a test cell, and
 *     each test cell's result must be a number or nothing (anything else earns nbgrader's full credit);
 *   - the student version must score 0 and fail only in test cells (a stub that breaks an answer cell's
 *     declaration would cost students every later part).
 * The solution's case records become the manifest's case list; the ones the student version does not run
 * are its hidden cases.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rejoinLines, writeNotebook, type NotebookJson } from "../runner/pyjson";
import { pool } from "./autograde";
import { caseRecords } from "./cell_score";
import { gradeIsolated, type IsolationOptions } from "./isolation";
import { manifestPath, manifestText, type Manifest } from "./manifest";
import { HIDDEN, SOLUTION } from "./markers";
import { nbgraderOf, roleOf } from "./nbgrader_cell";
import { pythonFloat } from "./nbgrader_score";
import type { GradeResult } from "./result";

export interface CheckReport {
  manifest: Manifest;
  solution: GradeResult;
  student: GradeResult;
  problems: string[];
}

type Run = { result: GradeResult; nb: NotebookJson | null };

function testIds(m: Manifest): Set<string> {
  return new Set(m.cells.filter((c) => c.role === "tests").map((c) => c.grade_id));
}

function checkSolution(m: Manifest, run: Run, problems: string[]): void {
  const r = run.result;
  if (r.score !== r.max_score)
    problems.push(
      `the solution scores ${r.score}/${r.max_score}: ${r.cells
        .filter((c) => c.score < c.max_score)
        .map((c) => `${c.grade_id} ${c.status}${c.message ? ` (${c.message})` : ""}`)
        .join("; ")}`,
    );
  if (r.restarts.length)
    problems.push(`the solution's kernel restarted: ${r.restarts.map((x) => x.reason).join("; ")}`);
  const tests = testIds(m);
  for (const cell of run.nb?.cells ?? []) {
    const id = nbgraderOf(cell)?.grade_id ?? "",
      isTest = roleOf(nbgraderOf(cell)) === "tests" && tests.has(id);
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "error")
        problems.push(`the solution errors in cell ${id || String(cell.id)}: ${String(o.ename)}: ${String(o.evalue)}`);
      if (isTest && o.output_type === "stream" && o.name === "stderr")
        problems.push(
          `the solution writes to stderr in test cell ${id} (nbgrader scores that 0): ${String(o.text).slice(0, 200)}`,
        );
      if (isTest && o.output_type === "execute_result") {
        const t = String((o.data as Record<string, unknown>)["text/plain"] ?? "");
        if (pythonFloat(t) === null)
          problems.push(
            `test cell ${id} ends with ${t.slice(0, 60)}, not a number (nbgrader gives full credit for that): end it with t.points()`,
          );
      }
      const rec = (o.data as Record<string, unknown> | undefined)?.["application/vnd.convlab.grade+json"] as
        { group?: string; points?: number } | undefined;
      if (isTest && rec && rec.group !== id)
        problems.push(
          `test cell ${id} records cases for group ${JSON.stringify(rec.group)}: use cl.grading.tests(${JSON.stringify(id)}, …)`,
        );
      if (isTest && rec && rec.group === id && rec.points !== m.cells.find((c) => c.grade_id === id)?.points)
        problems.push(
          `test cell ${id} declares ${rec.points} points in cl.grading.tests, its metadata ${m.cells.find((c) => c.grade_id === id)?.points}`,
        );
    }
  }
}

function checkStudent(m: Manifest, studentText: string, run: Run, problems: string[]): void {
  const r = run.result;
  if (r.score !== 0)
    problems.push(
      `the student version scores ${r.score}/${r.max_score}, expected 0: ${r.cells
        .filter((c) => c.score > 0)
        .map((c) => c.grade_id)
        .join(", ")}`,
    );
  for (const marker of [SOLUTION.begin, HIDDEN.begin])
    if (studentText.includes(marker)) problems.push(`the student version contains "${marker}"`);
  const tests = testIds(m);
  for (const cell of run.nb?.cells ?? []) {
    const id = nbgraderOf(cell)?.grade_id ?? "";
    if (tests.has(id)) continue;
    for (const o of cell.outputs ?? [])
      if (o.output_type === "error")
        problems.push(
          `the student version errors outside the test cells, in ${id || String(cell.id)}: ${String(o.ename)}: ${String(o.evalue)}`,
        );
  }
}

/** Case names per test cell, in the order they ran. */
function casesOf(m: Manifest, nb: NotebookJson | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const cell of nb?.cells ?? []) {
    const id = nbgraderOf(cell)?.grade_id;
    if (!id || !testIds(m).has(id)) continue;
    out.set(id, [...new Set(caseRecords(cell, id).map((r) => r.case))]);
  }
  return out;
}

export async function checkAssignment(
  m: Manifest,
  solution: NotebookJson,
  student: NotebookJson,
  opts: IsolationOptions,
): Promise<CheckReport> {
  const tmp = mkdtempSync(join(tmpdir(), "convlab-check-"));
  try {
    const bare: Manifest = { ...m, cells: m.cells.map(({ cases: _cases, ...c }) => c) };
    // the student version runs its own (visible) tests: the cases it records are the visible ones
    const visibleOnly: Manifest = {
      ...bare,
      cells: bare.cells.map((c) => (c.role === "tests" ? { ...c, source: c.release_source } : c)),
    };
    const studentText = writeNotebook(student);
    const versions = [
      ["solution", writeNotebook(solution), bare],
      ["student", studentText, visibleOnly],
    ] as const;
    const runs = await pool(versions, 2, async ([who, text, manifest]): Promise<Run> => {
      const dir = join(tmp, "submissions", who),
        release = join(tmp, `release-${who}`);
      mkdirSync(dir, { recursive: true });
      mkdirSync(release, { recursive: true });
      writeFileSync(manifestPath(release, m.id), manifestText(manifest));
      writeFileSync(join(dir, `${m.id}.ipynb`), text);
      const out = await gradeIsolated(manifest, manifestPath(release, m.id), who, dir, `${m.id}.ipynb`, opts);
      return { result: out.result, nb: out.notebook ? rejoinLines(JSON.parse(out.notebook) as NotebookJson) : null };
    });
    const problems: string[] = [];
    checkSolution(m, runs[0], problems);
    checkStudent(m, studentText, runs[1], problems);
    const all = casesOf(m, runs[0].nb),
      visible = casesOf(m, runs[1].nb);
    const cells = m.cells.map((c) => {
      if (c.role !== "tests") return c;
      const names = all.get(c.grade_id) ?? [],
        seen = new Set(visible.get(c.grade_id) ?? []);
      for (const n of seen)
        if (!names.includes(n))
          problems.push(
            `test cell ${c.grade_id}: the student version runs case ${JSON.stringify(n)}, the solution does not`,
          );
      return names.length ? { ...c, cases: names.map((name) => ({ name, hidden: !seen.has(name) })) } : c;
    });
    return { manifest: { ...m, cells }, solution: runs[0].result, student: runs[1].result, problems };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
