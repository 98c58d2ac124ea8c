/**
 * One payload per figure kind, shaped like what the course notebooks show (the rfft of notebook 03, the
 * LeNet training curve of notebook 10, MNIST-sized feature maps, 5x5 filters, a Toeplitz matrix, the
 * stepper). Used for the before/after pictures in artifacts/figures/, by the render benchmark
 * (bench/figures.ts) and by the figure tests. Deterministic: formulas and a seeded LCG only.
 */
import ndarray from "ndarray";
import { convolutionGradPayload } from "../../src/display/conv_grad_view";
import { convolutionView } from "../../src/display/conv_view";
import { toHost } from "../../src/display/host";
import { PAYLOAD_SCHEMA_VERSION, type ConvlabPayload } from "../../src/display/payload";
import { gridView, heatmapView, matrixView, plotView, spectrumView } from "../../src/display/views";

/** Park-Miller LCG in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** A soft blob-and-stroke image, something like a handwritten digit, (h, w) row-major. */
function strokes(h: number, w: number, phase: number): number[] {
  return Array.from({ length: h * w }, (_, k) => {
    const i = (k / w) | 0,
      j = k % w;
    const a = Math.exp(-((i - h / 2) ** 2 / 40 + (j - w / 2 - 4 * Math.sin(i / 5 + phase)) ** 2 / 6));
    return Math.max(0, a + 0.6 * Math.exp(-((i - 8 - phase) ** 2) / 8) * (Math.abs(j - w / 2) < 7 ? 1 : 0));
  });
}

/** The LeNet-5 training run of notebook 10, as a liveplot sees it: loss every 2 steps, accuracy every 50. */
function trainingCurves(rnd: () => number): ConvlabPayload {
  const steps = Array.from({ length: 150 }, (_, i) => 2 * i);
  const loss = steps.map((s) => 0.27 + 2.05 * Math.exp(-s / 45) + 0.12 * (rnd() - 0.5) * Math.exp(-s / 150));
  const evalSteps = [0, 50, 100, 150, 200, 250, 298];
  const acc = evalSteps.map((s) => 0.97 - 0.87 * Math.exp(-s / 40));
  return {
    version: PAYLOAD_SCHEMA_VERSION,
    kind: "liveplot",
    notes: [],
    done: true,
    title: "LeNet-5 on a subset of MNIST",
    xlabel: "step",
    series: [
      { name: "training loss", x: steps, y: loss },
      { name: "test accuracy", x: evalSteps, y: acc },
    ],
  };
}

