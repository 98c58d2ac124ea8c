/**
 * WebGPU benchmark (issue 4 cases): convlab's webgpu backend against TensorFlow.js's webgpu backend on the
 * same Dawn (npm `webgpu`, lavapipe here), convlab's cpu backend, and fft.js for the FFTs — all measured
 * in this run, end to end (inputs already on the device, result read back to the host).
 *   node --import tsx bench/webgpu_conv.ts [--no-tfjs] [--grad] [--quick]
 * --grad adds dL/dx and dL/dw (convlab's convTranspose / convWeightGrad kernels, tfjs's Conv2DBackpropInput /
 * Conv2DBackpropFilter kernels: what each library's autograd runs).
 * Prints min / median ms, GFLOP/s and speed-ups. Never asserts. On a shared machine use the ratios: every
 * contender of a case runs back to back under the same load.
 */
import * as cl from "../src/index";
import { run1 } from "../src/core/dispatch";
import { convGeometry } from "../src/ops/conv/geometry/conv_geometry";
import { syncWebgpu } from "../src/backends/webgpu/webgpu_backend";
import { printTable, timeIt, torchTimes, type Row } from "./harness";
import { loadTfjsWebgpu, type TfjsLike } from "./webgpu_tfjs";
import { fftJs1d, fftJsReal2d } from "./fftjs";

interface ConvCase {
  name: string;
  x: number[];
  w: number[];
  padding: number;
}

const CONV_CASES: ConvCase[] = [
  { name: "VGG1 1x3x224² → 64 3x3 p1", x: [1, 3, 224, 224], w: [64, 3, 3, 3], padding: 1 },
  { name: "8x64x56² → 64 3x3 p1", x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1 },
  { name: "LeNet C1 64x1x28² → 6 5x5", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 0 },
  { name: "audio 1x1x44100 → 16 k9", x: [1, 1, 44100], w: [16, 1, 9], padding: 0 },
];

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

async function convRows(c: ConvCase, tf: TfjsLike | null, grad: boolean, reps: number): Promise<Row[]> {
  const rows: Row[] = [];
  const dims = c.x.length - 2;
  const geom = convGeometry("bench", c.x, c.w, { dims, padding: c.padding });
  const flops = 2 * c.x[0] * c.w[0] * prod(c.w.slice(1)) * prod(geom.outSize);
  const conv = dims === 2 ? cl.conv2d : cl.conv1d;
  for (const backend of ["webgpu", "cpu"] as const) {
    await cl.setBackend(backend);
    const x = cl.randn(c.x, { seed: 1 }),
      w = cl.randn(c.w, { seed: 2 });
    const opts = { maxReps: reps, budgetMs: 4000, minReps: 2 };
    rows.push({
      case: c.name,
      contender: `convlab ${backend}`,
      flops,
      timing: await timeIt(() => cl.tidy(() => conv(x, w, { padding: c.padding })).data(), opts),
    });
    if (grad) {
      const dy = cl.randn([c.x[0], c.w[0], ...geom.outSize], { seed: 3 });
      rows.push({
        case: `${c.name} dL/dx`,
        contender: `convlab ${backend}`,
        flops,
        timing: await timeIt(() => run1("convTranspose", [dy, w], { geom }).data(), opts),
      });
      rows.push({
        case: `${c.name} dL/dw`,
        contender: `convlab ${backend}`,
        flops,
        timing: await timeIt(() => run1("convWeightGrad", [x, dy], { geom }).data(), opts),
      });
    }
  }
  if (tf) {
    // tfjs is NHWC / HWIO only; conv1d runs as a 1xL image
    const xs = dims === 2 ? [c.x[0], c.x[2], c.x[3], c.x[1]] : [c.x[0], 1, c.x[2], c.x[1]];
    const ws = dims === 2 ? [c.w[2], c.w[3], c.w[1], c.w[0]] : [1, c.w[2], c.w[1], c.w[0]];
    const tx = tf.randomNormal(xs),
      tw = tf.randomNormal(ws);
    const pad = c.padding ? "same" : "valid";
    const tfOpts = { maxReps: reps, budgetMs: 6000, minReps: 2 };
    const timeTf = (f: () => { data(): Promise<unknown>; dispose(): void }) =>
      timeIt(async () => {
        const y = f();
        await y.data();
        y.dispose();
      }, tfOpts);
    rows.push({ case: c.name, contender: "tfjs-webgpu", flops, timing: await timeTf(() => tf.conv2d(tx, tw, 1, pad)) });
    if (grad) {
      const y = tf.conv2d(tx, tw, 1, pad);
      const tdy = tf.randomNormal(y.shape);
      y.dispose();
      rows.push({
        case: `${c.name} dL/dx`,
        contender: "tfjs-webgpu",
        flops,
        timing: await timeTf(() => tf.conv2dDx(tdy, tw, xs, pad)),
      });
      rows.push({
        case: `${c.name} dL/dw`,
        contender: "tfjs-webgpu",
        flops,
        timing: await timeTf(() => tf.conv2dDw(tx, tdy, ws, pad)),
      });
    }
  }
  return rows;
}

