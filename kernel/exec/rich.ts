/**
 * What a cell shows: the MIME bundle of its last expression (rich-repr protocol, convlab tensors,
 * else util.inspect) and Jupyter `error` contents for thrown values and TypeScript diagnostics.
 */
import { inspect } from "node:util";
import type { Diagnostic } from "tslab/dist/converter";
import { displayBundle } from "../../src/display/index";
import { isComplexLike, isTensorLike } from "../../src/display/host";

/** Deno's rich-repr symbol: `[Symbol.for("Jupyter.display")]()` returns a MIME bundle (or a promise of one). */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

export interface Bundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export function plain(v: unknown): string {
  return inspect(v, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100, colors: false });
}

/** The execute_result bundle of a value; undefined shows nothing (like Python's None). */
export async function bundleOfValue(v: unknown): Promise<Bundle | null> {
  if (v === undefined) return null;
  const repr: unknown =
    (typeof v === "object" || typeof v === "function") && v !== null ? Reflect.get(v, JUPYTER_DISPLAY) : undefined;
  if (typeof repr === "function") {
    const out: unknown = await (repr as () => unknown).call(v);
    if (typeof out !== "object" || out === null)
      throw new TypeError(`[Symbol.for("Jupyter.display")]: expected a MIME bundle object, got ${plain(out)}`);
    const data = { ...(out as Record<string, unknown>) };
    if (!("text/plain" in data)) data["text/plain"] = plain(v);
    return { data, metadata: {} };
  }
  if (isTensorLike(v) || isComplexLike(v)) {
    const b = await displayBundle(v);
    return { data: b.data, metadata: b.metadata };
  }
  return { data: { "text/plain": plain(v) }, metadata: {} };
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Stack frames that belong to the kernel, not to the user's code, are dropped. */
function userFrames(stack: string): string[] {
  const ours = /[/\\](kernel[/\\]exec|tslab|tsx)[/\\]|\(node:|^\s+at node:/;
  return stack.split("\n").filter((l) => /^\s+at /.test(l) && !ours.test(l));
}

/**
 * tslab's transpiled JavaScript does not keep the cell's line numbers (it adds helpers and
 * `exports.x = x` lines), and it has no source map. A frame in the cell is mapped back by finding
 * the statement's text in the TypeScript source; frames that cannot be matched keep the
 * transpiled position.
 */
export function mapCellFrames(frames: string[], file: string, js: string, code: string): string[] {
  const jsLines = js.split("\n"),
    src = code.split("\n");
  const at = new RegExp(`${file.replace(/[[\]]/g, "\\$&")}:(\\d+):(\\d+)`);
  return frames.flatMap((f) => {
    const m = at.exec(f);
    if (!m) return [f];
    if (Number(m[1]) === jsLines.length) return []; // the kernel's call of the cell wrapper
    const stmt = (jsLines[Number(m[1]) - 1] ?? "")
      .replace(/^\(function \(exports, require\) \{ |^\(async function \(exports, require\) \{ /, "")
      .trim()
      .replace(/^exports\.\w+ = /, "")
      .replace(/;$/, "");
    if (stmt.length < 2) return [f];
    // The whole line first; a substring only for statements long enough to be distinctive.
    let k = src.findIndex((l) => l.trim().replace(/;$/, "") === stmt);
    if (k < 0 && stmt.length >= 12) k = src.findIndex((l) => l.includes(stmt));
    return k < 0 ? [f] : [f.replace(at, `${file}:${k + 1}`), `        ${k + 1} | ${src[k].trim()}`];
  });
}

export function errorContent(e: unknown, cell?: { file: string; js: string; code: string }): ErrorContent {
  if (e instanceof Error) {
    let frames = userFrames(e.stack ?? "");
    if (cell) frames = mapCellFrames(frames, cell.file, cell.js, cell.code);
    return { ename: e.name || "Error", evalue: e.message, traceback: [`${e.name}: ${e.message}`, ...frames] };
  }
  const s = plain(e);
  return { ename: "Uncaught", evalue: s, traceback: [`Uncaught ${s}`] };
}

/** TypeScript diagnostics as one error: "TSError", evalue "3:7 - <first message>", each with its source line. */
export function diagnosticsContent(diags: Diagnostic[], code: string): ErrorContent {
  const lines = code.split("\n");
  const at = (d: Diagnostic) => `${d.fileName ? d.fileName + " " : ""}${d.start.line + 1}:${d.start.character + 1}`;
  const traceback: string[] = [];
  for (const d of diags) {
    traceback.push(`${at(d)} - ${d.messageText}`);
    if (!d.fileName && lines[d.start.line] !== undefined) {
      traceback.push(`    ${lines[d.start.line]}`, `    ${" ".repeat(d.start.character)}^`);
    }
  }
  const first = diags[0];
  const more = diags.length > 1 ? ` (and ${diags.length - 1} more)` : "";
  return { ename: "TSError", evalue: `${at(first)} - ${first.messageText}${more}`, traceback };
}
