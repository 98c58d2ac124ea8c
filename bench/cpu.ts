/**
 * The cpu backend's convolutions (forward, dL/dx, dL/dw), maxpool and FFT against PyTorch CPU (Debian, 2
 * threads, the native reference), tfjs-backend-wasm (XNNPACK, 1 thread in Node), TensorFlow.js's pure-JS cpu
 * backend, fft.js and convlab's own previous TypeScript kernels — all measured in this run.
 *   npm run bench:cpu [conv|pool|fft]            (about 4-6 minutes on 2 cores)
 * Prints markdown tables with min/median ms, GFLOP/s and speed-ups.
 */
import { startTfjsWasm, tf } from "./tfjs_wasm";
import { run1 } from "../src/core/dispatch";
import { convGeometry } from "../src/ops/conv/geometry/conv_geometry";
import { convGeometry3d } from "../src/ops/conv/geometry/conv_geometry_3d";
import { runConvKernel } from "../src/ops/conv/cpu/conv_threads.cpu";
import { execSync } from "node:child_process";
import { fftJs1d, fftJsReal2d } from "./fftjs";
import * as cl from "../src/index";
import { printTable, timeIt, torchTimes, type Row } from "./harness";

interface ConvCase {
  name: string;
  x: number[];
  w: number[];
  padding: number;
}

function convFlops(c: ConvCase): number {
  const sp = c.x.slice(2).map((n, i) => n + 2 * c.padding - c.w[2 + i] + 1);
  return 2 * c.x[0] * c.w[0] * c.w[1] * c.w.slice(2).reduce((a, b) => a * b, 1) * sp.reduce((a, b) => a * b, 1);
}

const CONV: ConvCase[] = [
  { name: "VGG1 1x3x224² → 64 3x3 p1", x: [1, 3, 224, 224], w: [64, 3, 3, 3], padding: 1 },
  { name: "8x64x56² → 64 3x3 p1", x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1 },
  { name: "LeNet C1 64x1x28² → 6 5x5", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 0 },
  { name: "audio 1x1x44100 → 16 k9", x: [1, 1, 44100], w: [16, 1, 9], padding: 0 },
];

const KINDS = [
  ["", "conv"],
  [" dL/dx", "convTranspose"],
  [" dL/dw", "convWeightGrad"],
] as const;

/** Runs f with CONVLAB_CPU_THREADS=n (the wasm pool reads it on every call). */
async function withThreads<T>(n: number, f: () => Promise<T>): Promise<T> {
  const before = process.env.CONVLAB_CPU_THREADS;
  process.env.CONVLAB_CPU_THREADS = String(n);
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.CONVLAB_CPU_THREADS;
    else process.env.CONVLAB_CPU_THREADS = before;
  }
}

/**
 * conv forward, dL/dx and dL/dw of every case: convlab's wasm kernels (all threads and one thread), the
 * previous TypeScript kernels (conv_threads.ts, what CONVLAB_CPU_KERNELS=js runs), tfjs-backend-wasm
 * (forward and dL/dx: it has no dL/dw kernel), tfjs-cpu (forward) and PyTorch CPU.
 */
