/**
 * Pooling on the cpu backend: max pool 2x2 on 8x64x56x56 (the case, 8 MB in), plus a 3x3/2 pad 1
 * max pool and a 2x2 avg pool, against a hand-written JS loop for the 2x2 case (no indices, no
 * validation) measured in this run. Min process CPU time (and wall time) over repetitions.
 *   node --import tsx bench/cpu_pool.ts
 */
import * as cl from "../src/index";
import { timeCpu } from "./cpu_fft";

function naiveMax2x2(x: Float32Array, planes: number, H: number, W: number, y: Float32Array): Float32Array {
  const OH = H >> 1,
    OW = W >> 1;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const b = p * H * W + 2 * i * W + 2 * j;
        y[o++] = Math.max(x[b], x[b + 1], x[b + W], x[b + W + 1]);
      }
    }
  }
  return y;
}

function main(): void {
  const shape = [8, 64, 56, 56];
  const x = cl.randn(shape, { seed: 1 });
  const host = Float32Array.from(x.dataSync());
  const mb = (x.size * 4) / 1e6;
  // results are disposed at once (a synchronous loop never lets the collector free them, and every call
  // would fault in fresh pages); the naive loop writes into one preallocated output
  const out = new Float32Array(x.size / 4);
  const rows: [string, () => unknown][] = [
    ["convlab maxPool2d 2x2 (values + indices)", () => cl.maxPool2d(x, { kernelSize: 2 }).dispose()],
    ["naive JS loop 2x2 (values only, output reused)", () => naiveMax2x2(host, 8 * 64, 56, 56, out)],
    ["convlab maxPool2d 3x3/2 pad 1", () => cl.maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1 }).dispose()],
    ["convlab avgPool2d 2x2", () => cl.avgPool2d(x, { kernelSize: 2 }).dispose()],
  ];
  console.log(`convlab cpu pooling on [${shape}] (${mb.toFixed(1)} MB in) — node ${process.version}\n`);
  console.log("| case | cpu ms | wall ms | GB/s in (cpu time) |");
  console.log("|---|---:|---:|---:|");
  for (const [name, fn] of rows) {
    const t = timeCpu(fn, 20);
    console.log(`| ${name} | ${t.cpu.toFixed(2)} | ${t.wall.toFixed(2)} | ${(mb / t.cpu).toFixed(2)} |`);
  }
}

main();
