/**
 * Runs one grading job isolated from the grader and from other submissions:
 *   - a temporary folder per submission: a copy of the student's folder (the kernel's working folder, so
 *     relative paths work and nothing touches the submissions), HOME and TMPDIR inside it;
 *   - a clean environment: PATH, HOME, TMPDIR, LANG, the grader's CONVLAB_* settings, NBGRADER_EXECUTION —
 *     no tokens, keys or other secrets of the grader's environment;
 *   - a memory limit for the execution process (CONVLAB_EXEC_MEMORY_MB, see kernel/exec/exec_process.ts);
 *   - the worker leads its own process group, killed as a whole at the end and at the notebook's deadline
 *     (plus a grace for starting the kernel), so nothing a student started outlives the job;
 *   - optionally bubblewrap (sandbox.ts).
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kernelRoot } from "../paths";
import { emptyResult, totals, type GradeJob } from "./grade_job";
import type { Manifest } from "./manifest";
import type { CellResult, GradeResult } from "./result";
import { bwrapArgs, bwrapPath } from "./sandbox";

export interface IsolationOptions {
  cellTimeout: number;
  notebookTimeout: number;
  memoryMb: number;
  sandbox: boolean;
  backend?: string;
}

/** Seconds a worker gets beyond the notebook's time limit: starting (and restarting) kernels, writing files. */
export const WORKER_GRACE_S = 90;

export function cleanEnv(home: string, tmp: string, memoryMb: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    TMPDIR: tmp,
    LANG: "C.UTF-8",
    NBGRADER_EXECUTION: "autograde",
  };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith("CONVLAB_") && v !== undefined) env[k] = v;
  env.CONVLAB_GRADING = "1";
  env.CONVLAB_EXEC_MEMORY_MB = String(memoryMb);
  return env;
}

export interface JobOutput {
  result: GradeResult;
  /** the executed notebook's text, when the worker got that far */
  notebook: string | null;
}

/** Grades `<folder>/<m.id>.ipynb` (folder null: nothing submitted) in a fresh temporary copy. */
export async function gradeIsolated(
  m: Manifest,
  manifestFile: string,
  student: string,
  folder: string | null,
  file: string | null,
  opts: IsolationOptions,
): Promise<JobOutput> {
  if (folder === null || file === null)
    return { result: emptyResult(m, student, "missing", `no ${m.id}.ipynb was submitted`), notebook: null };
  const tmp = mkdtempSync(join(tmpdir(), "convlab-grade-"));
  try {
    const [work, home, out, scratch] = ["work", "home", "out", "tmp"].map((d) => join(tmp, d));
    cpSync(folder, work, { recursive: true, dereference: false, verbatimSymlinks: true, preserveTimestamps: true });
    for (const d of [home, out, scratch]) mkdirSync(d, { recursive: true });
    const job: GradeJob = {
      student,
      manifest: join(tmp, "manifest.json"),
      notebook: join(work, file),
      work,
      out,
      cellTimeout: opts.cellTimeout,
      notebookTimeout: opts.notebookTimeout,
      ...(opts.backend ? { backend: opts.backend } : {}),
    };
    writeFileSync(job.manifest, readFileSync(manifestFile));
    writeFileSync(join(tmp, "job.json"), JSON.stringify(job));
    const log = await runWorker(tmp, work, cleanEnv(home, scratch, opts.memoryMb), opts);
    const resultFile = join(out, `${m.id}.json`),
      nbFile = join(out, `${m.id}.ipynb`);
    const notebook = existsSync(nbFile) ? readFileSync(nbFile, "utf8") : null;
    if (existsSync(resultFile))
      return { result: JSON.parse(readFileSync(resultFile, "utf8")) as GradeResult, notebook };
    return { result: fromProgress(m, student, join(out, `${m.id}.progress.json`), log), notebook };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The worker stopped without a result (killed at the deadline, or it failed): the cells it scored, the rest 0. */
function fromProgress(m: Manifest, student: string, progressFile: string, log: string): GradeResult {
  const why = `grading stopped before the end: ${log.trim().split("\n").slice(-3).join(" / ") || "no message"}`;
  const base = emptyResult(m, student, "graded", why);
  if (!existsSync(progressFile)) return base;
  const p = JSON.parse(readFileSync(progressFile, "utf8")) as {
    cells: CellResult[];
    restored: GradeResult["restored"];
  };
  const done = new Map(p.cells.map((c) => [c.grade_id, c] as const));
  const cells = base.cells.map((c) => done.get(c.grade_id) ?? { ...c, status: "timeout" as const });
  const { score, max } = totals(cells);
  return { ...base, cells, score, max_score: max, restored: p.restored };
}

/** Runs `convlab _grade job.json` in its own process group; kills the group when done or at the deadline. */
function runWorker(tmp: string, cwd: string, env: NodeJS.ProcessEnv, opts: IsolationOptions): Promise<string> {
  const root = kernelRoot();
  const command = [process.execPath, join(root, "bin", "convlab.js"), "_grade", join(tmp, "job.json")];
  const [cmd, ...args] = opts.sandbox ? [bwrapPath(), ...bwrapArgs({ root, writable: tmp, cwd, command })] : command;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    const keep = (d: Buffer) => {
      log = (log + d.toString()).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(
      () => {
        log += `\nthe notebook's time limit (${opts.notebookTimeout} s) passed: stopped`;
        killGroup();
      },
      (opts.notebookTimeout + WORKER_GRACE_S) * 1000,
    );
    child.on("error", (e) => {
      log += `\n${e.message}`;
    });
    // "exit", not "close": a kernel left behind would hold the pipes open until the deadline
    child.on("exit", () => {
      clearTimeout(timer);
      killGroup();
      setTimeout(() => resolve(log), 50);
    });
  });
}
