/**
 * Matrix view (e.g. the Toeplitz matrix of a convolution): a crisp heatmap, so the band structure is
 * visible at a glance, with row/column labels and a hover readout; small matrices also print their values.
 */
import { arrayValues, type MatrixView } from "../../../src/display/payload";
import { cssColor } from "../model/colormap";
import { formatValue } from "../model/format";
import { mapZoom } from "../model/layout";
import { makeScale } from "../model/scale";
import { colorBar } from "./colorbar";
import { el, header } from "./dom";
import { mapCanvas } from "./map_canvas";

export function renderMatrix(root: HTMLElement, p: MatrixView): void {
  const [rows, cols] = p.data.shape;
  const values = arrayValues(p.data);
  const scale = makeScale(p);
  root.dataset.convlabKind = "matrix";
  const readout = el("div", "jp-convlab-readout", "\u00a0");
  readout.dataset.testid = "convlab-readout";
  const hover = (s: string): void => void (readout.textContent = s || "\u00a0");
  const rowName = (r: number): string => p.rowLabels?.[r] ?? `row ${r}`;
  const colName = (c: number): string => p.colLabels?.[c] ?? `col ${c}`;
  let body: HTMLElement;
  if (p.showValues) {
    // Small enough to read every number: a table whose cells carry the colour.
    body = el("table", "jp-convlab-matrix");
    if (p.colLabels) {
      const tr = el("tr");
      tr.appendChild(el("th"));
      p.colLabels.forEach((l) => tr.appendChild(el("th", undefined, l)));
      body.appendChild(tr);
    }
    for (let r = 0; r < rows; r++) {
      const tr = el("tr");
      if (p.rowLabels) tr.appendChild(el("th", undefined, p.rowLabels[r] ?? ""));
      for (let c = 0; c < cols; c++) {
        const v = values[r * cols + c];
        const color = scale.color(v);
        const td = el("td", undefined, formatValue(v));
        td.style.background = cssColor(color);
        // Dark text on light cells, light text on dark ones (relative luminance, Rec. 709 weights).
        td.style.color = 0.2126 * color[0] + 0.7152 * color[1] + 0.0722 * color[2] > 140 ? "#000" : "#fff";
        td.addEventListener("mouseenter", () => hover(`${rowName(r)}, ${colName(c)} [${r}, ${c}] = ${formatValue(v)}`));
        td.addEventListener("mouseleave", () => hover(""));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
  } else {
    body = mapCanvas({
      values,
      h: rows,
      w: cols,
      scale,
      zoom: mapZoom(rows, cols, 480),
      label: p.title ?? "matrix",
      index: [],
      onHover: hover,
    });
  }
  root.append(
    header(p.title, p.notes),
    el("div", "jp-convlab-note", `${rows} × ${cols}`),
    body,
    colorBar(scale),
    readout,
  );
}
