/**
 * The WebAssembly conv kernels (conv.wasm.ts) against the naive TypeScript reference loops on seeded
 * random geometries — 1-D/2-D/3-D, groups, strides (so both dL/dx paths run), dilation, asymmetric
 * padding, channel counts that are not multiples of the 6×8 register tile — single- and multi-threaded,
 * and bit-identical for 1 and 2 threads. Fails (does not skip) when the wasm kernels cannot load,
 * unless CONVLAB_CPU_KERNELS=js asks for the TypeScript ones.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { convGeometry } from "../../src/ops/conv/geometry/conv_geometry";
import type { ConvGeometry } from "../../src/core/geometry";
import { convGeometry3d } from "../../src/ops/conv/geometry/conv_geometry_3d";
import { convNaive, convTransposeNaive, convWeightGradNaive } from "../../src/ops/conv/cpu/conv_naive.cpu";
import { convWasm } from "../../src/ops/conv/cpu/conv.wasm";
import { wasmStatus } from "../../src/backends/cpu/wasm/wasm_module";
import { withThreads } from "./wasm_harness";
import { clearConvAlgoChoices, convAlgoChoices } from "../../src/ops/conv/cpu/conv_algo.cpu";
import { poolStats } from "../../src/backends/cpu/wasm/wasm_pool";

function randomGeometry(rng: cl.Rng, big: boolean): ConvGeometry {
  const dims = 1 + Math.floor(rng.uniform() * 3);
  const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const groups = r(1, 3),
    k = Array.from({ length: dims }, () => r(1, dims === 3 ? 3 : 5));
  const dilation = k.map(() => r(1, 2)),
    stride = k.map(() => (rng.uniform() < 0.5 ? 1 : r(1, 3)));
  const padding = k.map(() => [r(0, 2), r(0, 2)] as [number, number]);
  const extra = big ? (dims === 1 ? 300 : dims === 2 ? 20 : 6) : dims === 3 ? 3 : 9;
  const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, extra));
  const C = groups * r(1, big ? 9 : 4),
    O = groups * r(1, big ? 15 : 7);
  return convGeometry("test", [r(1, 3), C, ...size], [O, C / groups, ...k], {
    dims,
    stride,
    dilation,
    padding,
    groups,
  });
}

function fill(n: number, rng: cl.Rng): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, label: string): void {
  assert.equal(a.length, b.length, label);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])))) assert.fail(`${label}: index ${i}: ${a[i]} vs ${b[i]}`);
  }
}

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";

describe("conv wasm kernels == naive TypeScript reference", { skip: jsOnly && "CONVLAB_CPU_KERNELS=js" }, () => {
  it("loads", () => assert.equal(wasmStatus().kernels, "wasm", String(wasmStatus().reason)));

  for (const big of [false, true]) {
    it(`conv, convTranspose, convWeightGrad on ${big ? "30 larger (threaded)" : "60 small"} random geometries`, () => {
      const rng = new cl.Rng(big ? 21 : 7);
      for (let i = 0; i < (big ? 30 : 60); i++) {
        const g = randomGeometry(rng, big),
          g3 = convGeometry3d(g),
          CK = g3.Cg * g3.K;
        const x = fill(g3.N * g3.C * g3.inLen, rng),
          w = fill(g3.O * CK, rng),
          dy = fill(g3.N * g3.O * g3.L, rng);
        const label = `case ${i} ${JSON.stringify(g)}`;
        const y = new Float32Array(dy.length),
          dx = new Float32Array(x.length),
          dw = new Float32Array(w.length);
        convNaive(g3, x, w, y);
        convTransposeNaive(g3, dy, w, dx);
        convWeightGradNaive(g3, x, dy, dw);
        // float32 sums of CK (resp. Og·K, N·L) products against the naive float32 loops
        close(convWasm("conv", g3, x, w) ?? [], y, 2e-5 * Math.sqrt(CK), `conv ${label}`);
        close(convWasm("convTranspose", g3, dy, w) ?? [], dx, 2e-5 * Math.sqrt(g3.Og * g3.K), `convTranspose ${label}`);
        close(
          convWasm("convWeightGrad", g3, x, dy) ?? [],
          dw,
          2e-5 * Math.sqrt(g3.N * g3.L),
          `convWeightGrad ${label}`,
        );
      }
    });
  }

  it("the direct and the im2col algorithms give the same bits, and the measured choice is recorded", () => {
    const rng = new cl.Rng(9);
    let compared = 0;
    for (let i = 0; i < 40; i++) {
      const g3 = convGeometry3d(randomGeometry(rng, i % 2 === 0));
      const x = fill(g3.N * g3.C * g3.inLen, rng),
        w = fill(g3.O * g3.Cg * g3.K, rng),
        dy = fill(g3.N * g3.O * g3.L, rng);
      const run = (algo: string) => {
        process.env.CONVLAB_CONV_ALGO = algo;
        clearConvAlgoChoices();
        try {
          return [convWasm("conv", g3, x, w), convWasm("convTranspose", g3, dy, w)];
        } finally {
          delete process.env.CONVLAB_CONV_ALGO;
        }
      };
      const [direct, im2col] = [run("direct"), run("im2col")];
      direct.forEach((t, k) => assert.deepEqual(t, im2col[k], `case ${i} kernel ${k}`));
      if (g3.s[2] === 1) compared++;
    }
    assert.ok(compared > 10, `expected stride-1 cases, got ${compared}`);
    clearConvAlgoChoices();
    const g3 = convGeometry3d(convGeometry("test", [2, 8, 20, 20], [8, 8, 3, 3], { dims: 2, padding: 1 }));
    convWasm("conv", g3, fill(2 * 8 * 400, rng), fill(8 * 72, rng));
    const [choice] = convAlgoChoices();
    assert.equal(choice.how, "measured");
    // a 0.9 MFLOP conv: Winograd is not measured below WINOGRAD_MIN_FLOPS
    assert.deepEqual(Object.keys(choice.measuredMs).sort(), ["direct", "im2col"]);
  });

  it("1 and 2 threads give the same bits (forward, both dL/dx paths, dL/dw split by columns and by rows)", async () => {
    const rng = new cl.Rng(5);
    // [stride, groups, input channels, output channels]: 26 outputs < 16·9 columns of dW split by columns;
    // 40 outputs > 2·9 columns split by rows (the VGG1 case)
    for (const [stride, groups, C, O] of [
      [1, 1, 16, 26],
      [2, 2, 16, 26],
      [1, 2, 16, 26],
      [1, 1, 2, 40],
      [1, 2, 2, 40],
    ]) {
      const g3 = convGeometry3d(
        convGeometry("test", [4, C, 41, 37], [O, C / groups, 3, 3], {
          dims: 2,
          padding: [
            [1, 0],
            [2, 1],
          ],
          stride,
          groups,
        }),
      );
      const x = fill(g3.N * g3.C * g3.inLen, rng),
        w = fill(g3.O * g3.Cg * g3.K, rng),
        dy = fill(g3.N * g3.O * g3.L, rng);
      const run = () => [
        convWasm("conv", g3, x, w),
        convWasm("convTranspose", g3, dy, w),
        convWasm("convWeightGrad", g3, x, dy),
      ];
      const one = await withThreads(1, run),
        before = poolStats.posted,
        two = await withThreads(2, run);
      assert.ok(poolStats.posted >= before + 3, "expected every kernel to post a share to a worker");
      two.forEach((t, i) => assert.deepEqual(t, one[i], `kernel ${i}, stride ${stride}, groups ${groups}`));
    }
  });
});