async function poolFftRows(reps: number): Promise<Row[]> {
  const rows: Row[] = [];
  const opts = { maxReps: reps, budgetMs: 4000, minReps: 2 };
  const FFTS = [
    ["fft c2c 2^16", [1 << 16]],
    ["fft c2c 2^20", [1 << 20]],
    ["fft c2c 64x1024", [64, 1024]],
  ] as const;
  const flopsOf = (shape: readonly number[]) => 5 * prod(shape) * Math.log2(shape[shape.length - 1]);
  for (const backend of ["webgpu", "cpu"] as const) {
    await cl.setBackend(backend);
    const x = cl.randn([8, 64, 56, 56], { seed: 1 });
    rows.push({
      case: "maxpool 2x2 8x64x56²",
      contender: `convlab ${backend}`,
      timing: await timeIt(() => cl.tidy(() => cl.maxPool2d(x, { kernelSize: 2 })).data(), opts),
    });
    for (const [name, shape] of FFTS) {
      const re = cl.randn([...shape], { seed: 2 }),
        im = cl.randn([...shape], { seed: 3 });
      rows.push({
        case: name,
        contender: `convlab ${backend}`,
        flops: flopsOf(shape),
        timing: await timeIt(async () => {
          const y = cl.tidy(() => cl.fft({ re, im }));
          await Promise.all([y.re.data(), y.im.data()]);
          y.re.dispose();
          y.im.dispose();
        }, opts),
      });
    }
    const img = cl.randn([512, 512], { seed: 4 });
    rows.push({
      case: "rfft2 real 512x512",
      contender: `convlab ${backend}`,
      flops: flopsOf([512, 512]),
      timing: await timeIt(async () => {
        const y = cl.tidy(() => cl.rfft2(img));
        await Promise.all([y.re.data(), y.im.data()]);
        y.re.dispose();
        y.im.dispose();
      }, opts),
    });
  }
  // fft.js (float64 radix-4, the fastest JS FFT): same cases, on the host
  for (const [name, shape] of FFTS) {
    const n = shape[shape.length - 1];
    rows.push({
      case: name,
      contender: "fft.js",
      flops: flopsOf(shape),
      timing: await timeIt(fftJs1d(n, prod(shape) / n), { maxReps: 20, budgetMs: 3000, minReps: 3 }),
    });
  }
  rows.push({
    case: "rfft2 real 512x512",
    contender: "fft.js",
    flops: flopsOf([512, 512]),
    timing: await timeIt(fftJsReal2d(512), { maxReps: 20, budgetMs: 3000, minReps: 3 }),
  });
  const torch = torchTimes([
    { kind: "maxpool2d", x: [8, 64, 56, 56] },
    ...FFTS.map(([, shape]) => ({ kind: "fft", x: shape })),
    { kind: "rfft2", x: [512, 512] },
  ]);
  ["maxpool 2x2 8x64x56²", ...FFTS.map(([name]) => name), "rfft2 real 512x512"].forEach((name, i) => {
    rows.push({
      case: name,
      contender: "PyTorch CPU",
      flops: rows.find((r) => r.case === name)?.flops,
      timing: torch[i],
    });
  });
  return rows;
}

async function main(): Promise<void> {
  const grad = process.argv.includes("--grad"),
    quick = process.argv.includes("--quick");
  const reps = quick ? 3 : 8;
  await cl.setBackend("webgpu");
  const tf = process.argv.includes("--no-tfjs") ? null : await loadTfjsWebgpu();
  const info = cl.backendInfo().adapter;
  console.log(`device: ${String(info?.name)} (${String(info?.driver)}); tfjs-webgpu: ${tf ? "yes" : "skipped"}\n`);
  const rows: Row[] = [];
  const kinds = grad ? ["", "_dx", "_dw"] : [""];
  const torch = torchTimes(
    CONV_CASES.flatMap((c) =>
      kinds.map((s) => ({ kind: `${c.x.length === 4 ? "conv2d" : "conv1d"}${s}`, x: c.x, w: c.w, padding: c.padding })),
    ),
  );
  for (const [i, c] of CONV_CASES.entries()) {
    rows.push(...(await convRows(c, tf, grad, reps)));
    const flops = rows.find((r) => r.case === c.name)?.flops;
    kinds.forEach((s, j) =>
      rows.push({
        case: `${c.name}${["", " dL/dx", " dL/dw"][j]}`,
        contender: "PyTorch CPU",
        flops,
        timing: torch[i * kinds.length + j],
      }),
    );
  }
  printTable(
    "conv forward (float32), end to end incl. readback",
    rows,
    tf ? ["tfjs-webgpu", "convlab cpu", "PyTorch CPU"] : ["convlab cpu", "PyTorch CPU"],
  );
  printTable(
    "maxpool and FFT (float32), end to end incl. readback (fft.js: float64, on the host)",
    await poolFftRows(reps),
    ["fft.js", "convlab cpu", "PyTorch CPU"],
  );
  await syncWebgpu();
  // tfjs keeps its own Dawn instance referenced (navigator.gpu): leave explicitly
  process.exit(0);
}

void main();
