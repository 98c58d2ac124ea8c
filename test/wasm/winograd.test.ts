/**
 * Winograd F(2×2, 3×3) and, for dL/dw, F(3×3, 2×2) (wasm/assembly/winograd.ts) against the naive
 * TypeScript loops on seeded random 3×3 stride-1 geometries — asymmetric padding, odd and even output
 * sizes, rows of tiles that are and are not a multiple of 4, channel counts off the 6×8 register tile and
 * off the 4-channel vector path — as the forward conv, as the stride-1 dL/dx (a forward conv of dy) and
 * as dL/dw; bit-identical for 1 and 2 threads; and the rule that an inexact candidate
 * must measure 20 % faster than the best exact one, with the measuring call returning the chosen values.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { convGeometry } from "../../src/ops/conv/geometry/conv_geometry";
import { convGeometry3d } from "../../src/ops/conv/geometry/conv_geometry_3d";
import { convNaive, convTransposeNaive, convWeightGradNaive } from "../../src/ops/conv/cpu/conv_naive.cpu";
import { convWasm } from "../../src/ops/conv/cpu/conv.wasm";
import { winogradApplies } from "../../src/ops/conv/cpu/conv_winograd.wasm";
import { clearConvAlgoChoices, convAlgoChoices, runChosen } from "../../src/ops/conv/cpu/conv_algo.cpu";
import { withThreads } from "./wasm_harness";

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";

function fill(n: number, rng: cl.Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

function forced<T>(f: () => T): T {
  process.env.CONVLAB_CONV_ALGO = "winograd";
  clearConvAlgoChoices();
  try {
    return f();
  } finally {
    delete process.env.CONVLAB_CONV_ALGO;
    clearConvAlgoChoices();
  }
}

describe("Winograd F(2x2, 3x3) == naive TypeScript reference", { skip: jsOnly && "CONVLAB_CPU_KERNELS=js" }, () => {
  it("forward, stride-1 dL/dx and dL/dw on 40 random 3x3 geometries", () => {
    const rng = new cl.Rng(31);
    const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
    for (let i = 0; i < 40; i++) {
      const H = r(3, 21),
        W = i % 3 === 0 ? 8 * r(1, 4) - 2 : r(3, 37); // W − 2 = 8·k: rows of 4k tiles (the vector path)
      const C = r(1, 11),
        O = r(1, 15);
      const pad = [
        [r(0, 2), r(0, 2)],
        [r(0, 2), r(0, 2)],
      ] as [number, number][];
      const g3 = convGeometry3d(convGeometry("test", [r(1, 3), C, H, W], [O, C, 3, 3], { dims: 2, padding: pad }));
      assert.ok(winogradApplies(g3));
      const x = fill(g3.N * C * g3.inLen, rng),
        w = fill(O * C * 9, rng),
        dy = fill(g3.N * O * g3.L, rng);
      const y = new Float32Array(dy.length),
        dx = new Float32Array(x.length);
      convNaive(g3, x, w, y);
      convTransposeNaive(g3, dy, w, dx);
      const dw = new Float32Array(w.length);
      convWeightGradNaive(g3, x, dy, dw);
      const [gy, gdx, gdw] = forced(() => [
        convWasm("conv", g3, x, w),
        convWasm("convTranspose", g3, dy, w),
        convWasm("convWeightGrad", g3, x, dy),
      ]);
      assert.equal(convAlgoChoices().length, 0);
      const label = `case ${i}: x ${g3.N}x${C}x${H}x${W}, O ${O}, padding ${JSON.stringify(pad)}`;
      for (const [got, want, depth, what] of [
        [gy, y, 9 * C, "conv"],
        [gdx, dx, 9 * O, "dL/dx"],
        [gdw, dw, g3.N * g3.L, "dL/dw"],
      ] as const) {
        assert.ok(got, "wasm kernels ran");
        assert.equal(got.length, want.length);
        const tol = 2e-5 * Math.sqrt(depth);
        for (let k = 0; k < want.length; k++) {
          if (!(Math.abs(got[k] - want[k]) <= tol * (1 + Math.abs(want[k]))))
            assert.fail(`${what} ${label}: index ${k}: ${got[k]} vs ${want[k]}`);
        }
      }
    }
  });

  it("1 and 2 threads give the same bits", async () => {
    const rng = new cl.Rng(4);
    const g3 = convGeometry3d(convGeometry("test", [4, 16, 57, 58], [20, 16, 3, 3], { dims: 2, padding: 1 }));
    const x = fill(4 * 16 * 57 * 58, rng),
      w = fill(20 * 16 * 9, rng);
    const dy = fill(4 * 20 * g3.L, rng);
    const run = () => forced(() => [convWasm("conv", g3, x, w), convWasm("convWeightGrad", g3, x, dy)]);
    const one = await withThreads(1, run),
      two = await withThreads(2, run);
    assert.deepEqual(two, one);
  });

  it("dL/dw over several blocks of tile rows: the naive values, the same bits on 1 and 2 threads", async () => {
    const rng = new cl.Rng(8);
    // 6 images × 100 tile rows of 15 tiles: blocks of 273 tile rows (4,095 tiles), the last one partial
    const g3 = convGeometry3d(convGeometry("test", [6, 5, 200, 30], [7, 5, 3, 3], { dims: 2, padding: 1 }));
    const x = fill(6 * 5 * 200 * 30, rng),
      dy = fill(6 * 7 * g3.L, rng);
    const want = new Float32Array(7 * 5 * 9);
    convWeightGradNaive(g3, x, dy, want);
    const run = () => forced(() => convWasm("convWeightGrad", g3, x, dy));
    const one = await withThreads(1, run),
      two = await withThreads(2, run);
    assert.ok(one && two);
    assert.deepEqual(two, one);
    const tol = 2e-5 * Math.sqrt(g3.N * g3.L);
    one.forEach((v, k) =>
      assert.ok(Math.abs(v - want[k]) <= tol * (1 + Math.abs(want[k])), `index ${k}: ${v} vs ${want[k]}`),
    );
  });

  it("an inexact candidate is chosen only 20 % faster than the best exact one; the measuring call returns its values", () => {
    const busy = (ms: number) => {
      const t0 = performance.now();
      while (performance.now() - t0 < ms);
    };
    const cand = (algo: "direct" | "im2col" | "winograd", ms: number, value: number, inexact = false) => ({
      algo,
      inexact,
      run: () => (busy(ms), Float32Array.of(value)),
    });
    clearConvAlgoChoices();
    // busy waits measure (almost) exactly their time: equal times must keep the exact candidate
    assert.deepEqual(runChosen("a", [cand("direct", 10, 1), cand("winograd", 10, 2, true)]), Float32Array.of(1));
    assert.equal(convAlgoChoices()[0].algo, "direct", "as fast is not enough");
    assert.deepEqual(runChosen("b", [cand("direct", 24, 1), cand("winograd", 8, 2, true)]), Float32Array.of(2));
    assert.equal(convAlgoChoices()[1].algo, "winograd");
    assert.deepEqual(runChosen("b", [cand("direct", 24, 1), cand("winograd", 8, 3, true)]), Float32Array.of(3));
    clearConvAlgoChoices();
  });
});
