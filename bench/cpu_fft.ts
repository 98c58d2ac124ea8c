/**
 * FFT on the cpu backend vs fft.js (radix-4, Float64Array), both measured in this run:
 * complex 2^16 and 2^20, a batch of 64 x 1024, and a real 2-D 512 x 512 (rfft2).
 *   node --import tsx bench/cpu_fft.ts
 * Times are min over repetitions of process CPU time (user + system), which a shared, loaded machine
 * disturbs far less than wall time; wall-clock minima are printed beside them. convlab's rows include the
 * whole op (validation, copies into and out of the wasm memory, fresh output tensors, disposed after each
 * run); fft.js transforms one
 * preallocated buffer in place, and its 2-D row is a lower bound (row realTransforms + 257 column
 * transforms, no transposes). Benchmarks print; they never assert.
 */
import { fftJs1d, fftJsReal2d } from "./fftjs";
import * as cl from "../src/index";

interface Timing {
  cpu: number;
  wall: number;
}

export function timeCpu(fn: () => unknown, reps = 20): Timing {
  // a few calls first: each contender's first calls fault in fresh memory pages (~15 µs per 4 KB page on
  // this VM: 2 ms for a 2^16-point transform's two outputs) until the allocator has freed pages to reuse
  for (let i = 0; i < Math.min(reps, 5); i++) fn();
  let cpu = Infinity,
    wall = Infinity;
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage(),
      w0 = performance.now();
    fn();
    const w = performance.now() - w0,
      c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
    wall = Math.min(wall, w);
  }
  return { cpu, wall };
}

/** Frees a result at once: fft.js reuses its buffers, and a synchronous loop never lets the collector run. */
function used(z: cl.Complex): void {
  z.re.dispose();
  z.im.dispose();
}

function main(): void {
  const cases: { name: string; ours: () => unknown; theirs: () => void; reps: number }[] = [];
  for (const [name, shape, batch] of [
    ["complex 2^16", [1 << 16], 1],
    ["complex 2^20", [1 << 20], 1],
    ["complex batch 64x1024", [64, 1024], 64],
  ] as const) {
    const z = cl.complex(cl.randn([...shape], { seed: 1 }), cl.randn([...shape], { seed: 2 }));
    const n = shape[shape.length - 1];
    cases.push({ name, ours: () => used(cl.fft(z)), theirs: fftJs1d(n, batch), reps: n > 1e5 ? 6 : 30 });
  }
  const img = cl.randn([512, 512], { seed: 3 });
  cases.push({ name: "real 2-D 512x512 (rfft2)", ours: () => used(cl.rfft2(img)), theirs: fftJsReal2d(512), reps: 20 });

  console.log(`convlab cpu FFT vs fft.js — node ${process.version}, ${new Date().toISOString()}\n`);
  console.log("| case | convlab cpu ms (cpu / wall) | fft.js ms (cpu / wall) | convlab / fft.js (cpu time) |");
  console.log("|---|---:|---:|---:|");
  for (const c of cases) {
    const ours = timeCpu(c.ours, c.reps),
      theirs = timeCpu(c.theirs, c.reps);
    console.log(
      `| ${c.name} | ${ours.cpu.toFixed(2)} / ${ours.wall.toFixed(2)} | ${theirs.cpu.toFixed(2)} / ${theirs.wall.toFixed(2)} | ${(ours.cpu / theirs.cpu).toFixed(2)}x |`,
    );
  }
}

if (require.main === module) main();
