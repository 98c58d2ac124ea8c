/**
 * The static figures: structure of the SVG (ticks, labels, legends, one y axis per unit, colour bars,
 * NaN/Inf swatches), pixels of the PNG resvg draws from it (known colours at known places, crisp map
 * cells, real text, the theme), and layout checks over every figure kind in both themes (no label
 * overlaps another or leaves the figure). Writes the "after" pictures to artifacts/figures/after/.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import ndarray from "ndarray";
import { PNG } from "pngjs";
import { cmapAt, NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR } from "../../src/display/colormap";
import { renderFigure, renderSvg } from "../../src/display/figure/index";
import { textWidth } from "../../src/display/figure/font";
import type { ConvlabPayload } from "../../src/display/payload";
import { toHost } from "../../src/display/host";
import { matrixView } from "../../src/display/views";
import { fixturePayload } from "../extension/fixtures";
import { figureSamples } from "./figure_samples";
import { all, byClass, byTag, hasClass, parseSvg, textOf, tickLabels, type Node } from "./svg_tree";

const ARTIFACTS = join(__dirname, "..", "..", "artifacts", "figures", "after");
let samples: Record<string, ConvlabPayload> = {};
before(async () => {
  samples = await figureSamples();
});

const fixture = (name: string): ConvlabPayload => fixturePayload(name, "heatmap");
const svgOf = (name: string, theme: "light" | "dark" = "light") => parseSvg(renderSvg(samples[name], theme));
const pixel = (png: PNG, x: number, y: number) => [
  ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
];
const num = (n: Node, k: string) => Number(n.attrs[k]);

/** The PNG pixel at the centre of cell (i, j) of a map image (the PNG has twice the SVG's pixels). */
function cellPixel(png: PNG, img: Node, i: number, j: number): number[] {
  const [h, w] = img.attrs["data-cells"].split("x").map(Number);
  const x = num(img, "x") + ((j + 0.5) * num(img, "width")) / w,
    y = num(img, "y") + ((i + 0.5) * num(img, "height")) / h;
  return pixel(png, Math.floor(2 * x), Math.floor(2 * y));
}

function mapFigure(p: ConvlabPayload): { png: PNG; img: Node; svg: Node } {
  const fig = renderFigure(p);
  const svg = parseSvg(fig.svg);
  return { png: PNG.sync.read(fig.png), img: byClass(svg, "map")[0], svg };
}

