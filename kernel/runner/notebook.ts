/**
 * Executes a notebook the way nbclient 0.7 does, message for message, so the outputs written are
 * byte-for-byte nbclient's: outputs from IOPub (stream, display_data, execute_result, error),
 * clear_output (also `wait`), update_display_data through display ids across cells, execution
 * counts 1..n over non-empty code cells, timing metadata, language_info from kernel_info.
 */
import type { Message } from "../protocol/wire";
import { KernelDiedError, type KernelClient } from "./client";
import type { NotebookJson } from "./pyjson";

type Output = Record<string, unknown>;
type Cell = NotebookJson["cells"][number];

export interface ExecuteOptions {
  /** Seconds per cell; on timeout the kernel is interrupted and the cell counts as an error. */
  timeout?: number;
  /** Keep going after a cell errors (nbclient's allow_errors). */
  allowErrors?: boolean;
}

/** How one cell ended: `died` = the kernel process exited before it answered (the client is beyond use). */
export interface CellOutcome {
  status: "ok" | "error" | "timeout" | "died";
  /** "ename: evalue" when it did not end ok */
  error: string | null;
}

export interface ExecuteSummary {
  cells: number;
  errors: number;
  /** The first error: cell index and "ename: evalue". */
  firstError?: { cell: number; message: string };
}

/** nbclient's timestamp(msg): the header date with microseconds. */
function timestamp(m: Message): string {
  const d = String(m.header.date);
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(d);
  if (!match) return new Date().toISOString().replace("Z", "000Z");
  return `${match[1]}.${(match[2] ?? "").padEnd(6, "0").slice(0, 6)}Z`;
}

function outputOf(m: Message): Output | null {
  const c = m.content;
  switch (m.header.msg_type) {
    case "execute_result":
      return { output_type: "execute_result", metadata: c.metadata, data: c.data, execution_count: c.execution_count };
    case "stream":
      return { output_type: "stream", name: c.name, text: c.text };
    case "display_data":
      return { output_type: "display_data", metadata: c.metadata, data: c.data };
    case "error":
      return { output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback };
    default:
      return null;
  }
}

export class NotebookExecutor {
  /** display_id → cell index → output indices (nbclient's _display_id_map). */
  private readonly displays = new Map<string, Map<number, number[]>>();
  private executed = 0;
  /** True when a timed-out cell did not answer even its interrupt: the kernel is beyond use. */
  wedged = false;

  constructor(
    private readonly nb: NotebookJson,
    private readonly kc: KernelClient,
  ) {}

  async run(opts: ExecuteOptions): Promise<ExecuteSummary> {
    const info = this.kc.kernelInfo.language_info;
    if (info) this.nb.metadata.language_info = info;
    const summary: ExecuteSummary = { cells: 0, errors: 0 };
    for (let i = 0; i < this.nb.cells.length; i++) {
      const cell = this.nb.cells[i];
      if (cell.cell_type !== "code" || String(cell.source).trim() === "") continue;
      summary.cells++;
      const out = await this.runCell(cell, i, opts);
      if (!out.error) continue;
      summary.errors++;
      summary.firstError ??= { cell: i, message: out.error };
      if (this.wedged) break;
      const tags = (cell.metadata.tags ?? []) as string[];
      if (!opts.allowErrors && !tags.includes("raises-exception")) break;
    }
    return summary;
  }

  /** Runs one cell (the notebook's cell `index`) and says how it ended. */
  async runCell(cell: Cell, index: number, opts: ExecuteOptions): Promise<CellOutcome> {
    try {
      return await this.runCellOnce(cell, index, opts);
    } catch (e) {
      if (!(e instanceof KernelDiedError)) throw e;
      this.wedged = true;
      const evalue = `${e.message} while this cell ran`;
      (cell.outputs ??= []).push({ output_type: "error", ename: e.name, evalue, traceback: [`${e.name}: ${evalue}`] });
      cell.execution_count = this.executed;
      return { status: "died", error: `${e.name}: ${evalue}` };
    }
  }

