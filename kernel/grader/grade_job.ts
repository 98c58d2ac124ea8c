/**
 * The grader's worker (`convlab _grade JOB.json`): grades one submitted notebook inside its isolated working
 * copy (isolation.ts starts it, possibly under bubblewrap) and writes, into the job's `out` folder,
 * <id>.ipynb (the restored, executed notebook), <id>.json (the GradeResult) and, after every test cell,
 * <id>.progress.json, so that a worker killed at the notebook's time limit still leaves its scores behind.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rejoinLines, writeNotebook, type NotebookJson } from "../runner/pyjson";
import { runForGrading, type RunLimits } from "./grade_run";
import { KernelSession } from "./kernel_session";
import { readManifest, testCells, type Manifest } from "./manifest";
import { restore } from "./restore";
import { RESULT_FORMAT, roundScore, type CellResult, type GradeResult } from "./result";

export interface GradeJob extends RunLimits {
  student: string;
  manifest: string;
  /** the submitted notebook in the working copy; null when the student submitted none */
  notebook: string | null;
  /** the kernel's working folder: the copy of the student's folder */
  work: string;
  out: string;
  backend?: string;
}

/** A result for cells that never ran: every test cell 0 of its points, with a reason. */
export function emptyResult(
  m: Manifest,
  student: string,
  submission: GradeResult["submission"],
  why: string,
): GradeResult {
  const cells: CellResult[] = testCells(m).map((c) => ({
    grade_id: c.grade_id,
    score: 0,
    max_score: c.points ?? 0,
    status: "not run",
    message: why,
    cases: (c.cases ?? []).map((k) => ({ name: k.name, passed: false, message: "did not run", hidden: k.hidden })),
    output: "",
    seconds: 0,
    warnings: [],
  }));
  return {
    format: RESULT_FORMAT,
    student,
    notebook: m.id,
    title: m.title,
    score: 0,
    max_score: m.total_points,
    submission,
    timestamp: "",
    seconds: 0,
    restored: [],
    restarts: [],
    cells,
    notes: [why],
  };
}

export function totals(cells: readonly CellResult[]): { score: number; max: number } {
  return {
    score: roundScore(cells.reduce((s, c) => s + c.score, 0)),
    max: roundScore(cells.reduce((s, c) => s + c.max_score, 0)),
  };
}

function readSubmission(path: string): NotebookJson | null {
  try {
    const nb = rejoinLines(JSON.parse(readFileSync(path, "utf8")) as NotebookJson);
    return Array.isArray(nb.cells) && typeof nb.metadata === "object" ? nb : null;
  } catch {
    return null;
  }
}

export async function gradeJob(job: GradeJob): Promise<GradeResult> {
  const t0 = Date.now();
  const m = readManifest(job.manifest);
  const write = (name: string, text: string) => writeFileSync(join(job.out, `${m.id}${name}`), text);
  if (job.notebook === null || !existsSync(job.notebook))
    return emptyResult(m, job.student, "missing", `no ${m.id}.ipynb was submitted`);
  const submitted = readSubmission(job.notebook);
  if (!submitted) return emptyResult(m, job.student, "unreadable", `${m.id}.ipynb is not a readable notebook`);
  const { nb, restored } = restore(submitted, m);
  const session = new KernelSession(nb, { cwd: job.work, env: process.env, backend: job.backend });
  const progress = (cells: CellResult[]) => write(".progress.json", JSON.stringify({ cells, restored }));
  const outcome = await runForGrading(nb, m, session, job, progress);
  const { score, max } = totals(outcome.cells);
  const result: GradeResult = {
    format: RESULT_FORMAT,
    student: job.student,
    notebook: m.id,
    title: m.title,
    score,
    max_score: max,
    submission: "graded",
    timestamp: statSync(job.notebook).mtime.toISOString(),
    seconds: (Date.now() - t0) / 1000,
    restored,
    restarts: outcome.restarts,
    cells: outcome.cells,
    notes: outcome.notes,
  };
  write(".ipynb", writeNotebook(nb));
  return result;
}

/** `convlab _grade JOB.json`: what isolation.ts runs. */
export async function gradeJobCommand(argv: string[]): Promise<number> {
  const job = JSON.parse(readFileSync(argv[0], "utf8")) as GradeJob;
  const result = await gradeJob(job);
  writeFileSync(join(job.out, `${result.notebook}.json`), JSON.stringify(result, null, 1) + "\n");
  return 0;
}
