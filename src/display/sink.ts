/**
 * The one hook between the library and the kernel. The kernel installs a sink under a global
 * symbol (so the library loaded by a notebook and the kernel's own modules meet even when they are
 * different module instances); outside a kernel there is no sink and displays print their
 * text/plain line instead.
 */
import type { MimeBundle } from "./render";

export const DISPLAY_SINK = Symbol.for("convlab.kernel.displaySink");

export interface DisplayOptions {
  /** Sends `update_display_data` for an earlier display with this id instead of a new display. */
  displayId?: string;
  update?: boolean;
}

export interface DisplaySink {
  display(bundle: MimeBundle, opts?: DisplayOptions): void;
  clearOutput(wait?: boolean): void;
  /** The kernel waits for tracked work before it ends the cell, so `cl.show(x)` needs no await. */
  track(work: Promise<unknown>): void;
}

type SinkHolder = { [DISPLAY_SINK]?: DisplaySink };

export function currentSink(): DisplaySink | undefined {
  return (globalThis as SinkHolder)[DISPLAY_SINK];
}

export function installSink(sink: DisplaySink | undefined): void {
  (globalThis as SinkHolder)[DISPLAY_SINK] = sink;
}

/** Sends a bundle to the kernel, or prints its text/plain line when running in plain Node. */
export function emit(bundle: MimeBundle, opts: DisplayOptions = {}): void {
  const sink = currentSink();
  if (sink) sink.display(bundle, opts);
  else if (!opts.update) console.log(String(bundle.data["text/plain"] ?? ""));
}

/** Runs an async display so that the kernel waits for it and its errors reach the cell. */
export function track<T>(work: Promise<T>): Promise<T> {
  currentSink()?.track(work);
  return work;
}
