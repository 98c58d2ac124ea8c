/**
 * convolve/correlate (every mode, direct and fft methods, 1-D to 3-D) against SciPy; convMatrix,
 * convMatrix2d, locallyConnected1d/2d and tiledConv2d against definition-level NumPy loops written from
 * the lecture formulas (test/oracle/oracle_ops/conv_ops.py); plus the identities that tie them together:
 * convMatrix(h, n) @ f == convolve(f, h), convMatrix2d(w) @ x == conv2d(x, w), locally connected with equal
 * kernels == conv, tiled with t = 1 == conv, convolve == conv1d with flip. One python call for the file.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { runOracle, type OracleCase } from "../helpers/oracle";
import { pair } from "../helpers/random_data";

interface Built {
  case: OracleCase;
  run: () => cl.Tensor;
  label: string;
}

function cases(): Built[] {
  const out: Built[] = [];
  const rng = new cl.Rng(42);
  const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  let s = 5000;
  const modes = ["full", "same", "valid"] as const;
  for (let i = 0; i < 90; i++) {
    const dims = [1, 1, 2, 3][i % 4];
    const mode = modes[i % 3],
      method = i % 2 === 0 ? "direct" : "fft";
    let sa = Array.from({ length: dims }, () => r(1, dims === 3 ? 5 : dims === 2 ? 8 : 30));
    let sb = Array.from({ length: dims }, () => r(1, dims === 3 ? 4 : dims === 2 ? 6 : 12));
    if (mode === "valid" && !sa.every((n, d) => n >= sb[d]) && !sb.every((n, d) => n >= sa[d]))
      sb = sa.map((n, d) => Math.min(n, sb[d]));
    if (i % 9 === 4) [sa, sb] = [sb, sa]; // b larger than a
    const a = pair(sa, s++),
      b = pair(sb, s++);
    for (const fn of ["convolve", "correlate"] as const) {
      out.push({
        label: `${fn} ${mode} ${method} [${sa}]*[${sb}]`,
        case: { op: fn, inputs: { a: a.o, b: b.o }, attrs: { mode, method: "direct" } },
        run: () => cl[fn](a.t, b.t, { mode, method }),
      });
    }
  }
  for (let i = 0; i < 24; i++) {
    const m = r(1, 7),
      n = r(1, 12),
      mode = modes[i % 3];
    const h = pair([m], s++);
    out.push({
      label: `convMatrix m=${m} n=${n} ${mode}`,
      case: { op: "convMatrix", inputs: { h: h.o }, attrs: { n, mode } },
      run: () => cl.convMatrix(h.t, n, { mode }),
    });
  }
  const pmodes = ["zeros", "zeros", "reflect", "replicate", "circular"] as const;
  for (let i = 0; i < 20; i++) {
    const kh = r(1, 3),
      kw = r(1, 4),
      H = r(4, 7),
      W = r(4, 8);
    const stride = [r(1, 2), r(1, 2)],
      dilation = [r(1, 2), 1],
      padding = [
        [r(0, 1), r(0, 2)],
        [r(0, 2), r(0, 1)],
      ] as [number, number][];
    const flip = i % 3 === 0,
      paddingMode = pmodes[i % 5];
    const w = pair([kh, kw], s++);
    const attrs = { size: [H, W], stride, dilation, padding, flip, paddingMode };
    out.push({
      label: `convMatrix2d ${JSON.stringify(attrs)} k ${kh}x${kw}`,
      case: { op: "convMatrix2d", inputs: { w: w.o }, attrs },
      run: () => cl.convMatrix2d(w.t, [H, W], { stride, dilation, padding, flip, paddingMode }),
    });
  }
  for (let i = 0; i < 24; i++) {
    const dims = (i % 2) + 1,
      k = Array.from({ length: dims }, () => r(1, 3));
    const stride = k.map(() => r(1, 2)),
      dilation = k.map(() => r(1, 2)),
      padding = k.map(() => r(0, 1));
    const C = r(1, 3),
      O = r(1, 3),
      N = r(1, 2);
    const size = k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, 5));
    const outSize = size.map((n, d) => Math.floor((n + 2 * padding[d] - dilation[d] * (k[d] - 1) - 1) / stride[d]) + 1);
    const x = pair([N, C, ...size], s++),
      w = pair([...outSize, O, C, ...k], s++);
    const b = i % 2 ? pair([O], s++) : pair([O, ...outSize], s++);
    const fn = dims === 1 ? cl.locallyConnected1d : cl.locallyConnected2d;
    out.push({
      label: `locallyConnected${dims}d x[${x.o.shape}] w[${w.o.shape}]`,
      case: { op: "locallyConnected", inputs: { x: x.o, w: w.o, b: b.o }, attrs: { dims, stride, dilation, padding } },
      run: () => fn(x.t, w.t, { stride, dilation, padding, bias: b.t }),
    });
  }
  for (let i = 0; i < 16; i++) {
    const tiles = [r(1, 3), r(1, 3)],
      kh = r(1, 3),
      kw = r(1, 3),
      C = r(1, 2),
      O = r(1, 3);
    const stride = [r(1, 2), r(1, 2)],
      dilation = [r(1, 2), 1],
      padding = [r(0, 1), r(0, 1)];
    const x = pair([r(1, 2), C, 6 + r(0, 4), 5 + r(0, 5)], s++),
      w = pair([tiles[0] * tiles[1], O, C, kh, kw], s++),
      b = pair([O], s++);
    out.push({
      label: `tiledConv2d tiles ${tiles} x[${x.o.shape}] w[${w.o.shape}]`,
      case: { op: "tiledConv2d", inputs: { x: x.o, w: w.o, b: b.o }, attrs: { tiles, stride, dilation, padding } },
      run: () => cl.tiledConv2d(x.t, w.t, { tiles: tiles as [number, number], stride, dilation, padding, bias: b.t }),
    });
  }
  return out;
}

describeBackends("convolve, convMatrix, locally connected, tiled vs SciPy / NumPy definitions", (ctx) => {
  it("matches the oracle on every case", async () => {
    const built = cases();
    assert.ok(built.length >= 250, `expected >= 250 cases, got ${built.length}`);
    const results = runOracle(built.map((b) => b.case));
    for (let i = 0; i < built.length; i++) {
      const res = results[i];
      if ("error" in res) assert.fail(`${built[i].label}: oracle error ${res.error}`);
      await assertClose(built[i].run(), res.outputs[0].data, {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 20,
        shape: res.outputs[0].shape,
        label: built[i].label,
      });
    }
  });

  it("identities: convMatrix @ f == convolve, convMatrix2d @ x == conv2d, equal-kernel locally connected == conv2d, t=1 tiled == conv2d, convolve == conv1d with flip", async () => {
    const tol = { rtol: ctx.rtol * 10, atol: ctx.atol * 10 };
    for (const mode of ["full", "same", "valid"] as const) {
      const h = cl.randn([5], { seed: 1 }),
        f = cl.randn([13], { seed: 2 });
      await assertClose(cl.matmul(cl.convMatrix(h, 13, { mode }), f), cl.convolve(f, h, { mode, method: "direct" }), {
        ...tol,
        label: `convMatrix ${mode}`,
      });
    }
    const x = cl.randn([1, 1, 7, 9], { seed: 3 }),
      w = cl.randn([1, 1, 3, 2], { seed: 4 });
    const opts = {
      stride: [2, 1],
      padding: [
        [1, 0],
        [0, 2],
      ] as [number, number][],
      dilation: [1, 2],
      paddingMode: "reflect" as const,
    };
    const viaMatrix = cl.matmul(cl.convMatrix2d(w, [7, 9], opts), cl.reshape(x, [63]));
    await assertClose(viaMatrix, cl.conv2d(x, w, opts), { ...tol, label: "convMatrix2d" });

    const xc = cl.randn([2, 3, 8, 7], { seed: 5 }),
      wc = cl.randn([4, 3, 3, 2], { seed: 6 });
    const ref = cl.conv2d(xc, wc, { stride: [1, 2], padding: 1 });
    const [OH, OW] = ref.shape.slice(2);
    const wl = cl.broadcastTo(cl.reshape(wc, [1, 1, 4, 3, 3, 2]), [OH, OW, 4, 3, 3, 2]);
    await assertClose(cl.locallyConnected2d(xc, wl, { stride: [1, 2], padding: 1 }), ref, {
      ...tol,
      label: "locally connected == conv2d",
    });
    await assertClose(
      cl.tiledConv2d(xc, cl.reshape(wc, [1, 4, 3, 3, 2]), { tiles: 1, stride: [1, 2], padding: 1 }),
      ref,
      { ...tol, label: "tiled t=1 == conv2d" },
    );
    // groups: t = 1 is grouped conv2d; t = 2 on a 1x1 tiling axis pattern agrees with conv2d per tile
    const xg = cl.randn([2, 4, 7, 6], { seed: 11 }),
      wg = cl.randn([6, 2, 3, 3], { seed: 12 });
    await assertClose(
      cl.tiledConv2d(xg, cl.reshape(wg, [1, 6, 2, 3, 3]), { groups: 2, padding: 1 }),
      cl.conv2d(xg, wg, { groups: 2, padding: 1 }),
      { ...tol, label: "tiled t=1 groups=2" },
    );
    const wt = cl.randn([2, 6, 2, 3, 3], { seed: 13 });
    const yt = (await cl.tiledConv2d(xg, wt, { tiles: [1, 2], groups: 2, padding: 1 }).toArray()) as number[][][][];
    for (const tile of [0, 1]) {
      const yc = (await cl
        .conv2d(xg, cl.reshape(cl.slice(wt, [tile]), [6, 2, 3, 3]), { groups: 2, padding: 1 })
        .toArray()) as number[][][][];
      const pick = (y: number[][][][]) =>
        y.map((img) => img.map((ch) => ch.map((row) => row.filter((_, ow) => ow % 2 === tile))));
      await assertClose(pick(yt).flat(3), pick(yc).flat(3), { ...tol, label: `tiled [1,2] groups=2 tile ${tile}` });
    }
    const x1 = cl.randn([1, 2, 20], { seed: 7 }),
      w1 = cl.randn([3, 2, 4], { seed: 8 });
    const wl1 = cl.broadcastTo(cl.reshape(w1, [1, 3, 2, 4]), [17, 3, 2, 4]);
    await assertClose(cl.locallyConnected1d(x1, wl1), cl.conv1d(x1, w1), {
      ...tol,
      label: "locally connected 1d == conv1d",
    });

    const a = cl.randn([31], { seed: 9 }),
      h = cl.randn([6], { seed: 10 });
    const viaConv = cl.conv1d(cl.reshape(a, [1, 1, 31]), cl.reshape(h, [1, 1, 6]), { flip: true, padding: "full" });
    await assertClose(cl.reshape(viaConv, [36]), cl.convolve(a, h), { ...tol, label: "convolve == conv1d flip full" });
    await assertClose(cl.convolve(a, h, { method: "fft" }), cl.convolve(a, h, { method: "direct" }), {
      ...tol,
      label: "fft == direct",
    });
  });
});
