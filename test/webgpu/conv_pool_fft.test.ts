/**
 * conv, convTranspose, convWeightGrad, unfold, fold, pool, avgPoolGrad and fft on webgpu against the cpu
 * kernels (float64) on seeded random geometries (1-D/2-D/3-D, groups, stride, dilation, asymmetric
 * padding), and the fast packed-GEMM conv kernels (also packed in small chunks) against the naive WGSL reference kernels.
 */
import { it } from "node:test";
import * as cl from "../../src/index";
import { convGeometry } from "../../src/ops/conv/geometry/conv_geometry";
import type { ConvGeometry } from "../../src/core/geometry";
import { poolGeometry } from "../../src/ops/pool/geometry/pool_geometry";
import {
  convNaiveWebgpu,
  convTransposeNaiveWebgpu,
  convWeightGradNaiveWebgpu,
  setConvPackBudget,
  setConvWindow,
} from "../../src/ops/conv/webgpu/conv.webgpu";
import { checkKernel, randInput, webgpuSuite } from "./gpu_harness";

function randomGeometry(rng: cl.Rng): ConvGeometry {
  const dims = 1 + rng.int(3);
  const r = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const groups = r(1, 3),
    k = Array.from({ length: dims }, () => r(1, dims === 3 ? 3 : 4));
  const dilation = k.map(() => r(1, 2)),
    stride = k.map(() => r(1, 3));
  const padding = k.map(() => [r(0, 2), r(0, 2)] as [number, number]);
  const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, dims === 3 ? 3 : 9));
  const C = groups * r(1, 3),
    O = groups * r(1, 3);
  return convGeometry("test", [r(1, 2), C, ...size], [O, C / groups, ...k], {
    dims,
    stride,
    dilation,
    padding,
    groups,
  });
}

const xShape = (g: ConvGeometry) => [g.batch, g.inChannels, ...g.inSize];
const wShape = (g: ConvGeometry) => [g.outChannels, g.inChannels / g.groups, ...g.kernelSize];
const yShape = (g: ConvGeometry) => [g.batch, g.outChannels, ...g.outSize];
const tol = { rtol: 1e-4, atol: 1e-4 };

