/**
 * cpu conv benchmark (issue 2 cases): convlab's conv2d / conv1d (im2col + packed register-blocked gemm) against
 * TensorFlow.js's pure-JS cpu backend measured in the same run; also the dL/dx and dL/dw kernels.
 *   node --import tsx bench/cpu_conv.ts [--no-tfjs] [--grad] [--cpu-time]
 * Prints min / median ms, GFLOP/s and the speed-up over tfjs-cpu. Never asserts.
 * --cpu-time reports the process's CPU time (user + system, all threads) per call instead of wall time:
 * on a machine shared with other jobs it shows the work each contender does, independent of the load.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as cl from "../src/index";
import { run1 } from "../src/core/dispatch";
import { convGeometry } from "../src/ops/conv/geometry/conv_geometry";
import { printTable, timeIt as wallTimeIt, type Row, type Timing } from "./harness";

interface Case {
  name: string;
  x: number[];
  w: number[];
  padding: number;
}

const CASES: Case[] = [
  { name: "VGG1 1x3x224² → 64 3x3 p1", x: [1, 3, 224, 224], w: [64, 3, 3, 3], padding: 1 },
  { name: "8x64x56² → 64 3x3 p1", x: [8, 64, 56, 56], w: [64, 64, 3, 3], padding: 1 },
  { name: "LeNet C1 64x1x28² → 6 5x5", x: [64, 1, 28, 28], w: [6, 1, 5, 5], padding: 0 },
  { name: "audio 1x1x44100 → 16 k9", x: [1, 1, 44100], w: [16, 1, 9], padding: 0 },
];

const flopsOf = (c: Case, out: readonly number[]) =>
  2 * c.x[0] * c.w[0] * c.w[1] * c.w.slice(2).reduce((a, b) => a * b, 1) * out.reduce((a, b) => a * b, 1);

/** min / median CPU milliseconds (all threads) per call, after one warm-up call */
async function cpuTimeIt(fn: () => unknown, opts: { maxReps?: number; budgetMs?: number } = {}): Promise<Timing> {
  const { maxReps = 10, budgetMs = 4000 } = opts;
  await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxReps && (times.length < 3 || performance.now() - start < budgetMs)) {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)], reps: times.length };
}

async function main(): Promise<void> {
  const withTf = !process.argv.includes("--no-tfjs"),
    withGrad = process.argv.includes("--grad");
  const cpuTime = process.argv.includes("--cpu-time");
  const timeIt = cpuTime ? cpuTimeIt : wallTimeIt;
  await tf.setBackend("cpu");
  const rows: Row[] = [];
  for (const c of CASES) {
    const x = cl.randn(c.x, { seed: 1 }),
      w = cl.randn(c.w, { seed: 2 });
    const dims = c.x.length - 2;
    const geom = convGeometry("bench", c.x, c.w, { dims, padding: c.padding });
    const flops = flopsOf(c, geom.outSize);
    const conv = dims === 2 ? cl.conv2d : cl.conv1d;
    rows.push({
      case: c.name,
      contender: "convlab cpu",
      flops,
      timing: await timeIt(() => conv(x, w, { padding: c.padding }).dataSync(), { maxReps: 15 }),
    });
    if (withGrad) {
      const dy = cl.randn([c.x[0], c.w[0], ...geom.outSize], { seed: 3 });
      rows.push({
        case: c.name,
        contender: "convlab dL/dx",
        flops,
        timing: await timeIt(() => run1("convTranspose", [dy, w], { geom }).dataSync(), { maxReps: 10 }),
      });
      rows.push({
        case: c.name,
        contender: "convlab dL/dw",
        flops,
        timing: await timeIt(() => run1("convWeightGrad", [x, dy], { geom }).dataSync(), { maxReps: 10 }),
      });
    }
    if (withTf) {
      // tfjs is NHWC / HWIO only; conv1d runs as a 1xL image
      const tx =
        dims === 2 ? tf.randomNormal([c.x[0], c.x[2], c.x[3], c.x[1]]) : tf.randomNormal([c.x[0], 1, c.x[2], c.x[1]]);
      const tw =
        dims === 2 ? tf.randomNormal([c.w[2], c.w[3], c.w[1], c.w[0]]) : tf.randomNormal([1, c.w[2], c.w[1], c.w[0]]);
      const pad = c.padding ? "same" : "valid";
      rows.push({
        case: c.name,
        contender: "tfjs-cpu",
        flops,
        timing: await timeIt(() => tf.tidy(() => tf.conv2d(tx as tf.Tensor4D, tw as tf.Tensor4D, 1, pad).dataSync()), {
          maxReps: 5,
          budgetMs: 6000,
        }),
      });
    }
  }
  printTable(
    `cpu conv (float32), ${cpuTime ? "CPU time of all threads" : "wall time"}`,
    rows,
    withTf ? ["tfjs-cpu"] : [],
  );
}

void main();