async function convRows(tfWasm: boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const torch = torchTimes(
    CONV.flatMap((c) =>
      KINDS.map(([, k], j) => ({
        kind: `${c.x.length === 4 ? "conv2d" : "conv1d"}${["", "_dx", "_dw"][j]}`,
        x: c.x,
        w: c.w,
        padding: c.padding,
        k,
      })),
    ),
  );
  const threads = cl.backendInfo().cpu.threads;
  for (const [i, c] of CONV.entries()) {
    const dims = c.x.length - 2;
    const geom = convGeometry("bench", c.x, c.w, { dims, padding: c.padding });
    const g = convGeometry3d(geom),
      flops = convFlops(c);
    const x = cl.randn(c.x, { seed: 1 }),
      w = cl.randn(c.w, { seed: 2 }),
      dy = cl.randn([c.x[0], c.w[0], ...geom.outSize], { seed: 3 });
    const xs = x.dataSync() as Float32Array,
      ws = w.dataSync() as Float32Array,
      dys = dy.dataSync() as Float32Array;
    // tfjs is NHWC / HWIO only; conv1d runs as a 1xL image
    const is2d = dims === 2,
      pad = c.padding ? "same" : "valid";
    type Shape4 = [number, number, number, number];
    const txs: Shape4 = is2d ? [c.x[0], c.x[2], c.x[3], c.x[1]] : [c.x[0], 1, c.x[2], c.x[1]];
    const tws: Shape4 = is2d ? [c.w[2], c.w[3], c.w[1], c.w[0]] : [1, c.w[2], c.w[1], c.w[0]];
    for (const [j, [suffix, kind]] of KINDS.entries()) {
      const name = `${c.name}${suffix}`;
      // the output tensor, disposed: it is already in JS memory (its kernel copied it out of the wasm memory),
      // so no dataSync() copy on top; tfjs's rows read theirs with dataSync() (it lives in its wasm memory)
      const run = () =>
        run1(kind, kind === "conv" ? [x, w] : kind === "convTranspose" ? [dy, w] : [x, dy], { geom }).dispose();
      rows.push({
        case: name,
        contender: `convlab wasm ${threads} thr`,
        flops,
        timing: await timeIt(run, { maxReps: 15 }),
      });
      rows.push({
        case: name,
        contender: "convlab wasm 1 thr",
        flops,
        timing: await withThreads(1, () => timeIt(run, { maxReps: 10 })),
      });
      const [a, b] = kind === "conv" ? [xs, ws] : kind === "convTranspose" ? [dys, ws] : [xs, dys];
      rows.push({
        case: name,
        contender: "convlab js (old)",
        flops,
        timing: await timeIt(() => runConvKernel(kind, g, a, b, "float32"), { maxReps: 5, budgetMs: 4000 }),
      });
      if (tfWasm && kind !== "convWeightGrad") {
        await tf.setBackend("wasm");
        const tx = tf.randomNormal<tf.Rank.R4>(txs),
          tw = tf.randomNormal<tf.Rank.R4>(tws);
        const tdy =
          kind === "convTranspose" ? tf.tidy(() => tf.randomNormal<tf.Rank.R4>(tf.conv2d(tx, tw, 1, pad).shape)) : null;
        // no typed array returned from tidy(): tfjs walks a returned container element by element
        // (a 1.6 M-value array costs seconds; the cause of the slow tfjs-cpu figures measured before)
        const op = () =>
          tf.tidy(() => {
            (tdy ? tf.conv2dTranspose(tdy, tw, txs, 1, pad) : tf.conv2d(tx, tw, 1, pad)).dataSync();
          });
        rows.push({
          case: name,
          contender: "tfjs-wasm 1 thr",
          flops,
          timing: await timeIt(op, { maxReps: 10, budgetMs: 6000 }),
        });
        tf.dispose([tx, tw, ...(tdy ? [tdy] : [])]);
        await tf.setBackend("cpu");
      }
      if (kind === "conv") {
        const tx = tf.randomNormal<tf.Rank.R4>(txs),
          tw = tf.randomNormal<tf.Rank.R4>(tws);
        rows.push({
          case: name,
          contender: "tfjs-cpu",
          flops,
          timing: await timeIt(
            () =>
              tf.tidy(() => {
                tf.conv2d(tx, tw, 1, pad).dataSync();
              }),
            { maxReps: 3, budgetMs: 6000 },
          ),
        });
        tf.dispose([tx, tw]);
      }
      rows.push({ case: name, contender: "PyTorch CPU", flops, timing: torch[i * KINDS.length + j] });
    }
  }
  return rows;
}

