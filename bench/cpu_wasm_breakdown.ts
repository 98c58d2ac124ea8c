/**
 * Where the time of one large conv goes on the wasm kernels (one thread): the whole kernel call, the
 * micro-kernel alone on prepacked operands of the same GEMM, and the copies in and out of the wasm memory.
 *   node --import tsx bench/cpu_wasm_breakdown.ts
 * min of repeated runs; prints GFLOP/s. Never asserts.
 */
import { execSync } from "node:child_process";
import * as cl from "../src/index";
import { convGeometry } from "../src/ops/conv/geometry/conv_geometry";
import { convGeometry3d } from "../src/ops/conv/geometry/conv_geometry_3d";
import { convWasm } from "../src/ops/conv/cpu/conv.wasm";
import { wasmRuntime } from "../src/backends/cpu/wasm/wasm_module";
import { freshArena } from "../src/backends/cpu/wasm/wasm_heap";
import { timeIt } from "./harness";

async function main(): Promise<void> {
  process.env.CONVLAB_CPU_THREADS = "1";
  const rt = wasmRuntime();
  if (!rt) throw new Error(String(cl.backendInfo().cpu.reason));
  console.log(`load: ${execSync("uptime").toString().trim()}`);
  const g = convGeometry3d(convGeometry("b", [8, 64, 56, 56], [64, 64, 3, 3], { dims: 2, padding: 1 }));
  const x = cl.randn([8, 64, 56, 56], { seed: 1 }).dataSync() as Float32Array,
    w = cl.randn([64, 64, 3, 3], { seed: 2 }).dataSync() as Float32Array;
  const flops = 2 * g.N * g.O * g.L * g.Cg * g.K,
    gf = (ms: number) => (flops / ms / 1e6).toFixed(1);
  const rows: [string, number][] = [];
  for (const algo of ["direct", "im2col"]) {
    process.env.CONVLAB_CONV_ALGO = algo;
    rows.push([
      `whole conv call (${algo}), incl. copies`,
      (await timeIt(() => convWasm("conv", g, x, w), { maxReps: 10 })).min,
    ]);
  }
  // the GEMM of one image, on packed operands already in wasm memory: the micro-kernel's speed here
  const M = 64,
    K = 576,
    N = 3136,
    ar = freshArena(rt);
  const Ap = ar.alloc(4 * 66 * K),
    Bp = ar.alloc(4 * N * K),
    C = ar.alloc(4 * M * N);
  ar.f32(Ap, 66 * K).fill(0.5);
  ar.f32(Bp, N * K).fill(0.25);
  rows.push([
    "8 x packed GEMM 64x576 · 576x3136 (no im2col)",
    (
      await timeIt(
        () => {
          for (let i = 0; i < 8; i++) rt.kernels.gemm(M, N, K, Ap, Bp, C, N, 0);
        },
        { maxReps: 10 },
      )
    ).min,
  ]);
  const y = new Float32Array(g.N * g.O * g.L);
  rows.push([
    "copy x in + y out (6.4 + 6.4 MB)",
    (
      await timeIt(
        () => {
          ar.reset();
          const p = ar.putF32(x);
          ar.f32(p, x.length).slice();
        },
        { maxReps: 10 },
      )
    ).min,
  ]);
  void y;
  for (const [name, ms] of rows)
    console.log(`${name.padEnd(48)} ${ms.toFixed(1)} ms  ${name.startsWith("copy") ? "" : `${gf(ms)} GFLOP/s`}`);
  console.log(`load: ${execSync("uptime").toString().trim()}`);
  await cl.shutdown();
}

void main();
