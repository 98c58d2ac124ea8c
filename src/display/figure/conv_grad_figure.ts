/**
 * The gradient stepper as a static figure: the inputs of the backward pass (x with the first window
 * outlined on its zero-padding ring, w, dy with its first cell outlined), then the running dL/dw and dL/dx
 * after step 1, after step 2 and after the last step (the library's gradients) side by side, the cells
 * each step changed outlined, and two sums written out (one tap of dL/dw, one input cell of dL/dx) (conv_grad_steps.ts counts them).
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
  type GradGeometry,
} from "../conv_grad_steps";
import type { ColorScale, ConvolutionGradView } from "../payload";
import { colorBarH } from "./colorbar";
import { drawTitle, Figure, MARGIN, SIZE, titleWidth } from "./figure";
import { textWidth } from "./font";
import { countNonFinite, inkOn, mapImage, type MapBox } from "./map_image";
import { notes } from "./plot_figure";
import { group, rect, text } from "./svg";
import type { Theme } from "./theme";
import { fmt } from "./ticks";

const GAP = 28;
const INDENT = 24;

interface Panel {
  label: string;
  rows: number;
  cols: number;
  values: ArrayLike<number>;
  scale: ColorScale;
  /** Zero-padding ring around the values (rows/cols include it). */
  pad: [number, number];
  /** Cells to outline, in the panel's (padded) coordinates. */
  marks: Array<[number, number]>;
  cls: string;
}

/** Draws a panel's map (padding ring dashed), printed values when the cells are big enough, and outlines. */
function drawPanel(t: Theme, body: string[], q: Panel, box: MapBox, cell: number): void {
  const [ph, pw] = q.pad,
    h = q.rows - 2 * ph,
    w = q.cols - 2 * pw;
  if (ph || pw)
    body.push(
      rect(box.x, box.y, box.width, box.height, {
        fill: t.padFill,
        stroke: t.mapFrame,
        "stroke-dasharray": "4 3",
        class: "padding",
      }),
    );
  const inner = { x: box.x + pw * cell, y: box.y + ph * cell, width: w * cell, height: h * cell };
  body.push(mapImage(inner, h, w, q.values, q.scale, t.mapFrame, q.cls));
  if (cell >= 22) {
    const out: string[] = [];
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++) {
        const v = q.values[i * w + j];
        out.push(
          text(inner.x + (j + 0.5) * cell, inner.y + (i + 0.5) * cell + 4, fmt(v), {
            size: Math.min(SIZE.tick, cell * 0.4),
            fill: inkOn(v, q.scale),
            anchor: "middle",
          }),
        );
      }
    body.push(group({ class: "values" }, out));
  }
  const marks = q.marks.map(([i, j]) =>
    rect(box.x + j * cell + 1, box.y + i * cell + 1, cell - 2, cell - 2, {
      fill: "none",
      stroke: t.highlight,
      "stroke-width": 2.5,
    }),
  );
  if (marks.length) body.push(group({ class: `marks ${q.cls}` }, marks));
}

