/**
 * Gradients of the convolution family against torch.autograd: conv1d/2d/3d with stride, dilation, groups,
 * every padding form and mode, flip and bias (input, weight and bias gradients); convTranspose1d/2d/3d;
 * unfold (2-D, torch's F.unfold); fftConv (conv semantics through the FFT). gradcheck (float64) covers the compositions torch has no op for:
 * convolve/correlate, fftConvolve, convMatrix, separable / locally connected / tiled convolution.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { checkGradCases, gauss, type GradCase } from "./grad_harness";

type Pad = cl.ConvOptions["padding"];
const CONV = [cl.conv1d, cl.conv2d, cl.conv3d] as const;
const CONVT = [cl.convTranspose1d, cl.convTranspose2d, cl.convTranspose3d] as const;

function convCases(): GradCase[] {
  const out: GradCase[] = [];
  const add = (
    dims: 1 | 2 | 3,
    label: string,
    c: number,
    o: number,
    k: number,
    size: number,
    opts: {
      stride?: number;
      dilation?: number;
      groups?: number;
      padding?: Pad;
      paddingMode?: cl.PaddingMode;
      flip?: boolean;
      bias?: boolean;
    },
  ) => {
    const g = opts.groups ?? 1;
    const sp = new Array<number>(dims).fill(size),
      ks = new Array<number>(dims).fill(k);
    const inputs: GradCase["inputs"] = { x: gauss([2, c, ...sp]), w: gauss([o, c / g, ...ks], 0.5) };
    if (opts.bias) inputs.b = gauss([o]);
    const { bias, ...rest } = opts;
    out.push({
      label: `conv${dims}d ${label}`,
      fn: "conv",
      fa: rest,
      inputs,
      wrt: bias ? ["x", "w", "b"] : ["x", "w"],
      run: (t) => CONV[dims - 1](t.x, t.w, { ...rest, bias: bias ? t.b : undefined }),
    });
  };
  for (const dims of [1, 2, 3] as const) {
    const size = dims === 3 ? 5 : 7;
    add(dims, "plain + bias", 3, 4, 3, size, { bias: true });
    add(dims, "stride 2 dilation 2 padding 2", 2, 3, 2, size, { stride: 2, dilation: 2, padding: 2, bias: true });
    add(dims, "groups 2 stride 2 same-size padding 1", 4, 6, 3, size, { groups: 2, stride: 2, padding: 1 });
    add(dims, "depthwise (groups = channels)", 3, 3, 3, size, { groups: 3, padding: "same" });
    add(dims, "padding full + flip", 2, 2, 3, size, { padding: "full", flip: true, bias: true });
    for (const mode of ["reflect", "replicate", "circular"] as const) {
      add(dims, `paddingMode ${mode} same, dilation 2, groups 2, flip`, 2, 4, 2, size, {
        padding: "same",
        paddingMode: mode,
        dilation: 2,
        groups: 2,
        flip: true,
        bias: true,
      });
    }
  }
  add(2, "asymmetric [lo, hi] pairs, stride 3", 2, 2, 3, 8, {
    padding: [
      [0, 2],
      [1, 0],
    ] as Pad,
    stride: 3,
  });
  // fftConv has conv semantics: the same oracle, computed through the FFT
  for (const [dims, o] of [
    [1, { padding: "same", paddingMode: "circular", bias: true }],
    [2, { stride: 2, padding: 1, groups: 2 }],
    [2, { dilation: 2, padding: "full", flip: true }],
  ] as const) {
    const g = "groups" in o ? o.groups : 1;
    const sp = new Array<number>(dims).fill(7),
      ks = new Array<number>(dims).fill(3);
    const inputs: GradCase["inputs"] = { x: gauss([2, 2, ...sp]), w: gauss([4, 2 / g, ...ks], 0.5) };
    const hasBias = "bias" in o;
    if (hasBias) inputs.b = gauss([4]);
    const { bias: _b, ...rest } = o as typeof o & { bias?: boolean };
    out.push({
      label: `fftConv ${dims}-D ${JSON.stringify(o)}`,
      fn: "conv",
      fa: rest,
      inputs,
      wrt: hasBias ? ["x", "w", "b"] : ["x", "w"],
      run: (t) => cl.fftConv(t.x, t.w, { ...(rest as cl.ConvOptions), bias: hasBias ? t.b : undefined }),
    });
  }
  add(1, "valid, stride 3 dilation 3 (dilated: tf.js refuses this gradient)", 1, 2, 3, 13, {
    stride: 3,
    dilation: 3,
    padding: "valid",
  });
  return out;
}

function transposeCases(): GradCase[] {
  const out: GradCase[] = [];
  for (const dims of [1, 2, 3] as const) {
    const size = dims === 3 ? 3 : 5;
    const sp = new Array<number>(dims).fill(size);
    for (const o of [
      { stride: 1 },
      { stride: 2, padding: 1, outputPadding: 1, bias: true },
      { stride: 2, dilation: 2, groups: 2 },
      { stride: 3, padding: 2, outputPadding: 2, dilation: 1, groups: 2, bias: true },
    ]) {
      const g = o.groups ?? 1;
      const inputs: GradCase["inputs"] = {
        x: gauss([2, 4, ...sp]),
        w: gauss([4, 6 / g, ...new Array<number>(dims).fill(3)], 0.5),
      };
      if (o.bias) inputs.b = gauss([6]);
      const { bias, ...rest } = o;
      out.push({
        label: `convTranspose${dims}d ${JSON.stringify(o)}`,
        fn: "convTranspose",
        fa: rest,
        inputs,
        wrt: bias ? ["x", "w", "b"] : ["x", "w"],
        run: (t) => CONVT[dims - 1](t.x, t.w, { ...rest, bias: bias ? t.b : undefined }),
      });
    }
  }
  for (const o of [{}, { stride: 2, padding: 1 }, { dilation: 2, padding: [2, 1] }]) {
    out.push({
      label: `unfold 2-D ${JSON.stringify(o)}`,
      fn: "unfold",
      fa: { kernelSize: [3, 2], ...o },
      inputs: { x: gauss([2, 3, 6, 7]) },
      wrt: ["x"],
      run: (t) => cl.unfold(t.x, [3, 2], o),
    });
  }
  return out;
}

const f64 = (shape: number[], seed: number) => cl.randn(shape, { seed, dtype: "float64" });

describeBackends("gradients of conv1d/2d/3d vs torch.autograd", (ctx) => {
  it("stride, dilation, groups, every padding form and mode, flip, bias", async () => checkGradCases(convCases(), ctx));
});
describeBackends("gradients of convTranspose and unfold vs torch.autograd", (ctx) => {
  it("convTranspose1d/2d/3d (stride, padding, outputPadding, dilation, groups, bias); unfold", async () =>
    checkGradCases(transposeCases(), ctx));
});
describeBackends("gradcheck of the composed convolution ops (float64)", () => {
  const ok = async (label: string, f: cl.TensorFn, xs: cl.Tensor[]) => {
    const r = await cl.gradcheck(f, xs);
    assert.ok(r.ok, `${label}: ${JSON.stringify(r.perInput)}`);
  };
  it("convolve / correlate (every mode, direct and fft), fftConvolve", async () => {
    for (const mode of ["full", "same", "valid"] as const) {
      for (const method of ["direct", "fft"] as const) {
        await ok(`convolve ${mode} ${method}`, (a, b) => cl.convolve(a, b, { mode, method }), [
          f64([7], 1),
          f64([3], 2),
        ]);
      }
      await ok(`correlate ${mode}`, (a, b) => cl.correlate(a, b, { mode }), [f64([5, 4], 3), f64([2, 3], 4)]);
      await ok(`fftConvolve ${mode}`, (a, b) => cl.fftConvolve(a, b, { mode }), [f64([6, 5], 5), f64([3, 2], 6)]);
    }
  });
  it("convMatrix, convMatrix2d, separableConv2d, locallyConnected1d/2d, tiledConv2d", async () => {
    await ok("convMatrix", (h) => cl.convMatrix(h, 5), [f64([3], 7)]);
    await ok("convMatrix2d", (w) => cl.convMatrix2d(w, [4, 4], { padding: 1 }), [f64([1, 1, 3, 3], 8)]);
    await ok("separableConv2d", (x, d, p) => cl.separableConv2d(x, d, p, { padding: 1 }), [
      f64([1, 2, 5, 5], 9),
      f64([2, 1, 3, 3], 10),
      f64([3, 2, 1, 1], 11),
    ]);
    await ok("locallyConnected1d", (x, w) => cl.locallyConnected1d(x, w), [f64([2, 2, 6], 12), f64([5, 3, 2, 2], 13)]);
    await ok("locallyConnected2d", (x, w) => cl.locallyConnected2d(x, w, { padding: 1 }), [
      f64([1, 2, 3, 3], 16),
      f64([4, 4, 2, 2, 2, 2], 17),
    ]);
    await ok("tiledConv2d", (x, w) => cl.tiledConv2d(x, w, { tiles: 2 }), [
      f64([1, 2, 6, 6], 14),
      f64([4, 3, 2, 3, 3], 15),
    ]);
  });
});
