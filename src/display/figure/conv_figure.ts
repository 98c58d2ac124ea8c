/**
 * The convolution stepper as a static figure at its first step: the padded input (the zero ring drawn
 * dashed), the kernel and the output, read as "x ⋆ w = y"; the receptive field of y[0, 0] (every tap,
 * so dilation shows as gaps) and y[0, 0] itself are outlined, the sum is written out underneath, and
 * each panel has its own colour bar. Small inputs get their values printed in the cells.
 */
import { arrayValues, type ColorScale, type ConvolutionView } from "../payload";
import { colorBarH } from "./colorbar";
import { drawTitle, Figure, MARGIN, SIZE, titleWidth } from "./figure";
import { textWidth } from "./font";
import { countNonFinite, inkOn, mapImage, type MapBox } from "./map_image";
import { notes } from "./plot_figure";
import { group, rect, text } from "./svg";
import type { Theme } from "./theme";
import { fmt } from "./ticks";

const OP_W = 34;
const INDENT = 24;

/** The products of y[0, 0]: "0·1", "2·(−1)", … (all up to 9 taps, else the first 4, "…" and the last), and the sum. */
function sumTerms(
  x: Float32Array,
  h: number,
  w: number,
  k: Float32Array,
  p: ConvolutionView,
): { terms: string[]; total: number } {
  const [kh, kw] = p.kernel.shape,
    [ph, pw] = p.padding,
    [dh, dw] = p.dilation;
  const par = (v: number) => (v < 0 ? `(${fmt(v)})` : fmt(v));
  const terms: string[] = [];
  let total = 0;
  for (let a = 0; a < kh; a++)
    for (let b = 0; b < kw; b++) {
      const r = a * dh - ph,
        c = b * dw - pw;
      const xv = r >= 0 && r < h && c >= 0 && c < w ? x[r * w + c] : 0;
      total += xv * k[a * kw + b];
      terms.push(`${par(xv)}·${par(k[a * kw + b])}`);
    }
  return { terms: terms.length <= 9 ? terms : [...terms.slice(0, 4), "…", terms[terms.length - 1]], total };
}