/** Parts joined into lines no wider than `width` (later lines indented). */
function wrap(parts: string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${part}`, SIZE.label) <= width - (lines.length > 1 ? INDENT : 0))
      lines[lines.length - 1] = `${last} ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** The input cell that the most window taps read (the first such in row-major order): its dL/dx sum has the most terms. */
function busiest(g: GradGeometry, w: ArrayLike<number>, dy: ArrayLike<number>): { r: number; c: number } {
  let best = { r: 0, c: 0 },
    most = -1;
  for (let r = 0; r < g.inH; r++)
    for (let c = 0; c < g.inW; c++) {
      const k = dxTerms(g, w, dy, r, c, stepCount(g)).length;
      if (k > most) {
        most = k;
        best = { r, c };
      }
    }
  return best;
}

/** The steps shown as columns: after step 1, after step 2, after the last one (fewer for one or two steps). */
const snapshots = (n: number): number[] => (n <= 2 ? Array.from({ length: n }, (_, i) => i + 1) : [1, 2, n]);

export function convolutionGradFigure(theme: Theme, p: ConvolutionGradView): string {
  const f = new Figure(theme),
    t = theme,
    body: string[] = [];
  const g: GradGeometry = geometryOf(p),
    v = valuesOf(p),
    n = stepCount(g);
  const [ph, pw] = g.padding;
  const sh = (h: number, w: number) => (g.dims === 1 ? `${w}` : `${h}×${w}`);
  const pad = g.dims === 1 ? `${pw}` : ph === pw ? `${ph}` : `${ph},${pw}`;
  const tap = p.tap ? { kh: g.dims === 1 ? 0 : p.tap[0], kw: p.tap[p.tap.length - 1] } : { kh: 0, kw: 0 };
  const win = (s: number) => windowOf(g, s - 1).map((k): [number, number] => [k.r + ph, k.c + pw]);
  const first = stepIndex(g, 0);
  const top: Panel[] = [
    {
      label: `input x (${sh(g.inH, g.inW)}, padding ${pad})`,
      rows: g.inH + 2 * ph,
      cols: g.inW + 2 * pw,
      values: v.x,
      scale: p.inputScale,
      pad: [ph, pw],
      marks: win(1),
      cls: "input",
    },
    {
      label: `kernel w (${sh(g.kH, g.kW)})`,
      rows: g.kH,
      cols: g.kW,
      values: v.w,
      scale: p.kernelScale,
      pad: [0, 0],
      marks: [],
      cls: "kernel",
    },
    {
      label: `dy = dL/dy (${sh(g.outH, g.outW)})`,
      rows: g.outH,
      cols: g.outW,
      values: v.dy,
      scale: p.dyScale,
      pad: [0, 0],
      marks: [[0, 0]],
      cls: "dy",
    },
  ];
  const side = Math.max(...top.map((q) => Math.max(q.rows, q.cols)));
  const cell = Math.min(34, Math.max(12, Math.floor(220 / side)));
  let y = drawTitle(f, body, p.title);
  // Row 1: what the backward pass is given.
  const widths = top.map((q) => Math.max(q.cols * cell, textWidth(q.label, SIZE.label), 100));
  let x = MARGIN;
  const xs = widths.map((w) => {
    const at = x;
    x += w + GAP;
    return at;
  });
  const rowH = Math.max(...top.map((q) => q.rows * cell));
  top.forEach((q, i) => {
    body.push(
      text(xs[i] + widths[i] / 2, y + SIZE.label, q.label, {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        cls: "map-label",
      }),
    );
    drawPanel(
      t,
      body,
      q,
      {
        x: xs[i] + (widths[i] - q.cols * cell) / 2,
        y: y + SIZE.label + 10,
        width: q.cols * cell,
        height: q.rows * cell,
      },
      cell,
    );
  });
  y += SIZE.label + 10 + rowH + 14;
  const bars = top.map((q, i) => colorBarH(f, xs[i] + 4, y, widths[i] - 8, q.scale, countNonFinite(q.values)));
  body.push(...bars.map((b) => b.svg));
  y += Math.max(...bars.map((b) => b.height)) + 18;
  // Then the running gradients as columns (after step 1, 2, all): dL/dw above dL/dx, changed cells outlined.
  const steps = snapshots(n);
  const focus = busiest(g, v.w, v.dy);
  const heads = steps.map((s) =>
    s === n
      ? [`after all ${n} steps`, "= autograd (cl.vjp)"]
      : [`after step ${s}`, `+ dy${stepIndex(g, s - 1)} = ${fmt(v.dy[s - 1])}`],
  );
  const rowW = Math.max(textWidth("dL/dw", SIZE.label), textWidth("dL/dx", SIZE.label)) + 14;
  const dxCols = g.inW + 2 * pw,
    dxRows = g.inH + 2 * ph;
  const colW = Math.max(
    dxCols * cell,
    g.kW * cell,
    ...heads.map((h) => Math.max(textWidth(h[0], SIZE.label), textWidth(h[1], SIZE.note))),
    90,
  );
  const colX = steps.map((_, k) => MARGIN + rowW + k * (colW + GAP));
  heads.forEach((h, k) =>
    body.push(
      group({ class: "step-label" }, [
        text(colX[k] + colW / 2, y + SIZE.label, h[0], { size: SIZE.label, fill: t.ink, anchor: "middle" }),
        text(colX[k] + colW / 2, y + SIZE.label + SIZE.note + 5, h[1], {
          size: SIZE.note,
          fill: t.muted,
          anchor: "middle",
        }),
      ]),
    ),
  );
  y += SIZE.label + SIZE.note + 14;
  const dwY = y,
    dxY = y + g.kH * cell + 16;
  body.push(text(MARGIN, dwY + (g.kH * cell) / 2 + 4, "dL/dw", { size: SIZE.label, fill: t.ink, cls: "row-label" }));
  body.push(text(MARGIN, dxY + (dxRows * cell) / 2 + 4, "dL/dx", { size: SIZE.label, fill: t.ink, cls: "row-label" }));
  steps.forEach((s, k) => {
    const last = s === n,
      acc = last ? { dw: v.dw, dx: v.dx } : accumulate(g, v.x, v.w, v.dy, s);
    const dw: Panel = {
      label: "dL/dw",
      rows: g.kH,
      cols: g.kW,
      values: acc.dw,
      scale: p.dwScale,
      pad: [0, 0],
      marks: [[tap.kh, tap.kw]],
      cls: "dw",
    };
    const dx: Panel = {
      label: "dL/dx",
      rows: dxRows,
      cols: dxCols,
      values: acc.dx,
      scale: p.dxScale,
      pad: [ph, pw],
      marks: last ? [[focus.r + ph, focus.c + pw]] : win(s),
      cls: "dx",
    };
    drawPanel(
      t,
      body,
      dw,
      { x: colX[k] + (colW - g.kW * cell) / 2, y: dwY, width: g.kW * cell, height: g.kH * cell },
      cell,
    );
    drawPanel(
      t,
      body,
      dx,
      { x: colX[k] + (colW - dxCols * cell) / 2, y: dxY, width: dxCols * cell, height: dxRows * cell },
      cell,
    );
  });
  y = dxY + dxRows * cell + 16;
  const barW = Math.min(220, Math.max(120, colW - 8));
  const gbars = [p.dwScale, p.dxScale].map((sc, i) => {
    const bx = MARGIN + rowW + i * (barW + GAP + 40) + 40;
    body.push(
      text(bx - 8, y + 9, i ? "dL/dx" : "dL/dw", { size: SIZE.note, fill: t.muted, anchor: "end", cls: "bar-label" }),
    );
    return colorBarH(f, bx, y, barW, sc, countNonFinite(i ? v.dx : v.dw));
  });
  body.push(...gbars.map((b) => b.svg));
  y += Math.max(...gbars.map((b) => b.height)) + 12;
  // The sums written out: dL/dw at the outlined tap, dL/dx at the outlined input cell (the one most windows cover).
  const right = Math.max(
    x - GAP + MARGIN,
    colX[colX.length - 1] + colW + MARGIN,
    MARGIN + rowW + 2 * (barW + GAP + 40) + MARGIN,
    520,
  );
  const dwHead = `dL/dw${tapIndex(g, tap)}`,
    dxHead = `dL/dx${indexText(g, focus.r, focus.c)}`;
  const dwT = dwTerms(g, v.x, v.dy, tap.kh, tap.kw, n),
    dxT = dxTerms(g, v.w, v.dy, focus.r, focus.c, n);
  const lines = [
    ...wrap(sumParts(g, dwHead, dwT, "x", fmt, false), right - 2 * MARGIN),
    ...wrap(sumParts(g, dwHead, dwT, "x", fmt, true), right - 2 * MARGIN),
    ...wrap(sumParts(g, dxHead, dxT, "w", fmt, false), right - 2 * MARGIN),
    ...wrap(sumParts(g, dxHead, dxT, "w", fmt, true), right - 2 * MARGIN),
  ];
  body.push(
    group(
      { class: "sum" },
      lines.map((l, i) =>
        text(MARGIN + (/^[+=]/.test(l) ? INDENT : 0), y + SIZE.label + i * (SIZE.label + 6), l, {
          size: SIZE.label,
          fill: t.ink,
        }),
      ),
    ),
  );
  y += lines.length * (SIZE.label + 6);
  const one = (a: [number, number]) => (g.dims === 1 ? `${a[1]}` : a.join("×"));
  body.push(
    text(
      MARGIN,
      y + SIZE.note + 4,
      `stride ${one(g.stride)} · padding ${one(g.padding)} · dilation ${one(g.dilation)} · first window at dy${first}`,
      { size: SIZE.note, fill: t.muted, cls: "geometry" },
    ),
  );
  const width = Math.max(
    right,
    ...lines.map((l) => textWidth(l, SIZE.label) + 2 * MARGIN + INDENT),
    titleWidth(p.title),
  );
  const end = notes(body, p.notes, t, y + SIZE.note + 12, width);
  return f.document(width, end + MARGIN - 4, p.title, body);
}
