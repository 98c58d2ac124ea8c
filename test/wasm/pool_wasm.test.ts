/**
 * The WebAssembly pooling kernel (pool.wasm.ts) against the TypeScript kernel on seeded random geometries
 * (1-D/2-D/3-D, strides, dilation, padding, ceilMode, NaNs, windows with no in-bounds tap): the same
 * values and indices bit for bit (it sums avg windows in f64 as the TypeScript kernel does), threaded too;
 * long rows for max pooling's four-windows-per-f32x4 path, with ties (the first maximum wins) and NaNs.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { poolGeometry } from "../../src/ops/pool/geometry/pool_geometry";
import { poolWasm } from "../../src/ops/pool/cpu/pool.wasm";
import { avgPoolGradTs, poolForwardsTs } from "../../src/ops/pool/cpu/pool.cpu";
import { withThreads } from "./wasm_harness";

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";

describe("pool wasm kernel == TypeScript kernel", { skip: jsOnly && "CONVLAB_CPU_KERNELS=js" }, () => {
  it("max / avg / avg dL/dx on random geometries", async () => {
    const rng = new cl.Rng(13);
    const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
    for (let i = 0; i < 60; i++) {
      const dims = r(1, 3),
        k = Array.from({ length: dims }, () => r(1, 3));
      const stride = k.map(() => r(1, 3)),
        dilation = k.map(() => (i % 4 === 0 ? r(1, 3) : 1));
      const padding = k.map((kk) => r(0, Math.floor(kk / 2)));
      const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, 6));
      const shape = [r(1, 2), r(1, 3), ...size];
      const ceilMode = rng.uniform() < 0.3;
      const x = cl.randn(shape, { seed: i });
      const xv = x.dataSync() as Float32Array;
      if (i % 7 === 0) xv[r(0, xv.length - 1)] = NaN;
      const opts = { kernelSize: k, stride, padding, dilation, ceilMode };
      const g = poolGeometry("test", shape, { dims, ...opts });
      const run = (kind: "max" | "avg" | "avgGrad", input: Float32Array, cip: boolean) => poolWasm(kind, g, input, cip);
      for (const cip of [false, true]) {
        const want = poolForwardsTs.max(xv, g, cip, "float32"),
          got = run("max", xv, cip);
        if (!got) return assert.fail("wasm kernels unavailable");
        assert.deepEqual(got.y, want.y, `max ${i} ${JSON.stringify(opts)}`);
        assert.deepEqual(got.idx, want.idx, `max idx ${i}`);
        if (dilation.some((d) => d !== 1)) continue; // avg pooling has no dilation
        assert.deepEqual(run("avg", xv, cip)?.y, poolForwardsTs.avg(xv, g, cip, "float32").y, `avg ${i} cip ${cip}`);
        const dy = cl.randn([shape[0], shape[1], ...g.outSize], { seed: 500 + i });
        assert.deepEqual(
          run("avgGrad", dy.dataSync() as Float32Array, cip)?.y,
          avgPoolGradTs(g, dy.dataSync(), cip, "float32"),
          `avgGrad ${i} cip ${cip}`,
        );
      }
    }
  });

  it("max pooling's f32x4 path on long rows: ties, NaNs, strides 1-4, dilation, padding", () => {
    const rng = new cl.Rng(29);
    const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
    for (let i = 0; i < 40; i++) {
      const dims = r(1, 3),
        k = Array.from({ length: dims }, () => r(1, 3));
      const stride = k.map(() => r(1, 4)),
        dilation = k.map(() => (i % 3 === 0 ? r(1, 2) : 1)),
        padding = k.map((kk) => r(0, Math.floor(kk / 2)));
      // the last dim long enough for several runs of four full windows, the others short
      const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + (d === dims - 1 ? r(12, 40) : r(0, 3)));
      const shape = [r(1, 2), r(1, 3), ...size];
      // small integers: many ties inside a window
      const xv = Float32Array.from(cl.randn(shape, { seed: 100 + i }).dataSync(), (v) => Math.round(v * 1.5));
      for (let n = i % 4; n > 0; n--) xv[r(0, xv.length - 1)] = NaN;
      const opts = { kernelSize: k, stride, padding, dilation, ceilMode: i % 5 === 0 };
      const g = poolGeometry("test", shape, { dims, ...opts });
      const want = poolForwardsTs.max(xv, g, false, "float32"),
        got = poolWasm("max", g, xv, false);
      if (!got) return assert.fail("wasm kernels unavailable");
      assert.deepEqual(got.y, want.y, `max ${i} ${JSON.stringify({ shape, ...opts })}`);
      assert.deepEqual(got.idx, want.idx, `max idx ${i} ${JSON.stringify({ shape, ...opts })}`);
    }
  });

  it("threaded pooling is bit-identical to one thread", async () => {
    const shape = [8, 32, 41, 40],
      g = poolGeometry("test", shape, { dims: 2, kernelSize: [3, 3], stride: [2, 2], padding: [1, 1] });
    const xv = cl.randn(shape, { seed: 1 }).dataSync() as Float32Array,
      dy = cl.randn([8, 32, ...g.outSize], { seed: 2 }).dataSync() as Float32Array;
    for (const [kind, input] of [
      ["max", xv],
      ["avg", xv],
      ["avgGrad", dy],
    ] as const) {
      const one = await withThreads(1, () => poolWasm(kind, g, input, false)),
        two = await withThreads(2, () => poolWasm(kind, g, input, false));
      assert.deepEqual(two, one, kind);
    }
  });
});