/** "y[0, 0] = a + b + … = s", broken before a "+" into lines no wider than `width` (later lines are indented). */
function sumLines(terms: string[], total: number, width: number): string[] {
  const parts = [`y[0, 0] = ${terms[0]}`, ...terms.slice(1).map((t) => `+ ${t}`), `= ${fmt(total)}`];
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${part}`, SIZE.label) <= width)
      lines[lines.length - 1] = `${last} ${part}`;
    else lines.push(part);
  }
  return lines;
}

export function convolutionFigure(theme: Theme, p: ConvolutionView): string {
  const f = new Figure(theme),
    t = theme,
    body: string[] = [];
  const [h, w] = p.input.shape,
    [kh, kw] = p.kernel.shape,
    [oh, ow] = p.output.shape;
  const [ph, pw] = p.padding,
    [dh, dw] = p.dilation;
  const x = arrayValues(p.input),
    k = arrayValues(p.kernel),
    y = arrayValues(p.output);
  const side = Math.max(h + 2 * ph, w + 2 * pw, oh, ow);
  const cell = Math.min(34, Math.max(12, Math.floor(220 / side)));
  const values = cell >= 22;
  const top = drawTitle(f, body, p.title);
  const labelY = top + SIZE.label,
    mapY = top + SIZE.label + 10;
  const panels = [
    { label: `input x (${h}×${w}, padding ${ph === pw ? ph : `${ph},${pw}`})`, rows: h + 2 * ph, cols: w + 2 * pw },
    { label: `kernel w (${kh}×${kw})`, rows: kh, cols: kw },
    { label: `output y (${oh}×${ow})`, rows: oh, cols: ow },
  ];
  const widths = panels.map((q) => Math.max(q.cols * cell, textWidth(q.label, SIZE.label), 100));
  const xs: number[] = [];
  let cx = MARGIN;
  widths.forEach((wd, i) => {
    xs.push(cx);
    cx += wd + (i < 2 ? OP_W : 0);
  });
  const boxOf = (i: number): MapBox => ({
    x: xs[i] + (widths[i] - panels[i].cols * cell) / 2,
    y: mapY,
    width: panels[i].cols * cell,
    height: panels[i].rows * cell,
  });
  const [bx, bk, by] = [0, 1, 2].map(boxOf);
  panels.forEach((q, i) =>
    body.push(
      text(xs[i] + widths[i] / 2, labelY, q.label, {
        size: SIZE.label,
        fill: t.ink,
        anchor: "middle",
        cls: "map-label",
      }),
    ),
  );
  // The zero-padding ring, then the input inside it.
  body.push(
    rect(bx.x, bx.y, bx.width, bx.height, {
      fill: t.padFill,
      stroke: t.mapFrame,
      "stroke-dasharray": "4 3",
      class: "padding",
    }),
  );
  const inner = { x: bx.x + pw * cell, y: bx.y + ph * cell, width: w * cell, height: h * cell };
  body.push(
    mapImage(inner, h, w, x, p.inputScale, t.mapFrame, "input"),
    mapImage(bk, kh, kw, k, p.kernelScale, t.mapFrame, "kernel"),
    mapImage(by, oh, ow, y, p.outputScale, t.mapFrame, "output"),
  );
  if (values) {
    const cellText = (
      box: MapBox,
      rows: number,
      cols: number,
      scale: ColorScale,
      at: (i: number, j: number) => number | null,
    ) => {
      const out: string[] = [];
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          const v = at(i, j);
          out.push(
            text(box.x + (j + 0.5) * cell, box.y + (i + 0.5) * cell + 4, v === null ? "0" : fmt(v), {
              size: Math.min(SIZE.tick, cell * 0.4),
              fill: v === null ? t.muted : inkOn(v, scale),
              anchor: "middle",
            }),
          );
        }
      return group({ class: "values" }, out);
    };
    const inside = (i: number, j: number) => i >= ph && i < ph + h && j >= pw && j < pw + w;
    body.push(
      cellText(bx, h + 2 * ph, w + 2 * pw, p.inputScale, (i, j) => (inside(i, j) ? x[(i - ph) * w + (j - pw)] : null)),
    );
    body.push(
      cellText(bk, kh, kw, p.kernelScale, (i, j) => k[i * kw + j]),
      cellText(by, oh, ow, p.outputScale, (i, j) => y[i * ow + j]),
    );
  }
  // y[0, 0]'s receptive field: tap (a, b) reads padded cell (a·d_h, b·d_w).
  const field: string[] = [];
  for (let a = 0; a < kh; a++)
    for (let b = 0; b < kw; b++)
      field.push(
        rect(bx.x + b * dw * cell + 1, bx.y + a * dh * cell + 1, cell - 2, cell - 2, {
          fill: "none",
          stroke: t.highlight,
          "stroke-width": 2.5,
        }),
      );
  body.push(group({ class: "receptive-field" }, field));
  body.push(
    rect(by.x + 1, by.y + 1, cell - 2, cell - 2, {
      fill: "none",
      stroke: t.highlight,
      "stroke-width": 2.5,
      class: "output-cell",
    }),
  );
  const midY = mapY + Math.max(bx.height, bk.height, by.height) / 2;
  body.push(
    text(xs[1] - OP_W / 2, midY + 11, "⋆", { size: 36, fill: t.ink, anchor: "middle" }),
    text(xs[2] - OP_W / 2, midY + 8, "=", { size: 22, fill: t.ink, anchor: "middle" }),
  );
  let bottom = mapY + Math.max(bx.height, bk.height, by.height) + 14;
  const bars = [p.inputScale, p.kernelScale, p.outputScale].map((s, i) =>
    colorBarH(f, xs[i] + 4, bottom, widths[i] - 8, s, countNonFinite([x, k, y][i])),
  );
  body.push(...bars.map((b) => b.svg));
  bottom += Math.max(...bars.map((b) => b.height)) + 10;
  const { terms, total } = sumTerms(x, h, w, k, p);
  const lines = sumLines(terms, total, Math.max(cx - 2 * MARGIN - INDENT, 420));
  body.push(
    group(
      { class: "sum" },
      lines.map((l, i) =>
        text(MARGIN + (i ? INDENT : 0), bottom + SIZE.label + i * (SIZE.label + 6), l, {
          size: SIZE.label,
          fill: t.ink,
        }),
      ),
    ),
  );
  bottom += lines.length * (SIZE.label + 6);
  const geometry = `stride ${p.stride.join("×")} · padding ${p.padding.join("×")} · dilation ${p.dilation.join("×")}`;
  body.push(text(MARGIN, bottom + SIZE.note + 4, geometry, { size: SIZE.note, fill: t.muted, cls: "geometry" }));
  const width = Math.max(
    cx + MARGIN,
    ...lines.map((l, i) => textWidth(l, SIZE.label) + 2 * MARGIN + (i ? INDENT : 0)),
    titleWidth(p.title),
  );
  const end = notes(body, p.notes, t, bottom + SIZE.note + 12, width);
  return f.document(width, end + MARGIN - 4, p.title, body);
}
