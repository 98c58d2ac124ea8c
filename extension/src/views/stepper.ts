/**
 * The convolution stepper: input (with its zero-padding ring drawn), kernel and output side by side.
 * Step, play or scrub through output positions; the receptive field (every tap, so dilation shows as gaps)
 * is outlined on the input, and the sum of products for the current output is written out.
 */
import { arrayValues, type ConvolutionView } from "../../../src/display/payload";
import { formatIndex, formatTerm, formatValue } from "../model/format";
import { hitTest } from "../model/layout";
import { makeScale } from "../model/scale";
import { stepCount, stepPosition, stepperGeometry, termsAt, windowAt } from "../model/stepper";
import { cellPanel, paintCells, type CellPanel } from "./cell_canvas";
import { el, header } from "./dom";
import { stepControls } from "./step_controls";

export function renderStepper(root: HTMLElement, p: ConvolutionView): () => void {
  const x = arrayValues(p.input);
  const w = arrayValues(p.kernel);
  const y = arrayValues(p.output);
  const g = stepperGeometry(
    [p.input.shape[0], p.input.shape[1]],
    [p.kernel.shape[0], p.kernel.shape[1]],
    p.stride,
    p.padding,
    p.dilation,
  );
  const [ph, pw] = g.padding;
  const padH = g.inH + 2 * ph;
  const padW = g.inW + 2 * pw;
  const cell = Math.max(8, Math.min(40, Math.floor(300 / Math.max(padH, padW))));
  const scales = { x: makeScale(p.inputScale), w: makeScale(p.kernelScale), y: makeScale(p.outputScale) };
  const inP = cellPanel(padH, padW, cell);
  const kP = cellPanel(g.kH, g.kW, cell);
  const outP = cellPanel(g.outH, g.outW, cell);
  const n = stepCount(g);

  root.dataset.convlabKind = "convolution";
  const info = el(
    "div",
    "jp-convlab-note",
    `input ${g.inH}×${g.inW}, padding (${ph}, ${pw}) → ${padH}×${padW} · kernel ${g.kH}×${g.kW} · stride (${g.stride}) · dilation (${g.dilation}) → output ${g.outH}×${g.outW}`,
  );
  const figs = el("div", "jp-convlab-stepper-panels");
  const fig = (pn: CellPanel, caption: string): HTMLElement => {
    const f = el("figure", "jp-convlab-cell");
    f.append(pn.canvas, el("figcaption", undefined, caption));
    return f;
  };
  figs.append(
    fig(inP, "input x (padded)"),
    el("div", "jp-convlab-op", "⋆"),
    fig(kP, "kernel w"),
    el("div", "jp-convlab-op", "="),
    fig(outP, "output y"),
  );
  const sum = el("div", "jp-convlab-sum");
  sum.dataset.testid = "convlab-sum";
  const readout = el("div", "jp-convlab-readout", "\u00a0");
  const controls = stepControls(root, n, draw);
  const go = controls.go;
  outP.canvas.addEventListener("click", (e) => {
    const r = outP.canvas.getBoundingClientRect();
    const hit = hitTest(e.clientX - r.left, e.clientY - r.top, cell, g.outH, g.outW);
    if (hit) go(hit.row * g.outW + hit.col);
  });
  inP.canvas.addEventListener("mousemove", (e) => {
    const r = inP.canvas.getBoundingClientRect();
    const hit = hitTest(e.clientX - r.left, e.clientY - r.top, cell, padH, padW);
    if (!hit) return;
    const [ir, ic] = [hit.row - ph, hit.col - pw];
    const inside = ir >= 0 && ir < g.inH && ic >= 0 && ic < g.inW;
    readout.textContent = inside
      ? `x ${formatIndex([ir, ic])} = ${formatValue(x[ir * g.inW + ic])}`
      : `padding ${formatIndex([ir, ic])} = 0`;
  });

  function draw(step: number): void {
    const { oh, ow } = stepPosition(g, step);
    const taps = windowAt(g, oh, ow);
    paintCells(
      inP,
      (r, c) => {
        const [ir, ic] = [r - ph, c - pw];
        return ir >= 0 && ir < g.inH && ic >= 0 && ic < g.inW ? x[ir * g.inW + ic] : null;
      },
      scales.x,
      taps.map((t) => [t.pr, t.pc]),
    );
    paintCells(
      kP,
      (r, c) => w[r * g.kW + c],
      scales.w,
      taps.map((t) => [t.kh, t.kw]),
    );
    paintCells(outP, (r, c) => y[r * g.outW + c], scales.y, [[oh, ow]]);
    const t = termsAt(g, x, w, oh, ow);
    const terms = t.terms.map((k) => `${k.padded ? "0" : formatTerm(k.x)}·${formatTerm(k.w)}`).join(" + ");
    sum.textContent = `y${formatIndex([oh, ow])} = ${terms} = ${formatValue(t.sum)}`;
    const out = y[oh * g.outW + ow];
    // The payload's output may include a bias; say so rather than silently disagreeing with the sum.
    if (Math.abs(out - t.sum) > 1e-4 * Math.max(1, Math.abs(out)))
      sum.textContent += ` (output ${formatValue(out)}: + bias ${formatValue(out - t.sum)})`;
    controls.label.textContent = `step ${step + 1} / ${n} · y${formatIndex([oh, ow])} = ${formatValue(out)}`;
  }
  root.append(header(p.title, p.notes), info, figs, controls.element, sum, readout);
  go(0);
  return controls.dispose;
}
