/**
 * Where each page's outputs come from: the executed copy that the notebook test stage writes to
 * `<executed>/<path of the notebook in the repository>`. A notebook without one, or with one older than its
 * source, is run here (`convlab run`, two at a time, written to the same place so the next build reuses it),
 * unless `--no-run`, which makes a missing copy an error instead. Assignments are never run: their page
 * shows the task, not a solution's outputs.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatTable, runNotebook, type RunResult } from "../runner/run";
import type { Page } from "./pages";

export interface ExecutedOptions {
  root: string;
  executed: string;
  run: boolean;
  jobs: number;
  timeout?: number;
  log: (line: string) => void;
}

export const executedPath = (page: Page, o: ExecutedOptions): string => join(o.executed, page.source);

const mtime = (p: string): number => statSync(p).mtimeMs;

/** Error outputs in cells that are not tagged `raises-exception` (the ones that fail on purpose). */
function unexpectedErrors(path: string): number {
  const nb = JSON.parse(readFileSync(path, "utf8")) as {
    cells: { metadata?: { tags?: string[] }; outputs?: { output_type: string }[] }[];
  };
  return nb.cells
    .filter((c) => !c.metadata?.tags?.includes("raises-exception"))
    .reduce((n, c) => n + (c.outputs ?? []).filter((o) => o.output_type === "error").length, 0);
}

/** Runs `tasks` with at most `jobs` at a time, keeping their order in the result. */
async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, worker));
  return results;
}

/** Makes sure every lecture page has an executed copy; returns the notebook file to read for each page. */
export async function ensureExecuted(pages: Page[], o: ExecutedOptions): Promise<Map<Page, string>> {
  const files = new Map<Page, string>();
  const todo: Page[] = [];
  for (const page of pages) {
    const source = join(o.root, page.source);
    if (!existsSync(source)) throw new Error(`convlab book: the course map lists ${page.source}, which does not exist`);
    if (page.assignment) {
      files.set(page, source);
      continue;
    }
    const copy = executedPath(page, o);
    if (existsSync(copy) && mtime(copy) >= mtime(source)) {
      files.set(page, copy);
      continue;
    }
    if (!o.run) {
      throw new Error(
        `convlab book: no executed copy of ${page.source} at ${copy}${existsSync(copy) ? " newer than the notebook" : ""} ` +
          `(run the notebook test stage, or drop --no-run to let convlab book run it)`,
      );
    }
    todo.push(page);
    files.set(page, copy);
  }
  if (todo.length) {
    o.log(`running ${todo.length} notebook(s) without an up-to-date executed copy, ${o.jobs} at a time`);
    const results: RunResult[] = await pool(
      todo.map((page) => async () => {
        const out = executedPath(page, o);
        mkdirSync(dirname(out), { recursive: true });
        return runNotebook(join(o.root, page.source), out, { timeout: o.timeout });
      }),
      o.jobs,
    );
    o.log(formatTable(results));
    for (const r of results) {
      if (r.errors && unexpectedErrors(r.output))
        o.log(`warning: ${r.notebook}: ${r.firstError ?? `${r.errors} error(s)`} (its page shows the error)`);
    }
  }
  return files;
}