async function poolRows(): Promise<Row[]> {
  const name = "maxpool 2x2 on 8x64x56²";
  const x = cl.randn([8, 64, 56, 56], { seed: 3 });
  const tx = tf.randomNormal<tf.Rank.R4>([8, 56, 56, 64]);
  const [torch] = torchTimes([{ kind: "maxpool2d", x: [8, 64, 56, 56] }]);
  return [
    // the output disposed, as for the conv rows: it is already in JS memory (a dataSync() copy would time a
    // fresh 1.6 MB array's page faults); tfjs-cpu's result is its own JS array too, read without a copy
    { case: name, contender: "convlab cpu", timing: await timeIt(() => cl.maxPool2d(x, { kernelSize: 2 }).dispose()) },
    {
      case: name,
      contender: "tfjs-cpu",
      timing: await timeIt(() =>
        tf.tidy(() => {
          tf.maxPool(tx, 2, 2, "valid").dataSync();
        }),
      ),
    },
    { case: name, contender: "PyTorch CPU", timing: torch },
  ];
}

/**
 * Frees a result at once, as for the conv rows (on the cpu backend it is already in JS memory; a
 * dataSync() copy would time a fresh array's page faults): fft.js transforms into buffers it reuses, and
 * a disposed result's buffers are reused by the next call's (src/core/recycle.ts).
 */
function used(z: cl.Complex): void {
  z.re.dispose();
  z.im.dispose();
}

/**
 * Five calls before timing, for every contender: the first calls of an op on a new size fault in fresh
 * memory for their outputs (~15 µs per 4 KB page on this VM, 2 ms for a 2^16 transform's outputs).
 */
const WARM = { warmup: 5, maxReps: 30 };

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
    rows.push({ case: c.name, contender: "convlab cpu", flops, timing: await timeIt(() => used(cl.fft(z)), WARM) });
    rows.push({ case: c.name, contender: "fft.js", flops, timing: await timeIt(c.fftjs, WARM) });
    rows.push({ case: c.name, contender: "PyTorch CPU", flops, timing: torch[i] });
  }
  const name = "real 2-D FFT 512x512";
  const flops = 5 * 512 * 512 * Math.log2(512 * 512);
  const img = cl.randn([512, 512], { seed: 6 });
  rows.push({ case: name, contender: "convlab cpu", flops, timing: await timeIt(() => used(cl.rfft2(img)), WARM) });
  rows.push({ case: name, contender: "fft.js", flops, timing: await timeIt(fftJsReal2d(512), WARM) });
  rows.push({ case: name, contender: "PyTorch CPU", flops, timing: torch[3] });
  return rows;
}

async function main(): Promise<void> {
  const tfWasm = await startTfjsWasm();
  await tf.setBackend("cpu");
  await cl.setBackend("cpu");
  const only = process.argv[2];
  const info = cl.backendInfo().cpu;
  console.log(
    `convlab cpu benchmark — node ${process.version}, ${new Date().toISOString()}; kernels ${info.kernels} (${info.reason ?? `${info.threads} threads`}); load: ${execSync("uptime").toString().trim()}\n`,
  );
  if (!only || only === "conv") {
    printTable("Convolution forward, dL/dx, dL/dw (float32)", await convRows(tfWasm), [
      "PyTorch CPU",
      "tfjs-wasm 1 thr",
      "convlab js (old)",
    ]);
    console.log(
      "conv algorithms chosen (measured):\n" +
        cl
          .backendInfo()
          .cpu.convAlgos.map(
            (a) =>
              `  ${a.shape}: ${a.algo} (${a.how}${
                Object.keys(a.measuredMs).length
                  ? `: ${Object.entries(a.measuredMs)
                      .map(([k, t]) => `${k} ${t?.toFixed(2)} ms`)
                      .join(", ")}`
                  : ""
              })`,
          )
          .join("\n") +
        "\n",
    );
  }
  if (!only || only === "pool") printTable("Max pooling", await poolRows(), ["tfjs-cpu", "PyTorch CPU"]);
  if (!only || only === "fft") printTable("FFT", await fftRows(), ["fft.js", "PyTorch CPU"]);
  console.log(`load after: ${execSync("uptime").toString().trim()}`);
  await cl.shutdown();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
