/**
 * Writes test/fixtures/payloads/*.json: full display bundles produced by the kernel-side builders
 * (src/display), for the extension's renderer tests and for docs/payload-schema.md.
 * Run: node --import tsx test/display/make_payload_fixtures.ts
 * Deterministic: values come from formulas and a seeded LCG, never Math.random.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ndarray from "ndarray";
import { convolutionGradPayload } from "../../src/display/conv_grad_view";
import { convolutionView } from "../../src/display/conv_view";
import { toHost } from "../../src/display/host";
import { bundleOf } from "../../src/display/render";
import { gridView, heatmapView, matrixView, plotView, spectrumView } from "../../src/display/views";
import { PAYLOAD_SCHEMA_VERSION, type ConvlabPayload } from "../../src/display/payload";

const OUT = join(__dirname, "..", "fixtures", "payloads");

/** Park-Miller LCG in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export async function fixturePayloads(): Promise<Record<string, ConvlabPayload>> {
  const rnd = lcg(7);
  const signed = (n: number) => Array.from({ length: n }, () => rnd() * 2 - 1);
  const maps = ndarray(
    Float32Array.from({ length: 4 * 6 * 6 }, (_, i) => Math.sin(i / 5)),
    [4, 6, 6],
  );
  const filters = ndarray(Float32Array.from(signed(2 * 3 * 3 * 3)), [2, 3, 3, 3]);
  const toeplitz = Array.from({ length: 5 }, (_, i) =>
    Array.from({ length: 7 }, (_, j) => (j - i >= 0 && j - i < 3 ? [1, -2, 1][j - i] : 0)),
  );
  const n = 16;
  const re = Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * 3 * k) / n));
  const im = Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * 3 * k) / n));
  const x = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i + j) % 3));
  const w = [
    [1, 0, -1],
    [1, 0, -1],
    [1, 0, -1],
  ];
  return {
    heatmap_2x2: heatmapView(
      await toHost([
        [0, 1],
        [2, 3],
      ]),
      { title: "2x2" },
    ),
    heatmap_nonfinite: heatmapView(
      await toHost([
        [NaN, 1, Infinity],
        [-Infinity, 0, 2],
      ]),
      { title: "NaN and Inf" },
    ),
    heatmap_downsampled: heatmapView(
      await toHost(
        ndarray(
          Float32Array.from({ length: 600 * 520 }, (_, i) => (i % 600) / 600),
          [520, 600],
        ),
      ),
    ),
    feature_maps: gridView(await toHost(maps), "featureMaps", { title: "conv1 activations" }),
    filters: gridView(await toHost(filters), "filters", { title: "conv1 weights" }),
    plot: plotView(
      [
        { name: "sin", y: Array.from({ length: 50 }, (_, i) => Math.sin(i / 5)) },
        { name: "cos", y: Array.from({ length: 50 }, (_, i) => Math.cos(i / 5)) },
      ],
      { title: "signals", xlabel: "t" },
    ),
    spectrum: spectrumView(await toHost(re), await toHost(im), { title: "e^{2pi i 3k/16}" }),
    matrix: matrixView(await toHost(toeplitz), { title: "Toeplitz of [1,-2,1]" }),
    convolution: convolutionView(await toHost(x), await toHost(w), { title: "vertical edges", padding: 1, stride: 1 }),
    convolution_grad: await convolutionGradPayload(
      x.slice(0, 5).map((r) => r.slice(0, 5)),
      w,
      [
        [1, -0.5, 2],
        [0.5, 1, -1],
        [2, 0, 1],
      ],
      { title: "backward pass, stride 2, padding 1", stride: 2, padding: 1 },
    ),
    convolution_grad_1d: await convolutionGradPayload([1, 2, 3, 4, 5, 6, 7], [1, -1, 2], [1, 2, -1, 0.5], {
      title: "1-D backward pass",
      stride: 2,
      padding: 1,
    }),
    liveplot: {
      version: PAYLOAD_SCHEMA_VERSION,
      kind: "liveplot",
      notes: [],
      done: false,
      title: "training",
      xlabel: "epoch",
      series: [
        { name: "loss", x: [0, 1, 2, 3], y: [2.3, 1.1, 0.7, 0.5] },
        { name: "val", x: [0, 1, 2, 3], y: [2.4, 1.3, null, 0.8] },
      ],
    },
    progress: {
      version: PAYLOAD_SCHEMA_VERSION,
      kind: "progress",
      notes: [],
      value: 3,
      total: 10,
      label: "epochs",
      elapsedSeconds: 1.5,
      etaSeconds: 3.5,
      metrics: { loss: 0.42 },
      done: false,
    },
  };
}

async function main(): Promise<void> {
  for (const [name, p] of Object.entries(await fixturePayloads())) {
    writeFileSync(join(OUT, `${name}.json`), JSON.stringify(bundleOf(p), null, 1) + "\n");
  }
  console.log(`wrote ${OUT}`);
}

if (require.main === module) void main();