export async function figureSamples(): Promise<Record<string, ConvlabPayload>> {
  const rnd = lcg(11);
  const n = 128;
  const sig = Array.from(
    { length: n },
    (_, t) => Math.sin((2 * Math.PI * 5 * t) / n) + 0.5 * Math.sin((2 * Math.PI * 20 * t) / n),
  );
  // rfft by the definition (n/2 + 1 bins): X[k] = Σ x[t] e^{-2πi kt/n}
  const re = Array.from({ length: n / 2 + 1 }, (_, k) =>
    sig.reduce((a, x, t) => a + x * Math.cos((2 * Math.PI * k * t) / n), 0),
  );
  const im = Array.from({ length: n / 2 + 1 }, (_, k) =>
    sig.reduce((a, x, t) => a - x * Math.sin((2 * Math.PI * k * t) / n), 0),
  );
  const img = (i: number, j: number) => Math.cos(i / 2) * Math.sin(j / 3) + (i === j ? 2 : 0);
  const re2 = Array.from({ length: 32 }, (_, u) =>
    Array.from({ length: 32 }, (_, v) => img(u, v) * Math.cos((u * v) / 9)),
  );
  const im2 = Array.from({ length: 32 }, (_, u) =>
    Array.from({ length: 32 }, (_, v) => img(u, v) * Math.sin((u * v) / 9)),
  );
  const digits = ndarray(
    Float32Array.from(Array.from({ length: 16 }, (_, c) => strokes(28, 28, c / 3)).flat()),
    [16, 28, 28],
  );
  const filters = ndarray(
    Float32Array.from({ length: 6 * 25 }, () => rnd() * 2 - 1),
    [6, 1, 5, 5],
  );
  const filters3 = ndarray(
    Float32Array.from({ length: 4 * 3 * 9 }, () => rnd() * 2 - 1),
    [4, 3, 3, 3],
  );
  const toeplitz = Array.from({ length: 6 }, (_, i) =>
    Array.from({ length: 8 }, (_, j) => (j - i >= 0 && j - i < 3 ? [1, 2, 3][j - i] : 0)),
  );
  const x = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (j < 3 ? 10 : 0) + ((i + j) % 2)));
  const withHoles = Array.from({ length: 8 }, (_, i) =>
    Array.from({ length: 8 }, (_, j) =>
      i === 2 && j === 5
        ? NaN
        : i === 6 && j === 1
          ? Infinity
          : i === 0 && j === 7
            ? -Infinity
            : Math.sin(i) * Math.cos(j / 2),
    ),
  );
  return {
    heatmap: heatmapView(await toHost(ndarray(Float32Array.from(strokes(28, 28, 0)), [28, 28])), {
      title: "test digit (label 7)",
      cmap: "gray",
    }),
    heatmap_nonfinite: heatmapView(await toHost(withHoles), {
      title: "a map with NaN, +Inf and −Inf",
      labels: { x: "column j", y: "row i" },
    }),
    feature_maps: gridView(await toHost(digits), "featureMaps", {
      title: "the first 16 training digits",
      cmap: "gray",
    }),
    filters: gridView(await toHost(filters), "filters", { title: "learned C1 filters (6 x 1 x 5 x 5)" }),
    filters_rgb: gridView(await toHost(filters3), "filters", { title: "conv1.weight (4 out, 3 in, 3x3)" }),
    plot: plotView(
      [
        { name: "noisy", y: Array.from({ length: 200 }, (_, i) => Math.sin(i / 16) + 0.3 * (rnd() - 0.5)) },
        { name: "smoothed", y: Array.from({ length: 200 }, (_, i) => 0.95 * Math.sin(i / 16)) },
      ],
      { title: "Gaussian (1,4,6,4,1)/16 smoothing (eq. 1.8)", xlabel: "u" },
    ),
    plot_logy: plotView(
      [
        { name: "direct", x: [3, 5, 9, 17, 33, 65], y: [0.4, 0.7, 1.3, 2.6, 5.1, 10.4] },
        { name: "fft", x: [3, 5, 9, 17, 33, 65], y: [1.1, 1.1, 1.2, 1.2, 1.3, 1.3] },
      ],
      { title: "convolve: direct vs fft", xlabel: "kernel size", ylabel: "ms", logY: true },
    ),
    spectrum: spectrumView(await toHost(re), await toHost(im), { title: "rfft of sin(5) + 0.5 sin(20)" }),
    spectrum_2d: spectrumView(await toHost(re2), await toHost(im2), { title: "2-D spectrum", shift: true }),
    training: trainingCurves(rnd),
    matrix: matrixView(await toHost(toeplitz), { title: "H for h = (1, 2, 3), n = 6 (eq. 1.12)" }),
    matrix_signed: matrixView(
      await toHost(
        Array.from({ length: 9 }, (_, i) =>
          Array.from({ length: 9 }, (_, j) => (i === j ? -4 : Math.abs(i - j) === 1 || Math.abs(i - j) === 3 ? 1 : 0)),
        ),
      ),
      { title: "3x3 Laplacian on 3x3, padding 1", cmap: "coolwarm", center: 0 },
    ),
    convolution: convolutionView(
      await toHost(x),
      await toHost([
        [1, 0, -1],
        [1, 0, -1],
        [1, 0, -1],
      ]),
      { title: "vertical edge detector", padding: 1 },
    ),
    convolution_grad: await convolutionGradPayload(
      x.slice(0, 5).map((r) => r.slice(0, 5)),
      [
        [1, 0, -1],
        [1, 0, -1],
        [1, 0, -1],
      ],
      [
        [1, -0.5, 2],
        [0.5, 1, -1],
        [2, 0, 1],
      ],
      { title: "backward pass: stride 2, padding 1", stride: 2, padding: 1 },
    ),
    convolution_grad_1d: await convolutionGradPayload([1, 2, 3, 4, 5, 6, 7], [1, -1, 2], [1, 2, -1, 0.5], {
      title: "1-D backward pass",
      stride: 2,
      padding: 1,
    }),
    progress: {
      version: PAYLOAD_SCHEMA_VERSION,
      kind: "progress",
      notes: [],
      value: 94,
      total: 250,
      label: "epoch 2/3",
      elapsedSeconds: 12.4,
      etaSeconds: 20.6,
      metrics: { loss: 0.4213, acc: 0.88 },
      done: false,
    },
  };
}
