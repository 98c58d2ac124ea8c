/**
 * The fast cpu conv kernels (im2col + gemm, chunked) against the naive reference loops, on seeded random
 * geometries: 1-D/2-D/3-D, groups, stride + dilation, asymmetric padding, small chunk sizes (so the
 * chunked paths run), float32 and float64. Pure cpu: these are the cpu backend's own kernels.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { convGeometry } from "../../src/ops/conv/geometry/conv_geometry";
import type { ConvGeometry } from "../../src/core/geometry";
import { convGeometry3d } from "../../src/ops/conv/geometry/conv_geometry_3d";
import { convFast, convTransposeFast, convWeightGradFast } from "../../src/ops/conv/cpu/conv_gemm.cpu";
import {
  convNaive,
  convTransposeNaive,
  convWeightGradNaive,
  foldNaive,
  unfoldNaive,
} from "../../src/ops/conv/cpu/conv_naive.cpu";
import { unfoldCpu, foldCpu } from "../../src/ops/conv/cpu/unfold.cpu";
import { runConvKernel } from "../../src/ops/conv/cpu/conv_threads.cpu";
import * as os from "node:os";

function randomGeometry(rng: cl.Rng): ConvGeometry {
  const dims = 1 + Math.floor(rng.uniform() * 3);
  const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const groups = r(1, 3),
    k = Array.from({ length: dims }, () => r(1, dims === 3 ? 3 : 4));
  const dilation = k.map(() => r(1, 2)),
    stride = k.map(() => r(1, 3));
  const padding = k.map(() => [r(0, 2), r(0, 2)] as [number, number]);
  const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, dims === 3 ? 3 : 7));
  const C = groups * r(1, 3),
    O = groups * r(1, 3);
  return convGeometry("test", [r(1, 2), C, ...size], [O, C / groups, ...k], {
    dims,
    stride,
    dilation,
    padding,
    groups,
  });
}

function fill(n: number, rng: cl.Rng, f64: boolean): Float32Array | Float64Array {
  const a = f64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal();
  return a;
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, label: string): void {
  assert.equal(a.length, b.length, label);
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])))) assert.fail(`${label}: index ${i}: ${a[i]} vs ${b[i]}`);
  }
}

describe("conv cpu kernels: fast (im2col + gemm) == naive reference", () => {
  it("conv, convTranspose, convWeightGrad on 60 random geometries, chunked and not", () => {
    const rng = new cl.Rng(7);
    for (let i = 0; i < 60; i++) {
      const g = randomGeometry(rng),
        g3 = convGeometry3d(g),
        f64 = i % 3 === 0,
        tol = f64 ? 1e-12 : 1e-5;
      const xLen = g3.N * g3.C * g3.inLen,
        wLen = g3.O * g3.Cg * g3.K,
        yLen = g3.N * g3.O * g3.L;
      const x = fill(xLen, rng, f64),
        w = fill(wLen, rng, f64),
        dy = fill(yLen, rng, f64);
      const chunk = i % 2 === 0 ? 1 << 19 : 1 + Math.floor(rng.uniform() * 40);
      const label = `case ${i} ${JSON.stringify(g)} chunk ${chunk}`;
      const mk = (n: number) => (f64 ? new Float64Array(n) : new Float32Array(n));
      const [y1, y2] = [mk(yLen), mk(yLen)];
      convFast(g3, x, w, y1, chunk);
      convNaive(g3, x, w, y2);
      close(y1, y2, tol, `conv ${label}`);
      const [dx1, dx2] = [mk(xLen), mk(xLen)];
      convTransposeFast(g3, dy, w, dx1, chunk);
      convTransposeNaive(g3, dy, w, dx2);
      close(dx1, dx2, tol, `convTranspose ${label}`);
      const [dw1, dw2] = [mk(wLen), mk(wLen)];
      convWeightGradFast(g3, x, dy, dw1, chunk);
      convWeightGradNaive(g3, x, dy, dw2);
      close(dw1, dw2, tol * 10, `convWeightGrad ${label}`);
    }
  });

  it("the 1x1 pointwise shortcut equals the naive loop", () => {
    const rng = new cl.Rng(3);
    const g3 = convGeometry3d(convGeometry("test", [2, 6, 5, 7], [4, 3, 1, 1], { dims: 2, groups: 2 }));
    const x = fill(2 * 6 * 35, rng, false),
      w = fill(12, rng, false),
      dy = fill(2 * 4 * 35, rng, false);
    const y1 = new Float32Array(280),
      y2 = new Float32Array(280);
    convFast(g3, x, w, y1);
    convNaive(g3, x, w, y2);
    close(y1, y2, 1e-5, "conv 1x1");
    const dx1 = new Float32Array(420),
      dx2 = new Float32Array(420);
    convTransposeFast(g3, dy, w, dx1);
    convTransposeNaive(g3, dy, w, dx2);
    close(dx1, dx2, 1e-5, "convTranspose 1x1");
  });

  it("unfold/fold kernels equal the naive loops and are adjoint: <unfold(x), c> == <x, fold(c)>", () => {
    const rng = new cl.Rng(11);
    for (let i = 0; i < 20; i++) {
      const g = randomGeometry(rng),
        g3 = convGeometry3d(g);
      const x = cl.tensor(fill(g3.N * g3.C * g3.inLen, rng, true), [g.batch, g.inChannels, ...g.inSize], {
        dtype: "float64",
      });
      const c = cl.tensor(fill(g3.N * g3.C * g3.K * g3.L, rng, true), [g.batch, g.inChannels * g3.K, g3.L], {
        dtype: "float64",
      });
      const u = unfoldCpu([x], { geom: g })[0].dataSync(),
        f = foldCpu([c], { geom: g })[0].dataSync();
      const u2 = new Float64Array(u.length),
        f2 = new Float64Array(f.length);
      unfoldNaive(g3, x.dataSync() as Float64Array, u2);
      foldNaive(g3, c.dataSync() as Float64Array, f2);
      close(u, u2, 1e-12, `unfold ${i}`);
      close(f, f2, 1e-12, `fold ${i}`);
      const cv = c.dataSync(),
        xv = x.dataSync();
      let lhs = 0,
        rhs = 0;
      for (let j = 0; j < u.length; j++) lhs += u[j] * cv[j];
      for (let j = 0; j < f.length; j++) rhs += xv[j] * f[j];
      assert.ok(Math.abs(lhs - rhs) <= 1e-9 * (1 + Math.abs(lhs)), `adjoint ${i}: ${lhs} vs ${rhs}`);
    }
  });

  it("split over output ranges and over worker threads, conv / convTranspose / convWeightGrad are bit-identical", async (t) => {
    const rng = new cl.Rng(5);
    const g3 = convGeometry3d(
      convGeometry("test", [2, 16, 48, 40], [32, 8, 3, 3], {
        dims: 2,
        padding: [
          [1, 0],
          [2, 1],
        ],
        stride: [1, 2],
        groups: 2,
      }),
    );
    const x = fill(g3.N * g3.C * g3.inLen, rng, false),
      w = fill(g3.O * g3.Cg * g3.K, rng, false),
      dy = fill(g3.N * g3.O * g3.L, rng, false);
    const ref = new Float32Array(g3.N * g3.O * g3.L),
      parts = new Float32Array(ref.length);
    convFast(g3, x, w, ref);
    const total = g3.N * g3.G * g3.L,
      cuts = [0, 7, Math.floor(total / 3), total - 5, total];
    for (let i = 0; i + 1 < cuts.length; i++) convFast(g3, x, w, parts, 1000, cuts[i], cuts[i + 1]);
    assert.deepEqual(parts, ref);
    const dxRef = new Float32Array(x.length),
      dwRef = new Float32Array(w.length);
    convTransposeFast(g3, dy, w, dxRef);
    convWeightGradFast(g3, x, dy, dwRef);
    runConvKernel("conv", g3, x, w, "float32"); // starts the pool
    if (os.availableParallelism() < 2) {
      t.skip("one core: the worker pool is not started");
      return;
    }
    let y = runConvKernel("conv", g3, x, w, "float32");
    for (let i = 0; i < 100 && !(y.buffer instanceof SharedArrayBuffer); i++) {
      await new Promise((r) => setTimeout(r, 50));
      y = runConvKernel("conv", g3, x, w, "float32");
    }
    assert.ok(y.buffer instanceof SharedArrayBuffer, "expected the worker pool to take part within 5 s");
    assert.deepEqual(y, ref);
    const dx = runConvKernel("convTranspose", g3, dy, w, "float32"),
      dw = runConvKernel("convWeightGrad", g3, x, dy, "float32");
    assert.ok(
      dx.buffer instanceof SharedArrayBuffer && dw.buffer instanceof SharedArrayBuffer,
      "expected threaded gradient kernels",
    );
    assert.deepEqual(dx, dxRef);
    assert.deepEqual(dw, dwRef);
  });
});
