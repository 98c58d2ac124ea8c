/**
 * The interactive convlab views on the course website (`convlab book`). Every convlab figure on a page
 * carries its payload as JSON beside the kernel's PNG; this script draws it with the same view code that
 * the JupyterLab extension uses (../src/views), then hides the PNG. A payload it cannot read (or a view
 * that fails) leaves the PNG and the static caption in place, so a page never loses a figure.
 * Bundled by build.mjs (esbuild) into views.js; scripts/build-extension.sh runs it.
 */
import { decodePayload, type ConvlabPayload } from "../../src/display/payload";
import { renderGradStepper } from "../src/views/grad_stepper";
import { renderGrid } from "../src/views/grid";
import { renderMatrix } from "../src/views/matrix";
import { renderPlot } from "../src/views/plot";
import { renderProgress } from "../src/views/progress";
import { renderStepper } from "../src/views/stepper";

async function draw(root: HTMLElement, p: ConvlabPayload): Promise<void> {
  switch (p.kind) {
    case "plot":
    case "liveplot":
    case "spectrum":
      await renderPlot(root, p);
      return;
    case "grid":
    case "heatmap":
      renderGrid(root, p);
      return;
    case "matrix":
      renderMatrix(root, p);
      return;
    case "convolution":
      renderStepper(root, p);
      return;
    case "convolutionGrad":
      renderGradStepper(root, p);
      return;
    case "progress":
      renderProgress(root, p);
      return;
  }
}

async function hydrate(figure: HTMLElement): Promise<void> {
  const json = figure.querySelector("script.cl-payload")?.textContent;
  if (!json) return;
  const decoded = decodePayload(JSON.parse(json));
  if (!decoded.ok) return;
  const root = document.createElement("div");
  root.className = "jp-convlab cl-live";
  root.dataset.testid = "convlab-output";
  figure.prepend(root);
  try {
    await draw(root, decoded.payload);
  } catch (e) {
    root.remove();
    console.warn("convlab book: kept the static picture, the view failed:", e);
    return;
  }
  figure.querySelector("img.cl-static")?.setAttribute("hidden", "");
  const note = figure.querySelector<HTMLElement>("[data-live-note]");
  if (note) note.textContent = note.dataset.liveNote ?? "";
  figure.classList.add("cl-hydrated");
}

void Promise.all(Array.from(document.querySelectorAll<HTMLElement>("figure.cl-figure"), hydrate)).then(() => {
  document.body.dataset.convlabViews = "ready"; // for the browser test
});
