/**
 * Runs one cell on tslab's converter: type-check and transpile (cell variables become properties
 * of a shared `exports` object so later cells see them), run the JavaScript in this context, wait
 * for top-level awaits and for displays the cell started, then report the last expression.
 */
import vm from "node:vm";
import type { Converter } from "tslab/dist/converter";
import { bundleOfValue, diagnosticsContent, errorContent, type ErrorContent } from "./rich";
import type { FromExec } from "./ipc";
import type { StreamCapture } from "./streams";
import type { Watchdog } from "./interrupt";

export class InterruptedError extends Error {
  override name = "Interrupted";
  constructor() {
    super("execution interrupted; the kernel kept its state");
  }
}

/** Cell variables: TypeScript emits `Object.defineProperty(exports, …)` for imports; keep them reassignable. */
function createExports(): Record<string, unknown> {
  const store: Record<string, unknown> = {};
  return new Proxy(store, {
    defineProperty: (_t, prop, attrs) => {
      if (prop !== "__esModule") store[prop as string] = attrs.get ? attrs.get() : attrs.value;
      return true;
    },
  });
}

export interface CellContext {
  converter: Converter;
  watchdog: Watchdog;
  streams: StreamCapture;
  send(m: FromExec): void;
  require: NodeJS.Require;
  preloadEsm(ids: string[]): Promise<void>;
  requiredIds(js: string): string[];
}

/** The running cell, reachable from the interrupt handler and from the display sink. */
export class Cell {
  readonly pending: Array<Promise<unknown>> = [];
  finished = false;
  rejection: { error: unknown } | null = null;
  private rejectInterrupt: (e: Error) => void = () => {};
  readonly interrupted = new Promise<never>((_, reject) => {
    this.rejectInterrupt = reject;
  });
  constructor(
    readonly id: string,
    readonly count: number,
    readonly silent: boolean,
  ) {
    this.interrupted.catch(() => {});
  }
  interrupt(e: Error = new InterruptedError()): void {
    this.rejectInterrupt(e);
  }
}

const HOLDER = "__convlab_cell__";

export class CellRunner {
  private prevDecl = "";
  readonly exports = createExports();

  constructor(private readonly ctx: CellContext) {
    Object.defineProperty(globalThis, HOLDER, {
      value: { exports: this.exports, require: ctx.require },
      configurable: true,
    });
  }

  /** Runs the cell; always ends with exactly one `done` (also when interrupted, see finish). */
  async run(cell: Cell, code: string): Promise<void> {
    const { ctx } = this;
    let where: { file: string; js: string; code: string } | undefined;
    try {
      const conv = ctx.watchdog.inCompiler(() => ctx.converter.convert(this.prevDecl, code));
      if (conv.diagnostics.length > 0) return this.fail(cell, diagnosticsContent(conv.diagnostics, code));
      if (!conv.output) {
        this.prevDecl = conv.declOutput ?? "";
        return this.finish(cell, "ok");
      }
      await Promise.race([ctx.preloadEsm(ctx.requiredIds(conv.output)), cell.interrupted]);
      const prefix = conv.hasToplevelAwait
        ? "(async function (exports, require) { "
        : "(function (exports, require) { ";
      const js = `${prefix}${conv.output}\n})(globalThis.${HOLDER}.exports, globalThis.${HOLDER}.require)`;
      this.prevDecl = conv.declOutput ?? "";
      where = { file: `cell[${cell.count}]`, js, code };
      const ret: unknown = vm.runInThisContext(js, { filename: where.file });
      if (conv.hasToplevelAwait) await Promise.race([ret, cell.interrupted]);
      // Displays the cell started (cl.show without await), possibly starting more displays.
      for (let seen = 0; seen < cell.pending.length; seen = cell.pending.length) {
        await Promise.race([Promise.all(cell.pending.slice(seen)), cell.interrupted]);
      }
      await new Promise((r) => setImmediate(r)); // unhandled rejections of this cell surface now
      if (cell.rejection) throw cell.rejection.error;
      const key = conv.lastExpressionVar;
      let value = key ? this.exports[key] : undefined;
      if (key) delete this.exports[key];
      // A promise as the last expression (e.g. `cl.show(x)`) shows what it resolves to.
      if (value instanceof Promise) value = await Promise.race([value, cell.interrupted]);
      if (!cell.silent && !cell.finished) {
        const bundle = await Promise.race([bundleOfValue(value), cell.interrupted]);
        if (bundle && !cell.finished) {
          ctx.streams.flush();
          ctx.send({ t: "result", id: cell.id, data: bundle.data, metadata: bundle.metadata });
        }
      }
      this.finish(cell, "ok");
    } catch (e) {
      this.fail(cell, errorContent(e, where));
    }
  }

  fail(cell: Cell, err: ErrorContent): void {
    if (cell.finished) return;
    this.ctx.streams.end();
    this.ctx.send({ t: "error", id: cell.id, ...err });
    this.finish(cell, "error");
  }

  finish(cell: Cell, status: "ok" | "error"): void {
    if (cell.finished) return;
    cell.finished = true;
    this.ctx.streams.end();
    this.ctx.send({ t: "done", id: cell.id, status });
  }

  complete(code: string, pos: number) {
    return this.ctx.watchdog.inCompiler(() => this.ctx.converter.complete(this.prevDecl, code, pos));
  }

  inspect(code: string, pos: number) {
    return this.ctx.watchdog.inCompiler(() => this.ctx.converter.inspect(this.prevDecl, code, pos));
  }
}
