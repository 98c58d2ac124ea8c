/**
 * Display helpers (api-contract.md, "Display"). Each builds a v1 payload, renders its PNG and
 * sends one bundle {convlab JSON, image/png, text/plain} to the kernel. They return a promise (a
 * Tensor is read back asynchronously) but need no `await` in a notebook: the kernel waits for them.
 */
import { convolutionGradPayload, type ConvolutionGradOptions } from "./conv_grad_view";
import { convolutionView, type ConvolutionOptions } from "./conv_view";
import { isComplexLike, isTensorLike, toHost, type HostArray } from "./host";
import type { ConvlabPayload } from "./payload";
import { bundleOf, textLine, type FigureOptions, type MimeBundle } from "./render";
import { currentSink, emit, track, type DisplayOptions } from "./sink";
import { gridView, heatmapView, matrixView, plotView, spectrumView, type ShowOptions } from "./views";

export { CONVLAB_MIME, PAYLOAD_SCHEMA_VERSION, decodePayload } from "./payload";
export type { ConvlabPayload, PayloadKind } from "./payload";
export { liveplot, progress, type LivePlot, type LivePlotOptions, type Progress } from "./live";
export type { ConvolutionOptions } from "./conv_view";
export type { ConvolutionGradOptions } from "./conv_grad_view";
export type { ShowOptions } from "./views";
export type { FigureOptions, MimeBundle } from "./render";
export type { ThemeName } from "./figure/index";

/** The view `show` picks from the rank: 1 plot, 2 heatmap, 3 feature maps, 4 filters, Complex spectrum. */
export async function payloadOf(x: unknown, opts: ShowOptions & { shift?: boolean } = {}): Promise<ConvlabPayload> {
  if (isComplexLike(x)) return spectrumView(await toHost(x.re), await toHost(x.im), opts);
  const a = await toHost(x);
  switch (a.shape.length) {
    case 0:
    case 2:
      return heatmapView(a, opts);
    case 1:
      return plotView([{ name: opts.title ?? "x", y: a.data }], opts, a);
    case 3:
      return gridView(a, "featureMaps", opts);
    case 4:
      return gridView(a, "filters", opts);
    default:
      throw new Error(
        `show: expected a tensor of rank 1 to 4 (signal, map, (C,H,W) maps, (O,I,kh,kw) filters), got shape [${a.shape.join(",")}]`,
      );
  }
}

/** "Tensor float32 [3,28,28] cpu" for a Tensor: the subject of its text/plain line. */
const subjectOf = (x: unknown): string | undefined =>
  isTensorLike(x) ? `Tensor ${x.dtype} [${x.shape.join(",")}] ${x.backend ?? "cpu"}` : undefined;

/** The bundle a Tensor or Complex shows as a cell's last expression (the kernel calls this). */
export async function displayBundle(x: unknown, opts: ShowOptions & { shift?: boolean } = {}): Promise<MimeBundle> {
  return bundleOf(await payloadOf(x, opts), subjectOf(x), opts);
}

/** Sends the bundle to the kernel; outside one only the text line is printed, so no figure is drawn. */
function emitPayload(p: ConvlabPayload, subject: string | undefined, opts: FigureOptions): void {
  emit(currentSink() ? bundleOf(p, subject, opts) : { data: { "text/plain": textLine(p, subject) }, metadata: {} });
}

function send(work: Promise<ConvlabPayload>, opts: FigureOptions): Promise<void> {
  return track(work.then((p) => emitPayload(p, undefined, opts)));
}

export function show(x: unknown, opts: ShowOptions & { shift?: boolean } = {}): Promise<void> {
  return track(payloadOf(x, opts).then((p) => emitPayload(p, subjectOf(x), opts)));
}

export function showFeatureMaps(x: unknown, opts: ShowOptions = {}): Promise<void> {
  return send(
    toHost(x, "showFeatureMaps").then((a) => gridView(a, "featureMaps", opts)),
    opts,
  );
}

