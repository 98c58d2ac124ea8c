/**
 * Elementwise ops on the cpu backend, on LeNet-5's largest activation (32x6x28x28, 150,528 values): cl.add /
 * cl.mul / relu as they run (large float32 operands on the f32x4 kernels, elementwise.wasm.ts; with
 * CONVLAB_CPU_KERNELS=js the TypeScript loops), the same add written as an inline loop, and the copies a wasm
 * call makes (two inputs in, one output out) without any arithmetic: what the wasm path pays for running
 * outside the JS heap, and why it still wins over loops that serve every dtype.
 *   node --import tsx bench/cpu_elementwise.ts;  CONVLAB_CPU_KERNELS=js node --import tsx bench/cpu_elementwise.ts
 * min / median µs of repeated runs. Never asserts.
 */
import { execSync } from "node:child_process";
import * as cl from "../src/index";
import { freshArena } from "../src/backends/cpu/wasm/wasm_heap";
import { wasmRuntime } from "../src/backends/cpu/wasm/wasm_module";
import { timeIt } from "./harness";

async function main(): Promise<void> {
  const rt = wasmRuntime(); // null with CONVLAB_CPU_KERNELS=js: then no copies row
  console.log(`kernels: ${rt ? "wasm" : String(cl.backendInfo().cpu.reason)}`);
  console.log(`load: ${execSync("uptime").toString().trim()}`);
  const shape = [32, 6, 28, 28];
  const x = cl.randn(shape, { seed: 1 }),
    y = cl.randn(shape, { seed: 2 });
  const a = x.dataSync() as Float32Array,
    b = y.dataSync() as Float32Array,
    out = new Float32Array(a.length);
  const rows: [string, () => unknown][] = [
    ["cl.add(x, y), result disposed", () => cl.add(x, y).dispose()],
    ["cl.mul(x, y), result disposed", () => cl.mul(x, y).dispose()],
    ["cl.relu(x), result disposed", () => cl.relu(x).dispose()],
    [
      "inline loop out[i] = a[i] + b[i]",
      () => {
        for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
      },
    ],
  ];
  if (rt)
    rows.push([
      "copies of a wasm add: a, b in, out out",
      () => {
        // into a reused output (as a recycled buffer would be), so no fresh pages are timed
        const ar = freshArena(rt);
        const pa = ar.putF32(a);
        ar.putF32(b);
        out.set(ar.f32(pa, a.length));
      },
    ]);
  console.log(`\n| ${shape.join("x")} (${a.length} values) | min µs | median µs |\n|---|---:|---:|`);
  for (const [name, f] of rows) {
    const t = await timeIt(f, { warmup: 50, maxReps: 500 });
    console.log(`| ${name} | ${(t.min * 1000).toFixed(1)} | ${(t.median * 1000).toFixed(1)} |`);
  }
}

void main();
