/**
 * `convlab autograde SUBMISSIONS --release RELEASE --out GRADED [--notebook ID]... [--jobs N] [--cell-timeout S]
 *  [--notebook-timeout S] [--memory-mb MB] [--sandbox] [--backend B] [--student ID] [--gradescope FILE]`
 *
 * Grades every submission, each in its own kernel in its own isolated copy, N at a time, and writes
 *   GRADED/<student>/<id>.ipynb   the restored notebook as it ran (instructor's eyes only: it has hidden tests)
 *   GRADED/<student>/<id>.json    the result: per-cell scores, cases, restorations, restarts
 *   GRADED/grades.csv             nbgrader export's columns;  GRADED/grades-by-cell.csv;  GRADED/grades.json
 * Files are named by student folder, so two students' notebooks of the same name never collide.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kernelRoot } from "../paths";
import { gradesByCellCsv, gradesCsv } from "./grades_csv";
import { gradeIsolated, type IsolationOptions } from "./isolation";
import { manifestPath } from "./manifest";
import type { GradeResult } from "./result";
import { probeSandbox } from "./sandbox";
import { findSubmissions, type Submission } from "./submissions";

export interface AutogradeOptions extends IsolationOptions {
  release: string;
  out: string;
  jobs: number;
  student?: string;
  /** print a line per finished submission */
  log?: (line: string) => void;
}

/** Runs `work` over `items`, at most `jobs` at a time, keeping the items' order in the results. */
export async function pool<T, R>(items: readonly T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]);
    }),
  );
  return results;
}

export async function autograde(submissions: readonly Submission[], opts: AutogradeOptions): Promise<GradeResult[]> {
  if (opts.sandbox) probeSandbox(kernelRoot(), tmpdir());
  return pool(submissions, opts.jobs, async (s) => {
    const t0 = Date.now();
    const { result, notebook } = await gradeIsolated(
      s.manifest,
      manifestPath(opts.release, s.manifest.id),
      s.student,
      s.folder,
      s.file,
      opts,
    );
    const dir = join(opts.out, s.student);
    mkdirSync(dir, { recursive: true });
    if (notebook !== null) writeFileSync(join(dir, `${s.manifest.id}.ipynb`), notebook);
    writeFileSync(join(dir, `${s.manifest.id}.json`), JSON.stringify(result, null, 1) + "\n");
    opts.log?.(
      `${s.student}/${s.manifest.id}: ${result.score}/${result.max_score} ` +
        `(${result.cells.map((c) => `${c.grade_id} ${c.status}`).join(", ")}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    return result;
  });
}

export function writeTables(results: readonly GradeResult[], out: string): void {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "grades.csv"), gradesCsv(results));
  writeFileSync(join(out, "grades-by-cell.csv"), gradesByCellCsv(results));
  const summary = results.map((r) => ({
    student: r.student,
    notebook: r.notebook,
    score: r.score,
    max_score: r.max_score,
    submission: r.submission,
    cells: Object.fromEntries(
      r.cells.map((c) => [c.grade_id, { score: c.score, max_score: c.max_score, status: c.status }]),
    ),
  }));
  writeFileSync(join(out, "grades.json"), JSON.stringify(summary, null, 1) + "\n");
}

export { findSubmissions };
