/**
 * The mime renderer: decodes the payload with the shared validator (src/display/payload.ts) and hands it to
 * the view for its kind. Renders are serialised, so a burst of liveplot updates (update_display_data calls
 * renderModel again on this same widget) is applied in order, in place, without flashing; updates that
 * arrive while a render is running are coalesced (each liveplot update carries the whole state, so only the
 * newest one needs drawing: a fast training loop cannot queue up work in the browser).
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { decodePayload, type ConvlabPayload } from "../../src/display/payload";
import { renderGradStepper } from "./views/grad_stepper";
import { renderGrid } from "./views/grid";
import { renderMatrix } from "./views/matrix";
import { renderMessage } from "./views/message";
import { renderPlot, type PlotPayload } from "./views/plot";
import { renderProgress } from "./views/progress";
import { renderStepper } from "./views/stepper";

type PlotHandle = Awaited<ReturnType<typeof renderPlot>>;
const isPlot = (p: ConvlabPayload): p is PlotPayload =>
  p.kind === "plot" || p.kind === "liveplot" || p.kind === "spectrum";

export class ConvlabRenderer extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private queue: Promise<void> = Promise.resolve();
  private latest: IRenderMime.IMimeModel | null = null;
  private current: ConvlabPayload | null = null;
  private plot: PlotHandle | null = null;
  private cleanup: (() => void) | null = null;
  // Plot colours come from the theme's CSS variables: redraw when the user switches light/dark.
  private readonly themeWatch = new MutationObserver(() => {
    const p = this.current;
    if (this.plot && p && isPlot(p))
      void this.plot.update(p).catch((e) => console.error("convlab: theme redraw failed", e));
  });

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass("jp-convlab");
    this.node.dataset.testid = "convlab-output";
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name"] });
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.latest = model;
    const next = this.queue.then(() => (model === this.latest ? this.render(model) : undefined));
    // A failed render must not block later updates; the error itself is shown in the cell by render().
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async render(model: IRenderMime.IMimeModel): Promise<void> {
    let json: unknown = model.data[this.mimeType];
    if (typeof json === "string") {
      try {
        json = JSON.parse(json);
      } catch {
        /* decodePayload reports it */
      }
    }
    const decoded = decodePayload(json);
    if (
      decoded.ok &&
      this.plot &&
      this.current &&
      decoded.payload.kind === this.current.kind &&
      isPlot(decoded.payload)
    ) {
      this.current = decoded.payload;
      await this.plot.update(decoded.payload);
      return;
    }
    this.reset();
    const root = this.node;
    try {
      if (!decoded.ok) {
        const png = model.data["image/png"];
        // the kernel's PNG has twice the pixels of its CSS size, which the bundle's metadata gives
        const size = model.metadata["image/png"];
        const width =
          typeof size === "object" && size !== null
            ? Object.entries(size).find(([k]) => k === "width")?.[1]
            : undefined;
        return renderMessage(
          root,
          json,
          decoded.error,
          typeof png === "string" ? png : undefined,
          typeof width === "number" ? width : undefined,
        );
      }
      const p = decoded.payload;
      this.current = p;
      if (isPlot(p)) this.plot = await renderPlot(root, p);
      else if (p.kind === "grid" || p.kind === "heatmap") renderGrid(root, p);
      else if (p.kind === "matrix") renderMatrix(root, p);
      else if (p.kind === "convolution") this.cleanup = renderStepper(root, p);
      else if (p.kind === "convolutionGrad") this.cleanup = renderGradStepper(root, p);
      else renderProgress(root, p);
    } catch (e) {
      this.reset();
      renderMessage(root, json, `convlab renderer: ${e instanceof Error ? e.message : String(e)}`, undefined);
    }
  }

  private reset(): void {
    this.cleanup?.();
    this.plot?.dispose();
    this.cleanup = null;
    this.plot = null;
    this.current = null;
    this.node.textContent = "";
    delete this.node.dataset.convlabKind;
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.themeWatch.disconnect();
    this.reset();
    super.dispose();
  }
}
