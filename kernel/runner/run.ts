/**
 * `convlab run NOTEBOOK... [--output DIR | --inplace] [--timeout S] [--backend B] [--allow-errors]`:
 * executes each notebook in a fresh kernel (in the notebook's folder), writes the outputs, prints
 * a table and exits 1 when any cell errored. Without --output/--inplace, NAME.ipynb is written to
 * NAME.executed.ipynb beside it. With --output DIR, notebooks that share a file name keep the folders that tell
 * them apart (DIR/alice/hw.ipynb, DIR/bob/hw.ipynb) instead of overwriting each other.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { KernelClient } from "./client";
import { NotebookExecutor } from "./notebook";
import { rejoinLines, writeNotebook, type NotebookJson } from "./pyjson";

export interface RunResult {
  notebook: string;
  output: string;
  cells: number;
  errors: number;
  seconds: number;
  backend: string;
  firstError?: string;
}

/** Runs a silent-to-the-notebook probe cell (store_history off) and returns its text/plain result. */
async function probe(kc: KernelClient, code: string): Promise<string | null> {
  let text: string | null = null;
  const id = kc.send(
    "shell",
    "execute_request",
    { code, silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false },
    (m) => {
      if (m.header.msg_type === "execute_result")
        text = String((m.content.data as Record<string, unknown>)["text/plain"] ?? "");
    },
  );
  const reply = await kc.reply(id);
  kc.stopListening(id);
  return reply.content.status === "ok" && text !== null ? String(text).replace(/^'|'$/g, "") : null;
}

export async function runNotebook(
  path: string,
  out: string,
  opts: { timeout?: number; backend?: string; allowErrors?: boolean },
): Promise<RunResult> {
  const t0 = performance.now();
  const nb = rejoinLines(JSON.parse(readFileSync(path, "utf8")) as NotebookJson);
  const kc = await KernelClient.start({ cwd: dirname(resolve(path)) });
  try {
    if (opts.backend) {
      const got = await probe(
        kc,
        `(async () => { const cl = require("convlab"); await cl.setBackend(${JSON.stringify(opts.backend)}); return cl.getBackend(); })()`,
      );
      if (got === null)
        throw new Error(`convlab run: expected the kernel to switch to backend "${opts.backend}", got an error`);
    }
    const executor = new NotebookExecutor(nb, kc);
    const summary = await executor.run(opts);
    const backend = executor.wedged
      ? "-"
      : ((await probe(kc, `(() => { try { return require("convlab").getBackend(); } catch { return "-"; } })()`)) ??
        "-");
    writeFileSync(out, writeNotebook(nb));
    return {
      notebook: path,
      output: out,
      cells: summary.cells,
      errors: summary.errors,
      backend,
      seconds: (performance.now() - t0) / 1000,
      ...(summary.firstError ? { firstError: `cell ${summary.firstError.cell}: ${summary.firstError.message}` } : {}),
    };
  } finally {
    await kc.shutdown();
  }
}

/** Where --output DIR writes each input: DIR/NAME, or DIR/<path below the inputs' common folder> when names repeat. */
export function outputPaths(inputs: readonly string[], dir: string): string[] {
  const names = inputs.map((p) => basename(p));
  if (new Set(names).size === names.length) return names.map((n) => join(dir, n));
  const abs = inputs.map((p) => resolve(p));
  let common = dirname(abs[0]);
  while (!abs.every((p) => p.startsWith(common + sep))) common = dirname(common);
  return abs.map((p) => join(dir, relative(common, p)));
}

export function formatTable(rows: RunResult[]): string {
  const head = ["notebook", "cells", "errors", "seconds", "backend"];
  const body = rows.map((r) => [r.notebook, String(r.cells), String(r.errors), r.seconds.toFixed(1), r.backend]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: "string" },
      inplace: { type: "boolean" },
      timeout: { type: "string" },
      backend: { type: "string" },
      "allow-errors": { type: "boolean" },
    },
  });
  if (positionals.length === 0) throw new Error("convlab run: expected at least one NOTEBOOK.ipynb, got none");
  if (values.output && values.inplace) throw new Error("convlab run: expected --output DIR or --inplace, got both");
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0))
    throw new Error(`convlab run: expected --timeout in seconds > 0, got ${values.timeout}`);
  if (values.output) mkdirSync(values.output, { recursive: true });
  const rows: RunResult[] = [];
  const outputs = values.output ? outputPaths(positionals, values.output) : [];
  for (const [i, path] of positionals.entries()) {
    const out = values.inplace ? path : values.output ? outputs[i] : path.replace(/\.ipynb$/, "") + ".executed.ipynb";
    mkdirSync(dirname(out), { recursive: true });
    try {
      const r = await runNotebook(path, out, { timeout, backend: values.backend, allowErrors: values["allow-errors"] });
      rows.push(r);
      if (r.firstError) console.error(`${path}: ${r.firstError}`);
    } catch (e) {
      rows.push({ notebook: path, output: out, cells: 0, errors: 1, seconds: 0, backend: "-", firstError: String(e) });
      console.error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(formatTable(rows));
  return rows.some((r) => r.errors > 0) ? 1 : 0;
}