  private async runCellOnce(cell: Cell, index: number, opts: ExecuteOptions): Promise<CellOutcome> {
    const timing: Record<string, string> = {};
    cell.metadata.execution = timing;
    const tags = (cell.metadata.tags ?? []) as string[];
    const allow = !!opts.allowErrors || tags.includes("raises-exception");
    const outputs: Output[] = [];
    cell.outputs = outputs;
    let clearPending = false;
    const count = ++this.executed;
    let idle: () => void = () => {};
    const sawIdle = new Promise<void>((r) => {
      idle = r;
    });
    const id = this.kc.send(
      "shell",
      "execute_request",
      {
        code: cell.source,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
        stop_on_error: !allow,
      },
      (m) => {
        const t = m.header.msg_type,
          c = m.content;
        const displayId = (c.transient as { display_id?: string } | undefined)?.display_id;
        if (displayId && (t === "execute_result" || t === "display_data" || t === "update_display_data"))
          this.updateDisplay(displayId, m);
        if ("execution_count" in c) cell.execution_count = c.execution_count;
        if (t === "status") {
          timing[c.execution_state === "idle" ? "iopub.status.idle" : "iopub.status.busy"] = timestamp(m);
          if (c.execution_state === "idle") idle();
        } else if (t === "execute_input") timing["iopub.execute_input"] = timestamp(m);
        else if (t === "clear_output") {
          if (c.wait) clearPending = true;
          else {
            outputs.length = 0;
            this.forgetCell(index);
          }
        } else if (t !== "update_display_data" && !t.startsWith("comm")) {
          const out = outputOf(m);
          if (!out) return;
          if (clearPending) {
            outputs.length = 0;
            this.forgetCell(index);
            clearPending = false;
          }
          if (displayId) {
            const byCell = this.displays.get(displayId) ?? new Map<number, number[]>();
            this.displays.set(displayId, byCell);
            byCell.set(index, [...(byCell.get(index) ?? []), outputs.length]);
          }
          outputs.push(out);
        }
      },
    );
    let timer: NodeJS.Timeout | null = null;
    const timedOut = new Promise<"timeout">((r) => {
      if (opts.timeout && opts.timeout > 0) timer = setTimeout(() => r("timeout"), opts.timeout * 1000);
    });
    const reply = await Promise.race([this.kc.reply(id), timedOut]);
    if (reply === "timeout") {
      this.kc.interrupt();
      // The kernel restarts its execution process when a cell ignores the interrupt for 5 s.
      const late = await Promise.race([this.kc.reply(id), new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
      if (late === null) this.wedged = true;
      else await Promise.race([sawIdle, new Promise((r) => setTimeout(r, 2000))]);
      this.kc.stopListening(id);
      cell.execution_count = count;
      return { status: "timeout", error: `CellTimeoutError: cell ${index} did not finish within ${opts.timeout}s` };
    }
    if (timer) clearTimeout(timer);
    timing["shell.execute_reply"] = timestamp(reply);
    await sawIdle;
    this.kc.stopListening(id);
    cell.execution_count = count;
    const c = reply.content;
    return c.status === "error"
      ? { status: "error", error: `${String(c.ename)}: ${String(c.evalue)}` }
      : { status: "ok", error: null };
  }

  private forgetCell(index: number): void {
    for (const byCell of this.displays.values()) if (byCell.has(index)) byCell.set(index, []);
  }

  private updateDisplay(displayId: string, m: Message): void {
    const byCell = this.displays.get(displayId);
    if (!byCell) return;
    for (const [cellIndex, indices] of byCell) {
      const outs = this.nb.cells[cellIndex].outputs ?? [];
      for (const i of indices) {
        if (!outs[i]) continue;
        outs[i].data = m.content.data;
        outs[i].metadata = m.content.metadata;
      }
    }
  }
}
