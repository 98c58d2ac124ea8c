/**
 * A small map drawn cell by cell on a canvas, for the steppers: each value a square of its colour (its
 * number printed when the square is big enough), zero padding as a dashed empty square, then outlines:
 * orange `marks` (the window a step reads or writes) and `focus` cells in the theme's ink (the tap or the
 * input cell whose sum is written out).
 */
import { cssColor } from "../model/colormap";
import { formatShort, formatValue } from "../model/format";
import type { Scale } from "../model/scale";
import { cssVar, el } from "./dom";

export const HIGHLIGHT = "#ff7f0e";

export interface CellPanel {
  canvas: HTMLCanvasElement;
  rows: number;
  cols: number;
  cell: number;
}

export function cellPanel(rows: number, cols: number, cell: number): CellPanel {
  const canvas = el("canvas", "jp-convlab-stepper-canvas");
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(cols * cell * dpr);
  canvas.height = Math.ceil(rows * cell * dpr);
  canvas.style.width = `${cols * cell}px`;
  canvas.style.height = `${rows * cell}px`;
  return { canvas, rows, cols, cell };
}

/** `value(r, c)`: the value at a cell, or null for zero padding. */
export function paintCells(
  p: CellPanel,
  value: (r: number, c: number) => number | null,
  scale: Scale,
  marks: [number, number][],
  focus: [number, number][] = [],
): void {
  const ctx = p.canvas.getContext("2d");
  if (!ctx) return;
  const { cell } = p;
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, p.cols * cell, p.rows * cell);
  ctx.font = `${Math.max(8, Math.floor(cell * 0.32))}px var(--jp-code-font-family, monospace)`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const fg = cssVar("--jp-ui-font-color2", "#616161");
  for (let r = 0; r < p.rows; r++) {
    for (let c = 0; c < p.cols; c++) {
      const v = value(r, c);
      const x = c * cell;
      const y = r * cell;
      if (v === null) {
        // zero padding: no colour of its own, a dashed square with a 0
        ctx.strokeStyle = fg;
        ctx.setLineDash([2, 2]);
        ctx.strokeRect(x + 0.5, y + 0.5, cell - 1, cell - 1);
        ctx.setLineDash([]);
        if (cell >= 16) {
          ctx.fillStyle = fg;
          ctx.fillText("0", x + cell / 2, y + cell / 2);
        }
        continue;
      }
      const col = scale.color(v);
      ctx.fillStyle = cssColor(col);
      ctx.fillRect(x, y, cell, cell);
      if (cell >= 22) {
        ctx.fillStyle = 0.2126 * col[0] + 0.7152 * col[1] + 0.0722 * col[2] > 140 ? "#000" : "#fff";
        // the full value, else fewer digits, else nothing (never a cut-off "2.22e" that reads as 2.22)
        const label = [formatValue(v), formatShort(v)].find((s) => ctx.measureText(s).width <= cell * 0.92);
        if (label !== undefined) ctx.fillText(label, x + cell / 2, y + cell / 2);
      }
    }
  }
  ctx.strokeStyle = HIGHLIGHT;
  ctx.lineWidth = 3;
  for (const [r, c] of marks) ctx.strokeRect(c * cell + 1.5, r * cell + 1.5, cell - 3, cell - 3);
  ctx.strokeStyle = cssVar("--jp-ui-font-color0", "#000");
  ctx.lineWidth = 2;
  ctx.setLineDash([3, 2]);
  for (const [r, c] of focus) ctx.strokeRect(c * cell + 4, r * cell + 4, cell - 8, cell - 8);
  ctx.setLineDash([]);
  ctx.lineWidth = 1;
}

/** The (row, col) under a mouse event on a panel, or null outside it. */
export function cellAt(p: CellPanel, e: MouseEvent): { row: number; col: number } | null {
  const r = p.canvas.getBoundingClientRect();
  // the rendered size may differ from cols·cell (browser zoom): map through the real rect
  const row = Math.floor(((e.clientY - r.top) * p.rows) / r.height);
  const col = Math.floor(((e.clientX - r.left) * p.cols) / r.width);
  return row >= 0 && row < p.rows && col >= 0 && col < p.cols ? { row, col } : null;
}
