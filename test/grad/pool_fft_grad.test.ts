/**
 * Gradients of pooling and the FFT family against torch.autograd: max pooling 1/2/3-D (padding,
 * dilation, ceilMode, ties routed like PyTorch), avg pooling (countIncludePad, ceilMode), Lp pooling,
 * adaptive avg/max, k-max pooling, global pooling; fft/ifft/rfft/irfft, 2-D and N-D, every norm,
 * real and complex inputs (complex values as stack([re, im])).
 */
import { it } from "node:test";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { checkGradCases, distinct, gauss, positive, type GradCase } from "./grad_harness";

const MAX = [cl.maxPool1d, cl.maxPool2d, cl.maxPool3d] as const;
const AVG = [cl.avgPool1d, cl.avgPool2d, cl.avgPool3d] as const;

function poolCases(): GradCase[] {
  const out: GradCase[] = [];
  for (const dims of [1, 2, 3] as const) {
    const sp = new Array<number>(dims).fill(dims === 3 ? 5 : 7);
    for (const o of [
      { kernelSize: 2 },
      { kernelSize: 3, stride: 2, padding: 1 },
      { kernelSize: 2, stride: 2, dilation: 2, ceilMode: true },
      { kernelSize: 3, stride: 2, ceilMode: true, padding: 1 },
    ]) {
      out.push({
        label: `maxPool${dims}d ${JSON.stringify(o)}`,
        fn: "maxPool",
        fa: o,
        inputs: { x: distinct([2, 2, ...sp]) },
        wrt: ["x"],
        run: (t) => MAX[dims - 1](t.x, o),
      });
    }
    for (const o of [
      { kernelSize: 2 },
      { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false },
      { kernelSize: 3, stride: 2, padding: 1, countIncludePad: true, ceilMode: true },
      { kernelSize: 2, stride: 3, ceilMode: true, countIncludePad: false },
    ]) {
      out.push({
        label: `avgPool${dims}d ${JSON.stringify(o)}`,
        fn: "avgPool",
        fa: o,
        inputs: { x: gauss([2, 2, ...sp]) },
        wrt: ["x"],
        run: (t) => AVG[dims - 1](t.x, o),
      });
    }
  }
  // ties: PyTorch sends the gradient of a tied window to one position (its index), not split
  const tied = { shape: [1, 1, 4, 4], data: [1, 1, 0, 2, 1, 1, 2, 2, 3, 0, 5, 5, 0, 3, 5, 5] };
  out.push({
    label: "maxPool2d ties",
    fn: "maxPool",
    fa: { kernelSize: 2 },
    inputs: { x: tied },
    wrt: ["x"],
    run: (t) => cl.maxPool2d(t.x, { kernelSize: 2 }),
  });
  out.push({
    label: "maxPool2d ties, overlapping windows",
    fn: "maxPool",
    fa: { kernelSize: 2, stride: 1 },
    inputs: { x: tied },
    wrt: ["x"],
    run: (t) => cl.maxPool2d(t.x, { kernelSize: 2, stride: 1 }),
  });
  for (const o of [
    { p: 2, kernelSize: 2 },
    { p: 3, kernelSize: 3, stride: 2, ceilMode: true },
  ]) {
    out.push({
      label: `lpPool1d ${JSON.stringify(o)}`,
      fn: "lpPool",
      fa: o,
      inputs: { x: positive([2, 2, 9]) },
      wrt: ["x"],
      run: (t) => cl.lpPool1d(t.x, o),
    });
    out.push({
      label: `lpPool2d ${JSON.stringify(o)}`,
      fn: "lpPool",
      fa: o,
      inputs: { x: positive([2, 2, 7, 6]) },
      wrt: ["x"],
      run: (t) => cl.lpPool2d(t.x, o),
    });
  }
  for (const [outSize, shape] of [
    [
      [3, 2],
      [2, 2, 7, 5],
    ],
    [
      [4, 4],
      [1, 3, 6, 9],
    ],
  ] as [number[], number[]][]) {
    out.push({
      label: `adaptiveAvgPool2d ${outSize}`,
      fn: "adaptivePool",
      fa: { kind: "avg", outSize },
      inputs: { x: gauss(shape) },
      wrt: ["x"],
      run: (t) => cl.adaptiveAvgPool2d(t.x, outSize),
    });
    out.push({
      label: `adaptiveMaxPool2d ${outSize}`,
      fn: "adaptivePool",
      fa: { kind: "max", outSize },
      inputs: { x: distinct(shape) },
      wrt: ["x"],
      run: (t) => cl.adaptiveMaxPool2d(t.x, outSize),
    });
  }
  out.push({
    label: "adaptiveAvgPool1d 4",
    fn: "adaptivePool",
    fa: { kind: "avg", outSize: 4 },
    inputs: { x: gauss([2, 3, 10]) },
    wrt: ["x"],
    run: (t) => cl.adaptiveAvgPool1d(t.x, 4),
  });
  for (const k of [1, 3]) {
    out.push({
      label: `kMaxPool1d k=${k}`,
      fn: "kMaxPool",
      fa: { k },
      inputs: { x: distinct([2, 3, 8]) },
      wrt: ["x"],
      run: (t) => cl.kMaxPool1d(t.x, k),
    });
  }
  out.push({
    label: "globalAvgPool",
    fn: "adaptivePool",
    fa: { kind: "avg", outSize: [1, 1] },
    inputs: { x: gauss([2, 3, 4, 5]) },
    wrt: ["x"],
    run: (t) => cl.reshape(cl.globalAvgPool(t.x), [2, 3, 1, 1]),
  });
  out.push({
    label: "globalMaxPool",
    fn: "adaptivePool",
    fa: { kind: "max", outSize: [1, 1] },
    inputs: { x: distinct([2, 3, 4, 5]) },
    wrt: ["x"],
    run: (t) => cl.reshape(cl.globalMaxPool(t.x), [2, 3, 1, 1]),
  });
  return out;
}