describe("map figures", () => {
  it("draw a 2x2 [[0,1],[2,3]] as four viridis colours in row-major order, each cell one crisp colour", async () => {
    const { payloadOf } = await import("../../src/display/index");
    const { png, img, svg } = mapFigure(
      await payloadOf([
        [0, 1],
        [2, 3],
      ]),
    );
    const got = [
      cellPixel(png, img, 0, 0),
      cellPixel(png, img, 0, 1),
      cellPixel(png, img, 1, 0),
      cellPixel(png, img, 1, 1),
    ];
    assert.deepEqual(
      got,
      [0, 1 / 3, 2 / 3, 1].map((t) => cmapAt("viridis", t)),
    );
    assert.deepEqual(got[3], [0xfd, 0xe7, 0x25]);
    // nearest-neighbour: two pixels in from the cell's corner is still the cell's colour
    assert.deepEqual(pixel(png, Math.ceil(2 * num(img, "x")) + 2, Math.ceil(2 * num(img, "y")) + 2), got[0]);
    const bar = byClass(svg, "colorbar")[0];
    assert.deepEqual(tickLabels(bar), ["0", "1", "2", "3"]);
    assert.deepEqual(tickLabels(byClass(svg, "axis").find((a) => hasClass(a, "y"))!), ["0", "1"], "row indices");
  });

  it("mark NaN, +Inf and −Inf in the cells and name them, with counts, under the colour bar", () => {
    const { png, img, svg } = mapFigure(samples.heatmap_nonfinite);
    assert.deepEqual(
      [cellPixel(png, img, 2, 5), cellPixel(png, img, 6, 1), cellPixel(png, img, 0, 7)],
      [NAN_COLOR, POS_INF_COLOR, NEG_INF_COLOR],
    );
    assert.deepEqual(byClass(svg, "nonfinite").map(textOf), ["NaN (1)", "+Inf (1)", "−Inf (1)"]);
    assert.deepEqual(byClass(svg, "axis-title").map(textOf).sort(), ["column j", "row i"]);
  });

  it("lay out feature maps and filters as labelled cells with one colour bar", () => {
    const fm = svgOf("feature_maps");
    assert.equal(byClass(fm, "map").length, 16);
    assert.deepEqual(byClass(fm, "map-label").slice(0, 3).map(textOf), ["c0", "c1", "c2"]);
    assert.equal(byClass(fm, "colorbar").length, 1);
    const f = svgOf("filters_rgb");
    assert.equal(byClass(f, "grid-maps")[0].attrs["data-cols"], "3", "one column per input channel");
    assert.equal(byClass(f, "colorbar")[0].attrs["data-cmap"], "coolwarm");
    assert.ok(
      tickLabels(byClass(f, "colorbar")[0]).some((l) => /^0(\.0+)?$/.test(l)),
      "a diverging bar shows its centre",
    );
  });

  it("print a small matrix's values, in white on dark cells", () => {
    const svg = svgOf("matrix");
    const values = byClass(svg, "values")[0].children;
    assert.equal(values.length, 6 * 8);
    assert.deepEqual(values.slice(0, 4).map(textOf), ["1", "2", "3", "0"]);
    assert.equal(values[3].attrs.fill, "#ffffff", "0 is dark purple in viridis");
    assert.equal(values[2].attrs.fill, "#111111", "3 is yellow");
  });

  it("write a value too wide for its cell shorter or smaller, never over its neighbour", async () => {
    const rows = [
      [1, 2.22e-16, 4.693e-32, 0, 0.101],
      [0.656, 0.5891234, 1.603e-16, 1234567.5, -2.5e-7],
    ];
    const a = await toHost(rows, "showMatrix");
    const svg = parseSvg(renderSvg(matrixView(a, { title: "narrow cells" })));
    const img = byTag(svg, "image")[0],
      cell = Number(img.attrs.width) / 5;
    const labels = byClass(svg, "values")[0].children;
    assert.deepEqual(labels.slice(0, 5).map(textOf), ["1", "2e−16", "5e−32", "0", "0.101"]);
    for (const t of labels) {
      const w = textWidth(textOf(t), Number(t.attrs["font-size"]));
      assert.ok(w <= cell * 0.92, `"${textOf(t)}" is ${w.toFixed(1)} wide in a ${cell.toFixed(1)} cell`);
    }
  });

  it("outline the stepper's receptive field, tap by tap, and write the sum out", () => {
    const svg = svgOf("convolution");
    assert.equal(byClass(svg, "receptive-field")[0].children.length, 9);
    assert.equal(byClass(svg, "colorbar").length, 3);
    assert.match(
      byTag(byClass(svg, "sum")[0], "text").map(textOf).join(" "),
      /^y\[0, 0\] = 0·1 \+ 0·0 \+ 0·\(−1\) \+ .* = −21$/,
    );
    assert.equal(textOf(byClass(svg, "geometry")[0]), "stride 1×1 · padding 1×1 · dilation 1×1");
  });
});

describe("the gradient stepper figure", () => {
  it("labels x, w, dy, the running dL/dw and dL/dx after steps 1, 2 and all, and writes both sums out", () => {
    const svg = svgOf("convolution_grad");
    assert.deepEqual(byClass(svg, "map-label").map(textOf), [
      "input x (5×5, padding 1)",
      "kernel w (3×3)",
      "dy = dL/dy (3×3)",
    ]);
    assert.deepEqual(byClass(svg, "step-label").map(textOf), [
      "after step 1+ dy[0, 0] = 1",
      "after step 2+ dy[0, 1] = −0.5",
      "after all 9 steps= autograd (cl.vjp)",
    ]);
    assert.deepEqual(byClass(svg, "row-label").map(textOf), ["dL/dw", "dL/dx"]);
    assert.equal(byClass(svg, "map").length, 3 + 2 * 3, "x, w, dy, then dL/dw and dL/dx in three columns");
    assert.equal(byClass(svg, "colorbar").length, 5);
    // the first window: 9 taps, 5 of them on the padding ring; dy[0, 0] outlined; the window outlined on dL/dx after steps 1 and 2
    assert.equal(byClass(svg, "marks").filter((m) => hasClass(m, "input"))[0].children.length, 9);
    assert.equal(byClass(svg, "marks").filter((m) => hasClass(m, "dy"))[0].children.length, 1);
    assert.deepEqual(
      byClass(svg, "marks")
        .filter((m) => hasClass(m, "dx"))
        .map((m) => m.children.length),
      [9, 9, 1],
    );
    const sum = byTag(byClass(svg, "sum")[0], "text").map(textOf).join(" ");
    assert.match(
      sum,
      /^dL\/dw\[0, 0\] = dy\[0, 0\]·x\[-1, -1\] \+ dy\[0, 1\]·x\[-1, 1\] \+ .* \+ dy\[2, 2\]·x\[3, 3\] dL\/dw\[0, 0\] = 1·0 \+ \(−0\.5\)·0 \+ .* = /,
    );
    assert.match(
      sum,
      /dL\/dx\[1, 1\] = dy\[0, 0\]·w\[2, 2\] \+ dy\[0, 1\]·w\[2, 0\] \+ dy\[1, 0\]·w\[0, 2\] \+ dy\[1, 1\]·w\[0, 0\] dL\/dx\[1, 1\] = 1·\(−1\) \+ \(−0\.5\)·1 \+ 0\.5·\(−1\) \+ 1·1 = −1$/,
    );
    assert.equal(
      textOf(byClass(svg, "geometry")[0]),
      "stride 2×2 · padding 1×1 · dilation 1×1 · first window at dy[0, 0]",
    );
  });

  it("draws a signal as strips with one index per value", () => {
    const svg = svgOf("convolution_grad_1d", "dark");
    assert.deepEqual(byClass(svg, "map-label").map(textOf), [
      "input x (7, padding 1)",
      "kernel w (3)",
      "dy = dL/dy (4)",
    ]);
    assert.deepEqual(
      byClass(svg, "map").map((m) => m.attrs["data-cells"]),
      ["1x7", "1x3", "1x4", "1x3", "1x7", "1x3", "1x7", "1x3", "1x7"],
    );
    const sum = byTag(byClass(svg, "sum")[0], "text").map(textOf);
    assert.deepEqual(sum, [
      "dL/dw[0] = dy[0]·x[-1] + dy[1]·x[1] + dy[2]·x[3] + dy[3]·x[5]",
      "dL/dw[0] = 1·0 + 2·2 + (−1)·4 + 0.5·6 = 3",
      "dL/dx[1] = dy[0]·w[2] + dy[1]·w[0]",
      "dL/dx[1] = 1·2 + 2·1 = 4",
    ]);
  });
});

