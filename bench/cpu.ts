/**
 * Issue 2 benchmark: the cpu backend's conv2d / conv1d / maxpool / FFT against TensorFlow.js's pure-JS cpu
 * backend, fft.js, and PyTorch CPU (Debian, 2 threads) as the native reference — all measured in this run.
 *   npm run bench:cpu            (about 2-3 minutes on 2 cores)
 * Prints markdown tables with min/median ms, GFLOP/s and speed-ups.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { fftJs1d, fftJsReal2d } from "./fftjs";
import * as cl from "../src/index";
import { printTable, timeIt, torchTimes, type Row } from "./harness";

interface ConvCase { name: string; x: number[]; w: number[]; padding: number }

const CONV: ConvCase[] = [
  { name: "VGG1 1x3x224² → 64 3x3 p1", x: [1, 3, 224, 224], w: [64, 3, 3, 3], padding: 1 },
  { name: "8x64x56² → 64 3x3 p1", x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1 },
  { name: "LeNet C1 64x1x28² → 6 5x5", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 0 },
  { name: "audio 1x1x44100 → 16 k9", x: [1, 1, 44100], w: [16, 1, 9], padding: 0 },
];

function convFlops(c: ConvCase): number {
  const sp = c.x.slice(2).map((n, i) => n + 2 * c.padding - c.w[2 + i] + 1);
  return 2 * c.x[0] * c.w[0] * c.w[1] * c.w.slice(2).reduce((a, b) => a * b, 1) * sp.reduce((a, b) => a * b, 1);
}

async function convRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const torch = torchTimes(CONV.map((c) => ({ kind: c.x.length === 4 ? "conv2d" : "conv1d", x: c.x, w: c.w, padding: c.padding })));
  for (const [i, c] of CONV.entries()) {
    const flops = convFlops(c);
    const x = cl.randn(c.x, { seed: 1 }), w = cl.randn(c.w, { seed: 2 });
    const f = c.x.length === 4 ? cl.conv2d : cl.conv1d;
    rows.push({ case: c.name, contender: "convlab cpu", flops, timing: await timeIt(() => f(x, w, { padding: c.padding }).dataSync()) });
    // tfjs is NHWC / HWIO; conv1d is expressed as a 1xL image
    const is2d = c.x.length === 4;
    const tx = is2d ? tf.randomNormal([c.x[0], c.x[2], c.x[3], c.x[1]]) : tf.randomNormal([c.x[0], 1, c.x[2], c.x[1]]);
    const tw = is2d ? tf.randomNormal([c.w[2], c.w[3], c.w[1], c.w[0]]) : tf.randomNormal([1, c.w[2], c.w[1], c.w[0]]);
    const pad = c.padding ? "same" : "valid";
    rows.push({ case: c.name, contender: "tfjs-cpu", flops, timing: await timeIt(() => tf.tidy(() => tf.conv2d(tx as tf.Tensor4D, tw as tf.Tensor4D, 1, pad).dataSync()), { maxReps: 5, budgetMs: 8000 }) });
    rows.push({ case: c.name, contender: "PyTorch CPU", flops, timing: torch[i] });
  }
  return rows;
}

async function poolRows(): Promise<Row[]> {
  const name = "maxpool 2x2 on 8x64x56²";
  const x = cl.randn([8, 64, 56, 56], { seed: 3 });
  const tx = tf.randomNormal<tf.Rank.R4>([8, 56, 56, 64]);
  const [torch] = torchTimes([{ kind: "maxpool2d", x: [8, 64, 56, 56] }]);
  return [
    { case: name, contender: "convlab cpu", timing: await timeIt(() => cl.maxPool2d(x, { kernelSize: 2 }).dataSync()) },
    { case: name, contender: "tfjs-cpu", timing: await timeIt(() => tf.tidy(() => tf.maxPool(tx, 2, 2, "valid").dataSync())) },
    { case: name, contender: "PyTorch CPU", timing: torch },
  ];
}


async function fftRows(): Promise<Row[]> {
  const rows: Row[] = [];
  const cases = [
    { name: "complex FFT 2^16", shape: [1 << 16], fftjs: fftJs1d(1 << 16, 1), kind: "fft" },
    { name: "complex FFT 2^20", shape: [1 << 20], fftjs: fftJs1d(1 << 20, 1), kind: "fft" },
    { name: "complex FFT batch 64x1024", shape: [64, 1024], fftjs: fftJs1d(1024, 64), kind: "fft_batch" },
  ];
  const torch = torchTimes([...cases.map((c) => ({ kind: c.kind, x: c.shape })), { kind: "rfft2", x: [512, 512] }]);
  for (const [i, c] of cases.entries()) {
    const n = c.shape[c.shape.length - 1];
    const flops = 5 * c.shape.reduce((a, b) => a * b, 1) * Math.log2(n);
    const z = cl.complex(cl.randn(c.shape, { seed: 4 }), cl.randn(c.shape, { seed: 5 }));
    rows.push({ case: c.name, contender: "convlab cpu", flops, timing: await timeIt(() => cl.fft(z).re.dataSync()) });
    rows.push({ case: c.name, contender: "fft.js", flops, timing: await timeIt(c.fftjs) });
    rows.push({ case: c.name, contender: "PyTorch CPU", flops, timing: torch[i] });
  }
  const name = "real 2-D FFT 512x512";
  const flops = 5 * 512 * 512 * Math.log2(512 * 512);
  const img = cl.randn([512, 512], { seed: 6 });
  rows.push({ case: name, contender: "convlab cpu", flops, timing: await timeIt(() => cl.rfft2(img).re.dataSync()) });
  rows.push({ case: name, contender: "fft.js", flops, timing: await timeIt(fftJsReal2d(512)) });
  rows.push({ case: name, contender: "PyTorch CPU", flops, timing: torch[3] });
  return rows;
}

async function main(): Promise<void> {
  await tf.setBackend("cpu");
  await cl.setBackend("cpu");
  const only = process.argv[2];
  console.log(`convlab cpu benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  if (!only || only === "conv") printTable("Convolution forward (float32)", await convRows(), ["tfjs-cpu", "PyTorch CPU"]);
  if (!only || only === "pool") printTable("Max pooling", await poolRows(), ["tfjs-cpu", "PyTorch CPU"]);
  if (!only || only === "fft") printTable("FFT", await fftRows(), ["fft.js", "PyTorch CPU"]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