webgpuSuite("conv, pool and fft kernels vs cpu float64", () => {
  it("conv family on 24 random geometries: fast and naive WGSL kernels", async () => {
    const rng = new cl.Rng(7);
    for (let c = 0; c < 24; c++) {
      const g = randomGeometry(rng);
      const x = randInput(xShape(g), 3 * c),
        w = randInput(wShape(g), 3 * c + 1),
        dy = randInput(yShape(g), 3 * c + 2);
      const label = (k: string) => `${k} #${c} ${JSON.stringify(g)}`;
      await checkKernel("conv", [x, w], { geom: g }, tol, label("conv"));
      await checkKernel("conv", [x, w], { geom: g }, tol, label("conv naive"), convNaiveWebgpu);
      await checkKernel("convTranspose", [dy, w], { geom: g }, tol, label("convTranspose"));
      await checkKernel(
        "convTranspose",
        [dy, w],
        { geom: g },
        tol,
        label("convTranspose naive"),
        convTransposeNaiveWebgpu,
      );
      await checkKernel("convWeightGrad", [x, dy], { geom: g }, tol, label("convWeightGrad"));
      await checkKernel(
        "convWeightGrad",
        [x, dy],
        { geom: g },
        tol,
        label("convWeightGrad naive"),
        convWeightGradNaiveWebgpu,
      );
      const cols = randInput(
        [g.batch, g.inChannels * g.kernelSize.reduce((a, b) => a * b, 1), g.outSize.reduce((a, b) => a * b, 1)],
        c,
      );
      await checkKernel("unfold", [x], { geom: g }, tol, label("unfold"));
      await checkKernel("fold", [cols], { geom: g }, tol, label("fold"));
    }
  });

  it("conv with more output channels and positions than one 64x64 tile", async () => {
    const g = convGeometry("test", [2, 5, 19, 23], [70, 5, 3, 3], {
      dims: 2,
      padding: [
        [1, 1],
        [1, 1],
      ],
    });
    await checkKernel("conv", [randInput(xShape(g), 1), randInput(wShape(g), 2)], { geom: g }, tol);
    await checkKernel("convWeightGrad", [randInput(xShape(g), 3), randInput(yShape(g), 4)], { geom: g }, tol);
    await checkKernel("convTranspose", [randInput(yShape(g), 5), randInput(wShape(g), 6)], { geom: g }, tol);
  });

  it("conv family on the window paths: 1-D one-channel (dL/dw rows or taps on lanes), unaligned rows, dilation, and the packed path for stride 1", async () => {
    const cases = [
      convGeometry("test", [2, 1, 301], [16, 1, 9], { dims: 1 }),
      convGeometry("test", [2, 2, 97], [4, 1, 5], { dims: 1, padding: 3, dilation: 2, groups: 2 }),
      convGeometry("test", [3, 1, 13, 15], [6, 1, 5, 5], {
        dims: 2,
        padding: [
          [2, 1],
          [0, 3],
        ],
      }),
      convGeometry("test", [1, 4, 6, 7, 9], [5, 4, 2, 3, 3], { dims: 3, padding: 1 }),
      // valid convs with rows a multiple of 4: dL/dw reads x in place, outputs stored as vec4s
      convGeometry("test", [2, 1, 300], [16, 1, 9], { dims: 1 }),
      convGeometry("test", [2, 2, 12, 16], [4, 2, 3, 5], { dims: 2 }),
    ];
    let seed = 40;
    for (const g of cases) {
      for (const shifted of [true, false]) {
        const old = setConvWindow(shifted);
        try {
          await checkKernel(
            "conv",
            [randInput(xShape(g), seed++), randInput(wShape(g), seed++)],
            { geom: g },
            tol,
            `conv ${shifted} ${JSON.stringify(g)}`,
          );
          await checkKernel(
            "convTranspose",
            [randInput(yShape(g), seed++), randInput(wShape(g), seed++)],
            { geom: g },
            tol,
            `convTranspose ${shifted} ${JSON.stringify(g)}`,
          );
          await checkKernel(
            "convWeightGrad",
            [randInput(xShape(g), seed++), randInput(yShape(g), seed++)],
            { geom: g },
            tol,
            `convWeightGrad ${shifted} ${JSON.stringify(g)}`,
          );
        } finally {
          setConvWindow(old);
        }
      }
    }
  });

  it("conv family packed in chunks: images, depth slabs (accumulated), column bands", async () => {
    const g = convGeometry("test", [3, 6, 19, 23], [10, 3, 3, 3], { dims: 2, padding: 1, stride: [1, 2], groups: 2 });
    const x = randInput(xShape(g), 1),
      w = randInput(wShape(g), 2),
      dy = randInput(yShape(g), 3);
    for (const budget of [256, 1500, 6000]) {
      const old = setConvPackBudget(budget);
      try {
        await checkKernel("conv", [x, w], { geom: g }, tol, `conv budget ${budget}`);
        await checkKernel("convTranspose", [dy, w], { geom: g }, tol, `convTranspose budget ${budget}`);
        await checkKernel("convWeightGrad", [x, dy], { geom: g }, tol, `convWeightGrad budget ${budget}`);
      } finally {
        setConvPackBudget(old);
      }
    }
  });

  it("pool: max (values and indices) and avg, ceil mode, padding, dilation, 1-D/2-D/3-D, unbatched", async () => {
    let seed = 1;
    const cases: [number[], Parameters<typeof poolGeometry>[2]][] = [
      [[2, 3, 11], { dims: 1, kernelSize: 3, stride: 2, padding: 1 }],
      [[2, 3, 9, 7], { dims: 2, kernelSize: [2, 3], stride: [2, 1], padding: [1, 1], ceilMode: true }],
      [[1, 2, 10, 9], { dims: 2, kernelSize: 3, stride: 2, dilation: 2, padding: 1 }],
      [[3, 8, 8], { dims: 2, kernelSize: 2 }],
      [[1, 2, 5, 6, 7], { dims: 3, kernelSize: [2, 3, 2], stride: 2, padding: [1, 1, 0], ceilMode: true }],
    ];
    for (const [shape, opts] of cases) {
      const geom = poolGeometry("test", shape, opts);
      const x = randInput(shape, seed++);
      await checkKernel("pool", [x], { geom, kind: "max", countIncludePad: false }, {}, `maxPool ${shape}`);
      if (!opts.dilation) {
        for (const countIncludePad of [false, true]) {
          await checkKernel(
            "pool",
            [x],
            { geom, kind: "avg", countIncludePad },
            {},
            `avgPool ${shape} ${countIncludePad}`,
          );
          const dy = randInput(
            geom.unbatched ? [geom.channels, ...geom.outSize] : [geom.batch, geom.channels, ...geom.outSize],
            seed++,
          );
          await checkKernel(
            "avgPoolGrad",
            [dy],
            { geom, countIncludePad },
            {},
            `avgPoolGrad ${shape} ${countIncludePad}`,
          );
        }
      }
    }
  });

  it("fft: powers of two (radix 16 and 64 passes, 2-8 for the rest), other lengths (Bluestein from 64, direct DFT below), every axis, inverse", async () => {
    let seed = 1;
    for (const n of [1, 2, 3, 4, 8, 12, 32, 63, 64, 100, 129, 257, 512, 1000, 1024, 1155, 4096]) {
      for (const inverse of [false, true]) {
        const scale = Math.max(1, Math.sqrt(n));
        const t = { rtol: 1e-4, atol: 2e-5 * scale * Math.log2(n + 1) };
        await checkKernel(
          "fft",
          [randInput([2, n], seed++), randInput([2, n], seed++)],
          { axis: 1, inverse },
          t,
          `fft n=${n} inverse=${inverse}`,
        );
      }
    }
    await checkKernel(
      "fft",
      [randInput([16, 3, 5], 1), randInput([16, 3, 5], 2)],
      { axis: 0, inverse: false },
      { atol: 1e-4 },
      "fft axis 0",
    );
    await checkKernel(
      "fft",
      [randInput([3, 8, 5], 3), randInput([3, 8, 5], 4)],
      { axis: 1, inverse: true },
      { atol: 1e-4 },
      "fft middle axis",
    );
    await checkKernel(
      "fft",
      [randInput([2, 100, 3], 5), randInput([2, 100, 3], 6)],
      { axis: 1, inverse: false },
      { atol: 2e-4 },
      "Bluestein middle axis",
    );
    // radix-64 passes (n ≥ 2^16), on the last axis and strided, and a Bluestein length whose padded size uses them
    for (const [shape, axis, n] of [
      [[1, 65536], 1, 65536],
      [[1, 131072], 1, 131072],
      [[65536, 2], 0, 65536],
      [[1, 40000], 1, 40000],
    ] as const) {
      const t = { rtol: 1e-4, atol: 2e-5 * Math.sqrt(n) * Math.log2(n) };
      await checkKernel(
        "fft",
        [randInput([...shape], seed++), randInput([...shape], seed++)],
        { axis, inverse: false },
        t,
        `fft ${shape} axis ${axis}`,
      );
    }
  });

  it("fft of a real input (im not read) keeping the first bins (rfft): 1-3 Stockham passes, strided, Bluestein, direct DFT", async () => {
    let seed = 300;
    // 8192 = 3 passes: the two-scratch-pair ping-pong of a trimmed output
    for (const [shape, axis] of [
      [[3, 16], 1],
      [[2, 512], 1],
      [[2, 8192], 1],
      [[64, 6], 0],
      [[16, 5, 3], 0],
      [[2, 100], 1],
      [[3, 10], 1],
      [[2, 1], 1],
      [[4, 7, 5], 1],
    ] as const) {
      const n = shape[axis];
      const t = { rtol: 1e-4, atol: 2e-5 * Math.max(1, Math.sqrt(n)) * Math.log2(n + 1) };
      const x = randInput([...shape], seed++);
      for (const keep of [Math.floor(n / 2) + 1, n]) {
        for (const inverse of [false, true]) {
          await checkKernel(
            "fft",
            [x, x],
            { axis, inverse, real: true, keep },
            t,
            `real fft [${shape}] axis ${axis} keep ${keep} inverse=${inverse}`,
          );
        }
      }
      const im = randInput([...shape], seed++);
      await checkKernel(
        "fft",
        [x, im],
        { axis, inverse: false, keep: Math.floor(n / 2) + 1 },
        t,
        `complex fft [${shape}] axis ${axis} keeping half`,
      );
    }
  });
});
