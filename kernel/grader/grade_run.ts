/**
 * Runs a restored notebook cell by cell for grading, in one kernel session:
 *   - every code cell has a time limit (its `metadata.convlab.timeout`, else --cell-timeout), and the whole
 *     notebook has one (--notebook-timeout): cells it leaves unrun score 0 as `timeout`;
 *   - errors never stop the run (nbgrader's allow_errors);
 *   - when the kernel dies (process.kill(process.ppid)) or its execution process is restarted (a crash, a cell
 *     that ignored its interrupt), the cell is an error, a fresh kernel gets the earlier cells replayed
 *     silently, and grading goes on;
 *   - each test cell is scored as soon as it ran, and `onScored` sees the results so far (progress file).
 */
import type { NotebookJson } from "../runner/pyjson";
import { scoreCell, type RunStatus } from "./cell_score";
import { type KernelSession } from "./kernel_session";
import type { Manifest } from "./manifest";
import { convlabOf, nbgraderOf, roleOf, type NbCell } from "./nbgrader_cell";
import type { CellResult, GradeResult } from "./result";

export interface RunLimits {
  cellTimeout: number;
  notebookTimeout: number;
}

export interface RunOutcome {
  cells: CellResult[];
  restarts: GradeResult["restarts"];
  notes: string[];
}

const text = (c: NbCell): string => (Array.isArray(c.source) ? c.source.join("") : c.source);

function timeoutOutput(cell: NbCell, message: string): void {
  (cell.outputs ??= []).push({
    output_type: "error",
    ename: "CellTimeoutError",
    evalue: message,
    traceback: [`CellTimeoutError: ${message}`],
  });
}

/** The kernel restarted its execution process during this cell: the state is gone. */
const lostState = (cell: NbCell): boolean =>
  (cell.outputs ?? []).some((o) => o.output_type === "error" && o.ename === "KernelRestarted");

export async function runForGrading(
  nb: NotebookJson,
  m: Manifest,
  session: KernelSession,
  limits: RunLimits,
  onScored: (results: CellResult[]) => void,
): Promise<RunOutcome> {
  const deadline = Date.now() + limits.notebookTimeout * 1000;
  const byId = new Map(m.cells.filter((c) => c.role === "tests").map((c) => [c.grade_id, c] as const));
  const results = new Map<string, CellResult>();
  const restarts: GradeResult["restarts"] = [];
  const notes: string[] = [];
  const replayable: string[] = []; // earlier non-test cells that ran cleanly, in order
  await session.start();
  try {
    await runCells();
  } finally {
    await session.close();
  }
  for (const mc of byId.values()) {
    if (!results.has(mc.grade_id))
      notes.push(`test cell ${mc.grade_id} was not found in the notebook after restoring it`);
  }
  const cells = [...byId.values()].map(
    (mc) =>
      results.get(mc.grade_id) ??
      scoreCell(mc, { cell_type: "code", source: "", metadata: {}, outputs: [] }, "not run", 0, "the cell did not run"),
  );
  return { cells, restarts, notes };

  async function runCells(): Promise<void> {
    for (const [i, cell] of nb.cells.entries()) {
      if (cell.cell_type !== "code" || text(cell).trim() === "") continue;
      const meta = nbgraderOf(cell),
        mc = roleOf(meta) === "tests" ? byId.get(meta?.grade_id ?? "") : undefined;
      const limit = Math.min(convlabOf(cell).timeout ?? limits.cellTimeout, (deadline - Date.now()) / 1000);
      const t0 = Date.now();
      let run: RunStatus, why: string | undefined;
      if (limit <= 0) {
        run = "timeout";
        why = `the notebook's time limit (${limits.notebookTimeout} s) ran out before this cell`;
      } else {
        if (!session.alive) await restart(`the kernel was unusable before cell ${i}`);
        const out = session.executor
          ? await session.executor.runCell(cell, i, { timeout: limit, allowErrors: true })
          : { status: "not run" as const, error: "the kernel could not be restarted" };
        run = out.status;
        if (run === "not run") why = out.error ?? undefined;
        if (run === "timeout") {
          why = `did not finish within ${Math.round(limit * 10) / 10} s`;
          timeoutOutput(cell, `cell ${i} ${why}`);
        }
        if (run === "died" || lostState(cell) || !session.alive) {
          if (run === "ok") run = "error";
          await restart(
            run === "died"
              ? `the kernel died during cell ${i}`
              : `the execution process was restarted during cell ${i}`,
          );
        } else if (run === "ok" && !mc) replayable.push(text(cell));
      }
      if (mc) {
        results.set(mc.grade_id, scoreCell(mc, cell, run, (Date.now() - t0) / 1000, why));
        onScored([...results.values()]);
      }
    }
  }

  async function restart(reason: string): Promise<void> {
    if (Date.now() >= deadline) return;
    await session.start();
    const replayed = await session.replay(replayable, limits.cellTimeout, deadline);
    if (replayed < replayable.length)
      notes.push(`after ${reason}, replaying stopped at cell ${replayed + 1} of ${replayable.length}`);
    restarts.push({ at: new Date().toISOString(), reason, replayed });
  }
}
