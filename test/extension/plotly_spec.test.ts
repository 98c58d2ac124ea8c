// The extension's plotly layout (extension/src/model/plotly_spec.ts) groups series as the static figure does:
// both are drawn from one PlotSpec (src/display/plot_spec.ts), so a loss and an accuracy get two stacked y
// axes over one x axis, a spectrum's phase gets ±π ticks, log y where asked. Checked against the static
// SVG of the same payloads (its y axes' units and titles).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { renderSvg } from "../../src/display/figure/index";
import type { ConvlabPayload, LivePlotView, PlotView, SpectrumView } from "../../src/display/payload";
import { plotSpec, spectrumSpec } from "../../src/display/plot_spec";
import { plotlyFigure, type PlotColors, type SubplotLayout as Layout } from "../../extension/src/model/plotly_spec";
import { figureSamples } from "../display/figure_samples";
import { byClass, hasClass, parseSvg, textOf } from "../display/svg_tree";

const C: PlotColors = { fg: "#222", grid: "#ddd", muted: "#999", series: ["#1f77b4", "#ff7f0e", "#2ca02c"] };
type Axis = {
  domain: [number, number];
  title: { text: string };
  type: string;
  range?: number[];
  tickvals?: number[];
  ticktext?: string[];
  matches?: string;
  showticklabels?: boolean;
  anchor: string;
};
const axis = (l: Layout, name: string): Axis => l[name] as Axis;
const yAxes = (l: Layout): Axis[] =>
  Object.keys(l)
    .filter((k) => /^yaxis\d*$/.test(k))
    .sort()
    .map((k) => axis(l, k));

/** The y axes of the static figure of a payload: unit and title, top to bottom. */
function staticAxes(p: ConvlabPayload): Array<[string | undefined, string]> {
  const svg = parseSvg(renderSvg(p));
  const titles = byClass(svg, "axis-title")
    .filter((t) => !hasClass(t, "x"))
    .map(textOf);
  return byClass(svg, "axis")
    .filter((a) => hasClass(a, "y"))
    .map((a, k) => [a.attrs["data-unit"], titles[k]]);
}

describe("plotly subplots from the shared PlotSpec", () => {
  let s: Record<string, ConvlabPayload> = {};
  before(async () => {
    s = await figureSamples();
  });

  test("a loss above an accuracy: two y axes stacked over x axes that move together, as in the static figure", () => {
    const p = s.training as LivePlotView;
    const { data, layout } = plotlyFigure(plotSpec(p), C);
    const [loss, acc] = yAxes(layout);
    assert.deepEqual([loss.title.text, acc.title.text], ["training loss", "test accuracy"]);
    assert.deepEqual(staticAxes(p), [
      ["loss", "training loss"],
      ["accuracy", "test accuracy"],
    ]);
    assert.ok(loss.domain[0] > acc.domain[1], `loss ${loss.domain} above accuracy ${acc.domain}`);
    assert.deepEqual(acc.range, [-0.03, 1.03], "an accuracy within [0, 1] gets a 0…1 axis");
    assert.deepEqual(
      [axis(layout, "xaxis2").matches, axis(layout, "xaxis").showticklabels, axis(layout, "xaxis2").showticklabels],
      ["x", false, true],
    );
    assert.equal(axis(layout, "xaxis2").title.text, "step");
    assert.deepEqual(
      data.map((t) => [t.name, t.yaxis, t.showlegend]),
      [
        ["training loss", "y", false],
        ["test accuracy", "y2", false],
      ],
    );
  });

  test("three units, three axes; series of one unit share one axis and a legend above it", () => {
    const steps = Array.from({ length: 40 }, (_, i) => i);
    const p: PlotView = {
      version: 1,
      kind: "plot",
      notes: [],
      xlabel: "epoch",
      series: [
        { name: "train loss", y: steps.map((i) => 2 / (1 + i)) },
        { name: "val loss", y: steps.map((i) => 2.2 / (1 + i)) },
        { name: "lr", y: steps.map((i) => 0.1 * 0.5 ** Math.floor(i / 10)) },
        { name: "top1", y: steps.map((i) => i / 40), unit: "accuracy" },
      ],
    };
    const { data, layout } = plotlyFigure(plotSpec(p), C);
    assert.deepEqual(
      yAxes(layout).map((a) => a.title.text),
      ["loss", "lr", "top1"],
    );
    assert.deepEqual(
      staticAxes(p).map((a) => a[0]),
      ["loss", "learning rate", "accuracy"],
    );
    assert.deepEqual(
      data.map((t) => [t.yaxis, t.legend ?? null]),
      [
        ["y", "legend"],
        ["y", "legend"],
        ["y2", null],
        ["y3", null],
      ],
    );
    assert.equal((layout.legend as { yanchor: string }).yanchor, "bottom", "the legend sits on top of its panel");
    assert.deepEqual(
      data.map((t) => t.line.color),
      ["#1f77b4", "#ff7f0e", "#2ca02c", "#1f77b4"],
    );
  });

  test("log y where asked (never for an accuracy)", () => {
    const p = s.plot_logy as PlotView;
    const { layout } = plotlyFigure(plotSpec(p), C);
    assert.deepEqual(
      yAxes(layout).map((a) => [a.type, a.title.text]),
      [["log", "ms"]],
    );
    const q: PlotView = {
      ...p,
      series: [
        ...p.series.map((t) => ({ ...t, unit: "ms" })),
        { name: "accuracy", x: p.series[0].x, y: [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] },
      ],
    };
    assert.deepEqual(
      yAxes(plotlyFigure(plotSpec(q), C).layout).map((a) => a.type),
      ["log", "linear"],
    );
  });

  test("a 1-D spectrum: |X[k]| stems from zero above the phase in radians with ticks at multiples of π/2", () => {
    const p = s.spectrum as SpectrumView;
    const { data, layout } = plotlyFigure(spectrumSpec(p), C);
    const [mag, phase] = yAxes(layout);
    assert.deepEqual([mag.title.text, phase.title.text], ["magnitude |X[k]|", "phase (rad)"]);
    assert.deepEqual(
      staticAxes(p).map((a) => a[0]),
      ["magnitude", "radians"],
    );
    assert.deepEqual(phase.ticktext, ["−π", "−π/2", "0", "π/2", "π"]);
    assert.ok(Math.abs((phase.tickvals ?? [])[0] + Math.PI) < 1e-12 && mag.range?.[0] === 0);
    const stems = data[0].error_y;
    assert.equal(stems?.symmetric, false);
    assert.deepEqual(
      stems?.arrayminus,
      data[0].y.map((v) => Math.max(0, v ?? 0)),
      "each stem reaches down to zero",
    );
    assert.deepEqual(
      data.map((t) => [t.name, t.mode, t.yaxis]),
      [
        ["|X[k]|", "markers", "y"],
        ["phase", "markers", "y2"],
        ["phase where |X| ≈ 0 (noise)", "markers", "y2"],
      ],
    );
    assert.equal(data[2].marker.color, C.muted);
  });
});
