/**
 * The gradient stepper (payload kind `convolutionGrad`): the backward pass of a convolution, one output
 * position per step. Above: x (padding ring dashed) with window t outlined, w, and dy with dy[t] outlined.
 * Below: the running dL/dw (step t added dy[t]·x[window t]) and dL/dx (step t added dy[t]·w onto window t).
 * Two sums are written out so far: dL/dw at the focused tap (hover w or dL/dw; click to keep it) and dL/dx
 * at the input cell that tap reads in window t (or the cell hovered / clicked on x or dL/dx). At the last
 * step the running sums are compared with the library's gradients the payload carries (cl.vjp).
 * The arithmetic is src/display/conv_grad_steps.ts, shared with the kernel's static figure.
 */
import {
  accumulate,
  dwTerms,
  dxTerms,
  geometryOf,
  indexText,
  stepCount,
  stepIndex,
  sumParts,
  tapIndex,
  valuesOf,
  windowOf,
} from "../../../src/display/conv_grad_steps";
import type { ConvolutionGradView } from "../../../src/display/payload";
import { formatValue } from "../model/format";
import { makeScale } from "../model/scale";
import { cellAt, cellPanel, paintCells, type CellPanel } from "./cell_canvas";
import { el, header } from "./dom";
import { stepControls } from "./step_controls";

const MAX_TERMS = 12;
type Cell = { r: number; c: number };