const ri = (z: cl.Complex) => cl.stack([z.re, z.im]);

function fftCases(): GradCase[] {
  const out: GradCase[] = [];
  for (const norm of ["backward", "ortho", "forward"] as const) {
    for (const [kind, n] of [
      ["fft", undefined],
      ["fft", 6],
      ["ifft", undefined],
      ["ifft", 9],
    ] as const) {
      const f = kind === "fft" ? cl.fft : cl.ifft;
      out.push({
        label: `${kind} real n=${n} ${norm}`,
        fn: "fft",
        fa: { kind, n: n ?? null, dim: 1, norm },
        inputs: { x: gauss([2, 7, 3]) },
        wrt: ["x"],
        run: (t) => ri(f(t.x, { n, dim: 1, norm })),
      });
      out.push({
        label: `${kind} complex n=${n} ${norm}`,
        fn: "fft",
        fa: { kind, n: n ?? null, dim: -1, norm },
        inputs: { x_re: gauss([3, 8]), x_im: gauss([3, 8]) },
        wrt: ["x_re", "x_im"],
        run: (t) => ri(f(cl.complex(t.x_re, t.x_im), { n, norm })),
      });
    }
    for (const n of [undefined, 7]) {
      out.push({
        label: `rfft n=${n} ${norm}`,
        fn: "fft",
        fa: { kind: "rfft", n: n ?? null, dim: -1, norm },
        inputs: { x: gauss([2, 10]) },
        wrt: ["x"],
        run: (t) => ri(cl.rfft(t.x, { n, norm })),
      });
      out.push({
        label: `irfft n=${n} ${norm}`,
        fn: "fft",
        fa: { kind: "irfft", n: n ?? null, dim: -1, norm },
        inputs: { x_re: gauss([2, 6]), x_im: gauss([2, 6]) },
        wrt: ["x_re", "x_im"],
        run: (t) => cl.irfft(cl.complex(t.x_re, t.x_im), { n, norm }),
      });
    }
    out.push({
      label: `fft2 ${norm}`,
      fn: "fft",
      fa: { kind: "fft2", norm },
      inputs: { x: gauss([2, 5, 6]) },
      wrt: ["x"],
      run: (t) => ri(cl.fft2(t.x, { norm })),
    });
    out.push({
      label: `ifft2 complex s=[4,8] ${norm}`,
      fn: "fft",
      fa: { kind: "ifft2", s: [4, 8], norm },
      inputs: { x_re: gauss([5, 6]), x_im: gauss([5, 6]) },
      wrt: ["x_re", "x_im"],
      run: (t) => ri(cl.ifft2(cl.complex(t.x_re, t.x_im), { s: [4, 8], norm })),
    });
    out.push({
      label: `rfft2 ${norm}`,
      fn: "fft",
      fa: { kind: "rfft2", norm },
      inputs: { x: gauss([3, 6, 5]) },
      wrt: ["x"],
      run: (t) => ri(cl.rfft2(t.x, { norm })),
    });
    out.push({
      label: `irfft2 s=[4,6] ${norm}`,
      fn: "fft",
      fa: { kind: "irfft2", s: [4, 6], norm },
      inputs: { x_re: gauss([4, 4]), x_im: gauss([4, 4]) },
      wrt: ["x_re", "x_im"],
      run: (t) => cl.irfft2(cl.complex(t.x_re, t.x_im), { s: [4, 6], norm }),
    });
    out.push({
      label: `fftn dims [0,2] ${norm}`,
      fn: "fft",
      fa: { kind: "fftn", dims: [0, 2], norm },
      inputs: { x: gauss([3, 2, 5]) },
      wrt: ["x"],
      run: (t) => ri(cl.fftn(t.x, { dims: [0, 2], norm })),
    });
    out.push({
      label: `ifftn complex ${norm}`,
      fn: "fft",
      fa: { kind: "ifftn", norm },
      inputs: { x_re: gauss([3, 4, 2]), x_im: gauss([3, 4, 2]) },
      wrt: ["x_re", "x_im"],
      run: (t) => ri(cl.ifftn(cl.complex(t.x_re, t.x_im), { norm })),
    });
  }
  return out;
}

describeBackends("gradients of pooling vs torch.autograd", (ctx) => {
  it("max (padding, dilation, ceilMode, ties), avg (countIncludePad, ceilMode), Lp, adaptive, k-max, global", async () =>
    checkGradCases(poolCases(), ctx));
});
describeBackends("gradients of the FFT family vs torch.autograd", (ctx) => {
  it("fft/ifft/rfft/irfft, 2-D and N-D, real and complex inputs, every norm", async () =>
    checkGradCases(fftCases(), ctx));
});