export function showFilters(w: unknown, opts: ShowOptions = {}): Promise<void> {
  return send(
    toHost(w, "showFilters").then((a) => gridView(a, "filters", opts)),
    opts,
  );
}

export function showMatrix(
  m: unknown,
  opts: ShowOptions & { rowLabels?: string[]; colLabels?: string[] } = {},
): Promise<void> {
  return send(
    toHost(m, "showMatrix").then((a) => matrixView(a, opts)),
    opts,
  );
}

export function showConvolution(x: unknown, w: unknown, opts: ConvolutionOptions = {}): Promise<void> {
  return send(
    Promise.all([toHost(x, "showConvolution"), toHost(w, "showConvolution")]).then(([a, b]) =>
      convolutionView(a, b, opts),
    ),
    opts,
  );
}

/**
 * The backward pass of a convolution, stepped: x (L) or (H, W), w (k) or (kh, kw), dy of the output's shape.
 * Step t adds dy[t]·x[window t] to dL/dw and dy[t]·w onto window t of dL/dx; the last step equals the
 * library's gradients (cl.vjp of conv1d/conv2d), which the payload carries.
 */
export function showConvolutionGrad(
  x: unknown,
  w: unknown,
  dy: unknown,
  opts: ConvolutionGradOptions = {},
): Promise<void> {
  return send(convolutionGradPayload(x, w, dy, opts), opts);
}

export interface PlotOptions extends FigureOptions {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** A logarithmic y axis (`logy` is accepted too). */
  logY?: boolean;
  logy?: boolean;
  /** What each series measures, by name, e.g. `{ "val loss": "loss" }`: different units get separate y axes. */
  units?: Record<string, string>;
}

/**
 * `plot(y)`, `plot({loss: [...], acc: [...]})` or `plot([{name, x?, y, unit?}])`; y may be a Tensor.
 * Series of different units ("loss", "accuracy", or given) are drawn on separate, stacked y axes.
 */
export function plot(series: unknown, opts: PlotOptions = {}): Promise<void> {
  const named = async (): Promise<Array<{ name: string; x?: number[]; y: ArrayLike<number>; unit?: string }>> => {
    const one = async (y: unknown, name: string) => {
      const a: HostArray = await toHost(y, "plot");
      if (a.shape.length !== 1)
        throw new Error(`plot: expected 1-D series, got shape [${a.shape.join(",")}] for "${name}"`);
      return { name, y: a.data };
    };
    if (
      Array.isArray(series) &&
      series.length > 0 &&
      typeof series[0] === "object" &&
      series[0] !== null &&
      "y" in series[0]
    ) {
      return Promise.all(
        (series as Array<{ name?: string; x?: number[]; y: unknown; unit?: string }>).map(async (s, i) => ({
          ...(await one(s.y, s.name ?? `s${i}`)),
          ...(s.x ? { x: s.x } : {}),
          ...(s.unit ? { unit: s.unit } : {}),
        })),
      );
    }
    if (
      typeof series === "object" &&
      series !== null &&
      !Array.isArray(series) &&
      !isTensorLike(series) &&
      !ArrayBuffer.isView(series) &&
      !("stride" in series)
    ) {
      return Promise.all(Object.entries(series).map(([name, y]) => one(y, name)));
    }
    return [await one(series, opts.title ?? "y")];
  };
  const withUnits = (ss: Awaited<ReturnType<typeof named>>) =>
    ss.map((s) => (opts.units?.[s.name] ? { ...s, unit: opts.units[s.name] } : s));
  return send(
    named().then((s) => plotView(withUnits(s), { ...opts, logY: opts.logY ?? opts.logy })),
    opts,
  );
}

/** Sends a raw MIME bundle, e.g. `display({"text/html": "<b>hi</b>"})`; with `{displayId, update}` it updates in place. */
export function display(data: Record<string, unknown>, opts: DisplayOptions = {}): void {
  emit({ data, metadata: {} }, opts);
}

/** Clears the cell's output (`wait`: when the next output arrives), as IPython's clear_output. */
export function clearOutput(wait = false): void {
  currentSink()?.clearOutput(wait);
}
