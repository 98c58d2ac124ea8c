/**
 * Shared by the grader tests: a current build (the grader's workers and the notebooks' `import "convlab"` run
 * dist/), the convlab command line, and submissions made from an assignment's student version.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { rejoinLines, writeNotebook, type NotebookJson } from "../../kernel/runner/pyjson";

export const ROOT = join(__dirname, "..", "..");
export const PYTHON = "/usr/bin/python3";
export const CLI = join(ROOT, "bin", "convlab.js");

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f),
      s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds dist/ when it is missing or older than src/ or kernel/. */
export function ensureBuilt(): void {
  const cli = join(ROOT, "dist", "kernel", "cli.js");
  if (existsSync(cli) && statSync(cli).mtimeMs >= Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "kernel"))))
    return;
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")],
    { stdio: "ignore" },
  );
}

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), prefix));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** `convlab ARGS…` as a child process (asynchronously: the tests run several kernels meanwhile). */
export function convlab(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
    });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 900_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

export function readNotebook(path: string): NotebookJson {
  return rejoinLines(JSON.parse(readFileSync(path, "utf8")) as NotebookJson);
}

export const gradeIdOf = (c: NotebookJson["cells"][number]): string | undefined =>
  (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id;

/** A student's notebook: the student version with the solution's answer cells, then `edit` applied. */
export function submission(
  student: NotebookJson,
  solution: NotebookJson,
  edit: (nb: NotebookJson) => void = () => {},
): NotebookJson {
  const nb: NotebookJson = structuredClone(student);
  const answers = new Map(solution.cells.map((c) => [gradeIdOf(c), c.source] as const));
  for (const c of nb.cells) {
    const m = c.metadata.nbgrader as { solution?: boolean } | undefined;
    if (m?.solution) c.source = String(answers.get(gradeIdOf(c)));
  }
  edit(nb);
  return nb;
}

/** Replaces text in the cell with this grade_id (throws when the text is not there: a test that edits nothing proves nothing). */
export function editCell(nb: NotebookJson, id: string, from: string | RegExp, to: string): void {
  const cell = nb.cells.find((c) => gradeIdOf(c) === id);
  if (!cell) throw new Error(`editCell: no cell ${id}`);
  const before = String(cell.source);
  cell.source = before.replace(from, to);
  if (cell.source === before) throw new Error(`editCell: ${String(from)} not found in ${id}`);
}

export function writeSubmission(root: string, student: string, file: string, nb: NotebookJson): void {
  mkdirSync(join(root, student), { recursive: true });
  writeFileSync(join(root, student, file), writeNotebook(nb));
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export { dirname };
