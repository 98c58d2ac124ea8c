/**
 * Feature maps, filters and single heatmaps: a grid of crisp canvas maps with a shared or per-map colour
 * scale, a colour bar, labels, a hover readout (index and value), click-to-enlarge, a dimension mapper
 * (which axis spreads as the grid; a slider for every other leading axis) and paging.
 */
import { arrayValues, type GridView, type HeatmapView } from "../../../src/display/payload";
import { gridTensor } from "../model/grid_shape";
import { mapZoom, pageOf } from "../model/layout";
import { makeScale, perMapScale, type Scale } from "../model/scale";
import { extractMap, initialSelection, mapCount, mapIndex, slicerAxes } from "../model/slicing";
import { colorBar } from "./colorbar";
import { button, el, header, select } from "./dom";
import { mapCanvas } from "./map_canvas";

const PAGE_SIZE = 32;

export function renderGrid(root: HTMLElement, p: GridView | HeatmapView): void {
  const t = gridTensor(p);
  const values = arrayValues(p.data);
  const [h, w] = t.shape.slice(-2);
  const shared = makeScale(p);
  const state = {
    // Grid over the first axis: channels of feature maps, output channels of 4-D filters (whose input
    // channels then get a slider).
    sel: initialSelection(t.shape, 0),
    perMap: false,
    page: 0,
    enlarged: null as number | null,
  };

  root.classList.add("jp-convlab-grid-view");
  root.dataset.convlabKind = p.kind;
  const controls = el("div", "jp-convlab-controls");
  const body = el("div", "jp-convlab-body");
  const readout = el("div", "jp-convlab-readout", "\u00a0");
  readout.dataset.testid = "convlab-readout";
  const bar = el("div", "jp-convlab-bar");
  root.append(header(p.title, p.notes), controls, body, bar, readout);
  const hover = (s: string): void => void (readout.textContent = s || "\u00a0");

  const scaleFor = (v: Float64Array): Scale => (state.perMap ? perMapScale(p, v) : shared);

  function drawControls(): void {
    controls.textContent = "";
    if (p.kind === "grid") {
      controls.append(
        el("label", undefined, "scale "),
        select(
          [
            ["shared", "shared"],
            ["per-map", "per map"],
          ],
          state.perMap ? "per-map" : "shared",
          (v) => {
            state.perMap = v === "per-map";
            draw();
          },
        ),
      );
    }
    const lead = t.shape.length - 2;
    if (lead >= 1 && mapCount(t.shape, { gridAxis: 0, fixed: {} }) > 1) {
      const opts: [string, string][] = [];
      for (let k = 0; k < lead; k++) opts.push([String(k), `${t.axes[k]} (${t.shape[k]})`]);
      opts.push(["none", "one map"]);
      const s = select(opts, state.sel.gridAxis === null ? "none" : String(state.sel.gridAxis), (v) => {
        state.sel = initialSelection(t.shape, v === "none" ? null : Number(v));
        state.page = 0;
        state.enlarged = null;
        draw();
      });
      s.dataset.testid = "convlab-grid-axis";
      controls.append(el("label", undefined, " grid over "), s);
    }
    for (const k of slicerAxes(t.shape, state.sel.gridAxis)) {
      if (t.shape[k] <= 1) continue;
      const r = el("input", "jp-convlab-slider");
      r.type = "range";
      r.min = "0";
      r.max = String(t.shape[k] - 1);
      r.value = String(state.sel.fixed[k] ?? 0);
      r.dataset.axis = t.axes[k];
      r.dataset.testid = "convlab-slicer";
      const lab = el("span", "jp-convlab-slider-label", `${t.axes[k]} = ${r.value} / ${t.shape[k] - 1}`);
      r.addEventListener("input", () => {
        state.sel.fixed[k] = Number(r.value);
        lab.textContent = `${t.axes[k]} = ${r.value} / ${t.shape[k] - 1}`;
        draw(false);
      });
      controls.append(el("label", undefined, ` ${t.axes[k]} `), r, lab);
    }
  }

  function figure(m: number, zoom: number, onClick?: () => void): HTMLElement {
    const idx = mapIndex(t.shape, state.sel, m);
    const v = extractMap(values, t.shape, state.sel, m);
    const label = t.label(idx);
    const single = p.kind === "heatmap";
    const fig = el("figure", "jp-convlab-cell");
    // A heatmap is one 2-D map: its hover index is [row, col] and its title is already above it.
    fig.appendChild(
      mapCanvas({
        values: v,
        h,
        w,
        scale: scaleFor(v),
        zoom,
        label,
        index: single ? [] : idx,
        onHover: hover,
        onClick,
      }),
    );
    if (!single) fig.appendChild(el("figcaption", undefined, label));
    return fig;
  }

  function draw(withControls = true): void {
    if (withControls) drawControls();
    body.textContent = "";
    bar.textContent = "";
    const count = mapCount(t.shape, state.sel);
    if (state.enlarged !== null || count === 1) {
      const m = state.enlarged ?? 0;
      body.appendChild(figure(m, mapZoom(h, w, 320)));
      if (state.enlarged !== null) {
        body.appendChild(
          button("back to grid", "show all maps again", () => {
            state.enlarged = null;
            draw();
          }),
        );
      }
    } else {
      const pg = pageOf(count, PAGE_SIZE, state.page);
      const grid = el("div", "jp-convlab-cells");
      const zoom = mapZoom(h, w, count > 16 ? 64 : 96);
      for (let m = pg.start; m < pg.end; m++)
        grid.appendChild(
          figure(m, zoom, () => {
            state.enlarged = m;
            draw();
          }),
        );
      body.appendChild(grid);
      if (pg.pages > 1) {
        const nav = el("div", "jp-convlab-pager");
        nav.append(
          button("‹", "previous page", () => {
            state.page = pg.page - 1;
            draw(false);
          }),
          el("span", undefined, `maps ${pg.start}–${pg.end - 1} of ${count} (page ${pg.page + 1}/${pg.pages})`),
          button("›", "next page", () => {
            state.page = pg.page + 1;
            draw(false);
          }),
        );
        body.appendChild(nav);
      }
    }
    bar.appendChild(
      state.perMap ? colorBar(shared, "per-map scale: each map spans its own range", true) : colorBar(shared),
    );
  }
  draw();
}