describe("bounds and scales", () => {
  it("label a downsampled map's axes in the indices of the tensor passed, not of the cells shown", () => {
    const svg = parseSvg(renderSvg(fixture("heatmap_downsampled")));
    assert.deepEqual(
      tickLabels(byClass(svg, "axis").find((a) => hasClass(a, "x"))!).slice(0, 3),
      ["0", "150", "300"],
      "stride 3",
    );
  });

  it("write very small values in a common power of ten", async () => {
    const { plotView } = await import("../../src/display/views");
    const svg = parseSvg(renderSvg(plotView([{ name: "grad", y: Array.from({ length: 20 }, (_, i) => 1e-7 * i) }])));
    const y = byClass(svg, "axis").find((a) => hasClass(a, "y"))!;
    assert.deepEqual(tickLabels(y).slice(0, 3), ["0.00", "0.25", "0.50"]);
    assert.equal(textOf(byClass(y, "axis-title")[0]), "grad (×10⁻⁶)");
  });

  it("keep the bundle of 64 noisy 64x64 maps under 4 MB: its PNG falls back to 1x", async () => {
    const { bundleOf } = await import("../../src/display/render");
    const { gridView } = await import("../../src/display/views");
    const { toHost } = await import("../../src/display/host");
    const { lcg } = await import("./figure_samples");
    const rnd = lcg(9);
    const p = gridView(
      await toHost(
        ndarray(
          Float32Array.from({ length: 64 * 64 * 64 }, () => rnd()),
          [64, 64, 64],
        ),
      ),
      "featureMaps",
    );
    const b = bundleOf(p);
    const png = PNG.sync.read(Buffer.from(String(b.data["image/png"]), "base64"));
    const meta = b.metadata["image/png"] as { width: number };
    assert.equal(png.width, meta.width, "1x");
    assert.ok(JSON.stringify(b).length < 4_000_000, `${JSON.stringify(b).length} bytes`);
  });
});

