/**
 * Displays that update in place through a display_id: `liveplot` (training curves) and `progress`.
 * Updates are throttled to one every 100 ms; the latest state is always sent, at the latest by
 * `done()` or 100 ms after the last change. Each update carries a fresh SVG (about 1-3 ms to build),
 * but the PNG (rasterising costs tens of ms, bench/figures.ts) is redrawn at most once a second while
 * the display is running, and always for the final (`done`) state: the SVG is what a lab without the
 * extension shows while it runs, and the PNG that is saved is the final one.
 */
import { randomUUID } from "node:crypto";
import { thin, MAX_SERIES_POINTS } from "./bounds";
import { PAYLOAD_SCHEMA_VERSION, type LivePlotView, type ProgressView } from "./payload";
import { rasterise, renderSvg, svgSize, type StaticFigure } from "./figure/index";
import { bundleOfFigure, textLine, type FigureOptions, type MimeBundle } from "./render";
import { currentSink, emit, track } from "./sink";

const THROTTLE_MS = 100;
const PNG_EVERY_MS = 1000;

/** Sends the first state as a display, later ones as updates, at most every 100 ms. */
class Throttled {
  private readonly id = randomUUID();
  private sent = false;
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private release: (() => void) | null = null;
  private png: (StaticFigure & { at: number }) | null = null;
  constructor(
    private readonly build: () => LivePlotView | ProgressView,
    private readonly figure: FigureOptions,
  ) {}

  changed(): void {
    const wait = this.last + THROTTLE_MS - Date.now();
    if (!this.sent || wait <= 0) return this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), wait);
    void track(
      new Promise<void>((resolve) => {
        this.release = resolve;
      }),
    ); // the sink awaits it
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const payload = this.build();
    // Outside a kernel only the final text line is printed: no figure to draw.
    if (currentSink()) emit(this.bundle(payload), { displayId: this.id, update: this.sent });
    else if (payload.done) emit({ data: { "text/plain": textLine(payload) }, metadata: {} });
    this.sent = true;
    this.last = Date.now();
    this.release?.();
    this.release = null;
  }

  private bundle(p: LivePlotView | ProgressView): MimeBundle {
    const svg = renderSvg(p, this.figure.theme);
    const now = Date.now();
    if (p.done || !this.png || now - this.png.at >= PNG_EVERY_MS)
      this.png = { svg, png: rasterise(svg), ...svgSize(svg), at: now };
    return bundleOfFigure(p, { ...this.png, svg });
  }
}

export interface LivePlotOptions extends FigureOptions {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** A logarithmic y axis (`logy` is accepted too). */
  logY?: boolean;
  logy?: boolean;
  /** What each series measures, by name; names with "loss" / "acc" need none. Different units get separate y axes. */
  units?: Record<string, string>;
}

export interface LivePlot {
  /** Adds one point per named series (a bare number goes to "value"); x defaults to the step. */
  push(values: number | Record<string, number>, x?: number): void;
  done(): void;
}

export function liveplot(opts: LivePlotOptions = {}): LivePlot {
  const series = new Map<string, { x: number[]; y: Array<number | null> }>();
  let step = 0,
    finished = false;
  const out = new Throttled((): LivePlotView => {
    const notes: string[] = [];
    return {
      version: PAYLOAD_SCHEMA_VERSION,
      kind: "liveplot",
      notes,
      done: finished,
      ...(opts.title ? { title: opts.title } : {}),
      ...(opts.xlabel ? { xlabel: opts.xlabel } : {}),
      ...(opts.ylabel ? { ylabel: opts.ylabel } : {}),
      ...((opts.logY ?? opts.logy) ? { logY: true } : {}),
      series: [...series].map(([name, s]) => {
        const idx = thin(
          s.x.map((_, i) => i),
          MAX_SERIES_POINTS,
          notes,
          name,
        );
        return {
          name,
          x: idx.map((i) => s.x[i]),
          y: idx.map((i) => s.y[i]),
          ...(opts.units?.[name] ? { unit: opts.units[name] } : {}),
        };
      }),
    };
  }, opts);
  return {
    push(values, x) {
      const at = x ?? step;
      step++;
      for (const [name, v] of Object.entries(typeof values === "number" ? { value: values } : values)) {
        const s = series.get(name) ?? { x: [], y: [] };
        s.x.push(at);
        s.y.push(Number.isFinite(v) ? v : null);
        series.set(name, s);
      }
      out.changed();
    },
    done() {
      finished = true;
      out.flush();
    },
  };
}

export interface Progress<T = number> extends Iterable<T> {
  tick(metrics?: Record<string, number>): void;
  update(value: number, metrics?: Record<string, number>): void;
  done(): void;
}

/** A progress bar over `n` steps (or an array, iterated with ticks): `for (const i of cl.progress(10))`. */
export function progress<T = number>(what: number | T[], opts: { label?: string } & FigureOptions = {}): Progress<T> {
  const items = typeof what === "number" ? null : what;
  const total = items ? items.length : (what as number);
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`progress: expected a non-negative integer count, got ${String(what)}`);
  const start = Date.now();
  let value = 0,
    finished = false,
    metrics: Record<string, number> | undefined;
  const out = new Throttled((): ProgressView => {
    const elapsed = (Date.now() - start) / 1000;
    return {
      version: PAYLOAD_SCHEMA_VERSION,
      kind: "progress",
      notes: [],
      value,
      total,
      done: finished,
      elapsedSeconds: elapsed,
      ...(opts.label ? { label: opts.label } : {}),
      ...(metrics ? { metrics } : {}),
      ...(value > 0 && value < total ? { etaSeconds: (elapsed / value) * (total - value) } : {}),
    };
  }, opts);
  const bar: Progress<T> = {
    update(v, m) {
      value = Math.min(total, v);
      if (m) metrics = m;
      out.changed();
    },
    tick(m) {
      bar.update(value + 1, m);
    },
    done() {
      finished = true;
      out.flush();
    },
    *[Symbol.iterator]() {
      out.changed();
      for (let i = 0; i < total; i++) {
        yield (items ? items[i] : i) as T;
        bar.tick();
      }
      bar.done();
    },
  };
  return bar;
}