export function renderGradStepper(root: HTMLElement, p: ConvolutionGradView): () => void {
  const g = geometryOf(p),
    v = valuesOf(p),
    n = stepCount(g);
  const [ph, pw] = g.padding;
  const padH = g.inH + 2 * ph,
    padW = g.inW + 2 * pw;
  const cell = Math.max(8, Math.min(40, Math.floor(300 / Math.max(padH, padW, g.outH, g.outW))));
  const sc = {
    x: makeScale(p.inputScale),
    w: makeScale(p.kernelScale),
    dy: makeScale(p.dyScale),
    dw: makeScale(p.dwScale),
    dx: makeScale(p.dxScale),
  };
  const P = {
    x: cellPanel(padH, padW, cell),
    w: cellPanel(g.kH, g.kW, cell),
    dy: cellPanel(g.outH, g.outW, cell),
    dw: cellPanel(g.kH, g.kW, cell),
    dx: cellPanel(padH, padW, cell),
  };
  const shape = (h: number, w: number): string => (g.dims === 1 ? `${w}` : `${h}×${w}`);
  const one = (a: [number, number]): string => (g.dims === 1 ? `${a[1]}` : `(${a.join(", ")})`);
  const pinned = {
    tap: { kh: g.dims === 1 ? 0 : (p.tap?.[0] ?? 0), kw: p.tap?.[p.tap.length - 1] ?? 0 },
    cell: null as Cell | null,
  };
  const hover = { tap: null as typeof pinned.tap | null, cell: null as Cell | null };

  root.dataset.convlabKind = "convolutionGrad";
  const info = el(
    "div",
    "jp-convlab-note",
    `x ${shape(g.inH, g.inW)}, padding ${one(g.padding)} · w ${shape(g.kH, g.kW)} · stride ${one(g.stride)} · ` +
      `dilation ${one(g.dilation)} → dy ${shape(g.outH, g.outW)}: ${n} steps, one per output position`,
  );
  const fig = (pn: CellPanel, caption: string | HTMLElement, id: string): HTMLElement => {
    const f = el("figure", "jp-convlab-cell");
    pn.canvas.dataset.testid = `convlab-grad-${id}`;
    f.append(pn.canvas, typeof caption === "string" ? el("figcaption", undefined, caption) : caption);
    return f;
  };
  const row1 = el("div", "jp-convlab-stepper-panels");
  row1.append(fig(P.x, "input x (padded)", "x"), fig(P.w, "kernel w", "w"), fig(P.dy, "dy = dL/dy", "dy"));
  const dwCaption = el("figcaption"),
    dxCaption = el("figcaption");
  const row2 = el("div", "jp-convlab-stepper-panels");
  row2.append(fig(P.dw, dwCaption, "dw"), fig(P.dx, dxCaption, "dx"));
  const line = (id: string): HTMLElement => {
    const d = el("div", "jp-convlab-sum");
    d.dataset.testid = `convlab-grad-${id}`;
    return d;
  };
  const stepLine = line("step"),
    dwSum = line("dw-sum"),
    dxSum = line("dx-sum"),
    check = line("check");
  const readout = el("div", "jp-convlab-readout", "\u00a0");
  const controls = stepControls(root, n, draw);

  /** The input cell whose dL/dx sum is shown: hovered, pinned, else what the focused tap reads in window t. */
  function focusCell(step: number, tap: typeof pinned.tap): Cell | null {
    const c = hover.cell ?? pinned.cell;
    if (c) return c;
    const win = windowOf(g, step);
    const k = win[tap.kh * g.kW + tap.kw];
    return k.inside ? k : (win.find((t) => t.inside) ?? null);
  }

  function draw(step: number): void {
    const steps = step + 1,
      tap = hover.tap ?? pinned.tap,
      focus = focusCell(step, tap);
    const win = windowOf(g, step),
      { dw, dx } = accumulate(g, v.x, v.w, v.dy, steps);
    const padded =
      (a: ArrayLike<number>) =>
      (r: number, c: number): number | null =>
        r < ph || r >= ph + g.inH || c < pw || c >= pw + g.inW ? null : a[(r - ph) * g.inW + (c - pw)];
    const winMarks = win.map((k): [number, number] => [k.r + ph, k.c + pw]);
    const tapCell = win[tap.kh * g.kW + tap.kw];
    const oh = Math.floor(step / g.outW),
      ow = step % g.outW;
    paintCells(P.x, padded(v.x), sc.x, winMarks, [[tapCell.r + ph, tapCell.c + pw]]);
    paintCells(P.w, (r, c) => v.w[r * g.kW + c], sc.w, [], [[tap.kh, tap.kw]]);
    paintCells(P.dy, (r, c) => v.dy[r * g.outW + c], sc.dy, [[oh, ow]]);
    paintCells(P.dw, (r, c) => dw[r * g.kW + c], sc.dw, [], [[tap.kh, tap.kw]]);
    paintCells(P.dx, padded(dx), sc.dx, winMarks, focus ? [[focus.r + ph, focus.c + pw]] : []);
    dwCaption.textContent = `dL/dw after ${steps} of ${n} steps`;
    dxCaption.textContent = `dL/dx after ${steps} of ${n} steps`;
    const d = formatValue(v.dy[step]);
    stepLine.textContent =
      `step ${steps}: dy${stepIndex(g, step)} = ${d} · dL/dw += ${d}·x[window] · dL/dx[window] += ${d}·w` +
      (win.some((k) => !k.inside) ? " (taps on the zero padding add nothing to dL/dx)" : "");
    const dwHead = `dL/dw${tapIndex(g, tap)}`;
    const dwT = dwTerms(g, v.x, v.dy, tap.kh, tap.kw, steps);
    dwSum.replaceChildren(
      el("div", undefined, sumParts(g, dwHead, dwT, "x", formatValue, false, MAX_TERMS).join(" ")),
      el("div", undefined, sumParts(g, dwHead, dwT, "x", formatValue, true, MAX_TERMS).join(" ")),
    );
    if (focus) {
      const dxHead = `dL/dx${indexText(g, focus.r, focus.c)}`;
      const dxT = dxTerms(g, v.w, v.dy, focus.r, focus.c, steps);
      dxSum.replaceChildren(
        el("div", undefined, sumParts(g, dxHead, dxT, "w", formatValue, false, MAX_TERMS).join(" ")),
        el("div", undefined, sumParts(g, dxHead, dxT, "w", formatValue, true, MAX_TERMS).join(" ")),
      );
    } else dxSum.textContent = "this window lies on the zero padding only: dL/dx gets nothing this step";
    check.textContent = steps === n ? lastStepCheck(dw, dx) : "\u00a0";
    controls.label.textContent = `step ${steps} / ${n} · dy${stepIndex(g, step)} = ${d}`;
  }

  /** At the last step: do the running sums equal the library's gradients (the payload's dx, dw)? */
  function lastStepCheck(dw: Float64Array, dx: Float64Array): string {
    let worst = 0,
      scale = 0;
    dw.forEach((a, i) => {
      worst = Math.max(worst, Math.abs(a - v.dw[i]));
      scale = Math.max(scale, Math.abs(v.dw[i]));
    });
    dx.forEach((a, i) => {
      worst = Math.max(worst, Math.abs(a - v.dx[i]));
      scale = Math.max(scale, Math.abs(v.dx[i]));
    });
    const ok = worst <= 1e-4 * Math.max(1, scale);
    return ok
      ? `all ${n} steps done: dL/dw and dL/dx equal the library's gradients (cl.vjp), largest difference ${formatValue(worst)}`
      : `the running sums differ from the library's gradients by up to ${formatValue(worst)}`;
  }

  const refocus = (): void => controls.go(controls.step());
  const onTap = (pn: CellPanel, what: string) => {
    pn.canvas.addEventListener("mousemove", (e) => {
      const h = cellAt(pn, e);
      if (!h || (hover.tap?.kh === h.row && hover.tap?.kw === h.col)) return;
      hover.tap = { kh: h.row, kw: h.col };
      const val =
        what === "w"
          ? v.w[h.row * g.kW + h.col]
          : accumulate(g, v.x, v.w, v.dy, controls.step() + 1).dw[h.row * g.kW + h.col];
      readout.textContent = `${what}${tapIndex(g, hover.tap)} = ${formatValue(val)} (click to keep this tap)`;
      refocus();
    });
    pn.canvas.addEventListener("mouseleave", () => {
      hover.tap = null;
      readout.textContent = "\u00a0";
      refocus();
    });
    pn.canvas.addEventListener("click", (e) => {
      const h = cellAt(pn, e);
      if (h) {
        pinned.tap = { kh: h.row, kw: h.col };
        refocus();
      }
    });
  };
  const onCell = (pn: CellPanel) => {
    const inside = (e: MouseEvent): Cell | null => {
      const h = cellAt(pn, e);
      return h && h.row >= ph && h.row < ph + g.inH && h.col >= pw && h.col < pw + g.inW
        ? { r: h.row - ph, c: h.col - pw }
        : null;
    };
    pn.canvas.addEventListener("mousemove", (e) => {
      const c = inside(e);
      if (c?.r === hover.cell?.r && c?.c === hover.cell?.c) return;
      hover.cell = c;
      readout.textContent = c
        ? `x${indexText(g, c.r, c.c)} = ${formatValue(v.x[c.r * g.inW + c.c])} (click to keep this cell)`
        : "zero padding: not a variable, no gradient";
      refocus();
    });
    pn.canvas.addEventListener("mouseleave", () => {
      hover.cell = null;
      readout.textContent = "\u00a0";
      refocus();
    });
    pn.canvas.addEventListener("click", (e) => {
      pinned.cell = inside(e) ?? pinned.cell;
      refocus();
    });
  };
  onTap(P.w, "w");
  onTap(P.dw, "dL/dw");
  onCell(P.x);
  onCell(P.dx);
  P.dy.canvas.addEventListener("click", (e) => {
    const h = cellAt(P.dy, e);
    if (h) controls.go(h.row * g.outW + h.col);
  });
  root.append(header(p.title, p.notes), info, row1, row2, controls.element, stepLine, dwSum, dxSum, check, readout);
  controls.go(0);
  return controls.dispose;
}