describe("plots", () => {
  it("put a loss and an accuracy on their own stacked axes, sharing the step axis", () => {
    const svg = svgOf("training");
    const yAxes = byClass(svg, "axis").filter((a) => hasClass(a, "y"));
    assert.deepEqual(
      yAxes.map((a) => a.attrs["data-unit"]),
      ["loss", "accuracy"],
    );
    assert.deepEqual(tickLabels(yAxes[1]), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    assert.deepEqual(byClass(svg, "axis-title").map(textOf), ["training loss", "test accuracy", "step"]);
    const xAxes = byClass(svg, "axis").filter((a) => hasClass(a, "x"));
    assert.deepEqual(tickLabels(xAxes[0]), [], "the upper panel has tick marks but no labels");
    assert.deepEqual(tickLabels(xAxes[1]), ["0", "50", "100", "150", "200", "250", "300"]);
  });

  it("draw a spectrum as |X[k]| stems above the phase in radians with ticks at multiples of π/2", () => {
    const svg = svgOf("spectrum");
    const yAxes = byClass(svg, "axis").filter((a) => hasClass(a, "y"));
    assert.deepEqual(
      yAxes.map((a) => a.attrs["data-unit"]),
      ["magnitude", "radians"],
    );
    assert.equal(tickLabels(yAxes[0])[0], "0");
    assert.deepEqual(tickLabels(yAxes[1]), ["−π", "−π/2", "0", "π/2", "π"]);
    assert.deepEqual(
      byClass(svg, "series").map((s) => s.attrs["data-style"]),
      ["stems", "dots", "dots"],
    );
  });

  it("give several series of one unit one axis and a legend above the data", () => {
    const svg = svgOf("plot");
    assert.equal(byClass(svg, "panel").length, 1);
    assert.deepEqual(byClass(svg, "legend-entry").map(textOf), ["noisy", "smoothed"]);
    const legendBottom = Math.max(
      ...byClass(svg, "legend-entry")
        .flatMap((e) => byTag(e, "text"))
        .map((t) => num(t, "y")),
    );
    const frame = byClass(svg, "panel")[0].children[0];
    assert.ok(
      legendBottom < num(frame, "y"),
      `legend (baseline ${legendBottom}) above the panel (top ${num(frame, "y")})`,
    );
    assert.ok(tickLabels(byClass(svg, "axis").find((a) => hasClass(a, "y"))!).includes("−1.0"), "true minus signs");
  });

  it("use a log axis with decade ticks when asked", () => {
    const y = byClass(svgOf("plot_logy"), "axis").find((a) => hasClass(a, "y"))!;
    assert.equal(y.attrs["data-scale"], "log");
    assert.deepEqual(tickLabels(y), ["0.5", "1", "2", "5", "10"]);
  });

  it("anti-alias lines and render real text (many shades, ink where the title is)", () => {
    const fig = renderFigure(samples.training);
    const png = PNG.sync.read(fig.png);
    const shades = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) shades.add(`${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`);
    assert.ok(shades.size > 100, `${shades.size} shades`);
    const title = byClass(parseSvg(fig.svg), "title")[0];
    let ink = 0;
    for (let y = 2 * (num(title, "y") - 11); y < 2 * num(title, "y"); y++)
      for (let x = 2 * num(title, "x"); x < 2 * (num(title, "x") + 100); x++) if (pixel(png, x, y)[0] < 128) ink++;
    assert.ok(ink > 300, `${ink} dark pixels in the title`);
  });
});

/** Approximate box of an unrotated text element from the font's advance widths. */
function textBox(t: Node): [number, number, number, number] {
  const size = num(t, "font-size"),
    w = textWidth(textOf(t), size, t.attrs["font-weight"] === "bold" ? "bold" : "normal");
  const x = num(t, "x") - (t.attrs["text-anchor"] === "middle" ? w / 2 : t.attrs["text-anchor"] === "end" ? w : 0);
  return [x, num(t, "y") - 0.76 * size, x + w, num(t, "y") + 0.24 * size];
}

describe("every figure kind, light and dark", () => {
  it("keeps every label inside the figure and off every other label; writes artifacts/figures/after/", () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, p] of Object.entries(samples)) {
      for (const theme of ["light", "dark"] as const) {
        const fig = renderFigure(p, theme);
        writeFileSync(join(ARTIFACTS, `${name}_${theme}.png`), fig.png);
        writeFileSync(join(ARTIFACTS, `${name}_${theme}.svg`), fig.svg);
        const svg = parseSvg(fig.svg);
        assert.equal(svg.attrs["data-theme"], theme);
        const bg = pixel(PNG.sync.read(fig.png), 1, 1);
        assert.deepEqual(bg, theme === "light" ? [255, 255, 255] : [17, 17, 17], `${name} ${theme} background`);
        const texts = all(svg, (n) => n.tag === "text" && !n.attrs.transform).filter(
          (t) => !all(svg, (g) => hasClass(g, "values")).some((g) => g.children.includes(t)),
        );
        const boxes = texts.map(textBox);
        boxes.forEach((b, k) => {
          const label = `${name} ${theme} "${textOf(texts[k])}"`;
          assert.ok(
            b[0] >= 0 && b[1] >= 0 && b[2] <= fig.width && b[3] <= fig.height,
            `${label} inside ${fig.width}x${fig.height}: ${b.map(Math.round)}`,
          );
          for (let o = 0; o < k; o++) {
            const c = boxes[o];
            const overlap =
              Math.min(b[2], c[2]) - Math.max(b[0], c[0]) > 0.5 && Math.min(b[3], c[3]) - Math.max(b[1], c[1]) > 0.5;
            assert.ok(!overlap, `${label} overlaps "${textOf(texts[o])}"`);
          }
        });
      }
    }
  });
});
