/**
 * The execution process: runs user code for one kernel. Started by the protocol process
 * (kernel/protocol/front.ts) with an IPC channel and an interrupt pipe on fd 4, in the notebook's folder.
 * Keeping user code out of the protocol process means a busy cell never stops heartbeats or
 * control messages, and a cell that kills this process only costs a restart.
 */
import { createConverter, isCompleteCode } from "tslab/dist/converter";
import { printQuickInfo } from "tslab/dist/inspect";
import { installSink } from "../../src/display/sink";
import { kernelRoot } from "../paths";
import { Cell, CellRunner, InterruptedError } from "./cell";
import { startWatchdog } from "./interrupt";
import { DEFAULT_MAX_STREAM_CHARS, type FromExec, type ToExec } from "./ipc";
import { errorContent, plain } from "./rich";
import { installTypeOverlay, makeCellRequire, requiredIds } from "./resolve";
import { StreamCapture } from "./streams";

const INTERRUPT_FD = 4;

class ProcessExitError extends Error {
  override name = "ProcessExit";
  constructor(code: unknown) {
    super(
      `process.exit(${code === undefined ? "" : plain(code)}) was called in a cell; the kernel keeps running with its state (restart the kernel to start fresh)`,
    );
  }
}

/** Jupyter counts cursor positions in Unicode code points, JavaScript strings in UTF-16 units. */
const toUtf16 = (s: string, cp: number) => [...s].slice(0, cp).join("").length;
const toCodePoints = (s: string, u: number) => [...s.slice(0, u)].length;

export function runExecProcess(): void {
  const root = kernelRoot();
  const dir = process.cwd();
  const send = (m: FromExec): void => {
    process.send?.(m);
  };
  const realExit = process.exit.bind(process);
  const streams = new StreamCapture(send, Number(process.env.CONVLAB_MAX_STREAM_CHARS) || DEFAULT_MAX_STREAM_CHARS);
  streams.install();
  let current: Cell | null = null;

  installTypeOverlay(dir, root);
  const cellRequire = makeCellRequire(dir, root);
  const watchdog = startWatchdog(root, INTERRUPT_FD, () => {
    const cell = current;
    if (!cell || cell.finished) return;
    cell.interrupt();
    // If the cell's own code was terminated, nobody is awaiting the rejection: finish it here.
    setTimeout(() => runner.fail(cell, errorContent(new InterruptedError())), 100);
  });
  const converter = watchdog.inCompiler(() => createConverter({ isJS: false }));
  const runner = new CellRunner({
    converter,
    watchdog,
    streams,
    send,
    require: cellRequire.require,
    preloadEsm: cellRequire.preloadEsm,
    requiredIds,
  });

  installSink({
    display(bundle, opts = {}) {
      streams.flush();
      send({
        t: "display",
        id: streams.parent,
        data: bundle.data,
        metadata: bundle.metadata,
        displayId: opts.displayId,
        update: !!opts.update,
      });
    },
    clearOutput(wait = false) {
      streams.flush();
      send({ t: "clear", id: streams.parent, wait });
    },
    track(work) {
      if (current && !current.finished) current.pending.push(work);
      else
        work.catch((e: unknown) => process.stderr.write(`display failed: ${errorContent(e).traceback.join("\n")}\n`));
    },
  });

  process.exit = (code?: unknown) => {
    throw new ProcessExitError(code);
  };
  process.on("unhandledRejection", (reason) => {
    if (current && !current.finished) current.rejection ??= { error: reason };
    else process.stderr.write(`Unhandled promise rejection: ${errorContent(reason).traceback.join("\n")}\n`);
  });
  process.on("uncaughtException", (e) => {
    if (current && !current.finished) current.interrupt(e instanceof Error ? e : new Error(plain(e)));
    else process.stderr.write(`Uncaught exception: ${errorContent(e).traceback.join("\n")}\n`);
  });
  process.on("SIGINT", () => current?.interrupt());
  process.on("disconnect", () => realExit(0));

  process.on("message", (m: ToExec) => {
    try {
      handle(m);
    } catch (e) {
      // A compiler failure in complete/inspect must still answer the request.
      if (m.t !== "execute") send({ t: "reply", id: m.id, content: { status: "error", ...errorContent(e) } });
      else throw e;
    }
  });

  function handle(m: ToExec): void {
    switch (m.t) {
      case "execute": {
        const cell = new Cell(m.id, m.count, m.silent);
        current = cell;
        streams.begin(m.id);
        // A macrotask of its own: terminating a busy cell unwinds only this callback.
        setImmediate(() => void runner.run(cell, m.code));
        return;
      }
      case "complete": {
        const pos = toUtf16(m.code, m.pos);
        const info = runner.complete(m.code, pos);
        send({
          t: "reply",
          id: m.id,
          content: {
            status: "ok",
            matches: info.candidates,
            cursor_start: toCodePoints(m.code, info.start),
            cursor_end: toCodePoints(m.code, info.end),
            metadata: {},
          },
        });
        return;
      }
      case "inspect": {
        const info = runner.inspect(m.code, toUtf16(m.code, m.pos));
        const text = info ? printQuickInfo(info) : "";
        send({
          t: "reply",
          id: m.id,
          content: { status: "ok", found: !!text, data: text ? { "text/plain": text } : {}, metadata: {} },
        });
        return;
      }
      case "is_complete": {
        const r = isCompleteCode(m.code);
        send({
          t: "reply",
          id: m.id,
          content: r.completed ? { status: "complete" } : { status: "incomplete", indent: r.indent ?? "" },
        });
        return;
      }
    }
  }
  void watchdog.ready.then(() => send({ t: "ready", pid: process.pid }));
}
