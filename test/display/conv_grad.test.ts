/**
 * cl.showConvolutionGrad: the payload's dL/dw and dL/dx (the library's autograd) equal a by-hand
 * accumulation written here from the definition, 1-D and 2-D, with stride 2, padding 1 and dilation; the
 * shared step sums (src/display/conv_grad_steps.ts, which the extension's view and the static figure use)
 * reach them at the last step and agree with the by-hand partial sums after every step; shapes are checked.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import ndarray from "ndarray";
import * as cl from "../../src/index";
import {
  accumulate,
  dwTerms,
  dxTerms,
  geometryOf,
  stepCount,
  sumOf,
  sumParts,
  valuesOf,
} from "../../src/display/conv_grad_steps";
import { convolutionGradPayload } from "../../src/display/conv_grad_view";
import { arrayValues, decodePayload, type ConvolutionGradView } from "../../src/display/payload";
import { textLine } from "../../src/display/render";
import { lcg } from "./figure_samples";

/**
 * The backward pass from the definition, for a 2-D single channel (a signal is one row): every output
 * position t = (i, j) and tap (a, b) with input cell r = i·s + a·d − p (and likewise c) inside x adds
 * dy[t]·x[r, c] to dw[a, b] and dy[t]·w[a, b] to dx[r, c]. `steps` stops after that many positions.
 */
function byHand(
  x: number[][],
  w: number[][],
  dy: number[][],
  s: [number, number],
  p: [number, number],
  d: [number, number],
  steps = Infinity,
) {
  const dw = w.map((row) => row.map(() => 0)),
    dx = x.map((row) => row.map(() => 0));
  let t = 0;
  for (let i = 0; i < dy.length; i++)
    for (let j = 0; j < dy[0].length; j++, t++) {
      if (t >= steps) continue;
      for (let a = 0; a < w.length; a++)
        for (let b = 0; b < w[0].length; b++) {
          const r = i * s[0] + a * d[0] - p[0],
            c = j * s[1] + b * d[1] - p[1];
          if (r < 0 || r >= x.length || c < 0 || c >= x[0].length) continue;
          dw[a][b] += dy[i][j] * x[r][c];
          dx[r][c] += dy[i][j] * w[a][b];
        }
    }
  return { dw: dw.flat(), dx: dx.flat() };
}

const outSize = (n: number, k: number, s: number, p: number, d: number) =>
  Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
const rand2d = (rnd: () => number, h: number, w: number) =>
  Array.from({ length: h }, () => Array.from({ length: w }, () => Math.round((rnd() * 4 - 2) * 4) / 4));

function close(got: ArrayLike<number>, want: number[], what: string, tol = 1e-5): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++)
    assert.ok(
      Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])),
      `${what}[${i}]: got ${got[i]}, want ${want[i]}`,
    );
}

/** The view's running sums after every step equal the by-hand partial sums; the last step equals the payload (autograd). */
function checkSteps(p: ConvolutionGradView, hand: (steps: number) => { dw: number[]; dx: number[] }): void {
  const g = geometryOf(p),
    v = valuesOf(p);
  for (let s = 1; s <= stepCount(g); s++) {
    const acc = accumulate(g, v.x, v.w, v.dy, s),
      h = hand(s);
    close(acc.dw, h.dw, `dw after ${s} steps`);
    close(acc.dx, h.dx, `dx after ${s} steps`);
  }
  const all = accumulate(g, v.x, v.w, v.dy, stepCount(g));
  close(all.dw, Array.from(v.dw), "last step's dw vs autograd");
  close(all.dx, Array.from(v.dx), "last step's dx vs autograd");
}

describe("showConvolutionGrad payload", () => {
  const rnd = lcg(5);
  for (const [s, p, d] of [
    [2, 1, 1],
    [1, 0, 1],
    [1, 1, 2],
    [3, 2, 1],
  ] as const) {
    it(`2-D: dL/dw and dL/dx from autograd equal the by-hand accumulation (stride ${s}, padding ${p}, dilation ${d})`, async () => {
      const x = rand2d(rnd, 6, 5),
        w = rand2d(rnd, 3, 3);
      const dy = rand2d(rnd, outSize(6, 3, s, p, d), outSize(5, 3, s, p, d));
      const pl = await convolutionGradPayload(x, w, dy, { stride: s, padding: p, dilation: d });
      const hand = byHand(x, w, dy, [s, s], [p, p], [d, d]);
      close(arrayValues(pl.dw), hand.dw, "dw");
      close(arrayValues(pl.dx), hand.dx, "dx");
      assert.deepEqual(
        [pl.input.shape, pl.kernel.shape, pl.dy.shape, pl.dx.shape, pl.dw.shape],
        [[6, 5], [3, 3], dy.length ? [dy.length, dy[0].length] : [], [6, 5], [3, 3]],
      );
      assert.deepEqual(
        [pl.stride, pl.padding, pl.dilation],
        [
          [s, s],
          [p, p],
          [d, d],
        ],
      );
      checkSteps(pl, (n) => byHand(x, w, dy, [s, s], [p, p], [d, d], n));
    });
  }

  for (const [s, p, d] of [
    [2, 1, 1],
    [1, 0, 1],
    [1, 2, 2],
  ] as const) {
    it(`1-D: the same for a signal (stride ${s}, padding ${p}, dilation ${d})`, async () => {
      const x = rand2d(rnd, 1, 9)[0],
        w = rand2d(rnd, 1, 3)[0];
      const dy = rand2d(rnd, 1, outSize(9, 3, s, p, d))[0];
      const pl = await convolutionGradPayload(x, w, dy, { stride: s, padding: p, dilation: d });
      const hand = byHand([x], [w], [dy], [1, s], [0, p], [1, d]);
      close(arrayValues(pl.dw), hand.dw, "dw");
      close(arrayValues(pl.dx), hand.dx, "dx");
      assert.deepEqual(
        [pl.input.shape, pl.dy.shape, pl.stride, pl.padding, pl.dilation],
        [[9], [dy.length], [s], [p], [d]],
      );
      checkSteps(pl, (n) => byHand([x], [w], [dy], [1, s], [0, p], [1, d], n));
    });
  }

  it("hand-derived 1-D example: x = 1..7, w = (1, −1, 2), dy = (1, 2, −1, 0.5), stride 2, padding 1", async () => {
    const pl = await convolutionGradPayload([1, 2, 3, 4, 5, 6, 7], [1, -1, 2], [1, 2, -1, 0.5], {
      stride: 2,
      padding: 1,
    });
    // windows read x[-1..1], x[1..3], x[3..5], x[5..7] (x[-1] and x[7] are padding)
    assert.deepEqual(Array.from(arrayValues(pl.dw)), [
      0 + 2 * 2 - 4 + 0.5 * 6,
      1 + 2 * 3 - 5 + 0.5 * 7,
      2 + 2 * 4 - 6 + 0,
    ]);
    assert.deepEqual(Array.from(arrayValues(pl.dx)), [-1, 2 * 1 + 2, -2, -1 * 1 + 2 * 2, 1, 0.5 * 1 - 2, -0.5]);
    const g = geometryOf(pl),
      v = valuesOf(pl);
    const dw0 = dwTerms(g, v.x, v.dy, 0, 0, stepCount(g));
    assert.deepEqual(sumParts(g, "dL/dw[0]", dw0, "x", String, false), [
      "dL/dw[0] = dy[0]·x[-1]",
      "+ dy[1]·x[1]",
      "+ dy[2]·x[3]",
      "+ dy[3]·x[5]",
    ]);
    assert.deepEqual(sumParts(g, "dL/dw[0]", dw0, "x", String, true), [
      "dL/dw[0] = 1·0",
      "+ 2·2",
      "+ (-1)·4",
      "+ 0.5·6",
      "= 3",
    ]);
    const dx3 = dxTerms(g, v.w, v.dy, 0, 3, stepCount(g));
    assert.deepEqual(
      dx3.map((k) => [k.t, k.tap.kw]),
      [
        [1, 2],
        [2, 0],
      ],
      "x[3] is the last tap of window 1 and the first of window 2",
    );
    assert.equal(sumOf(dx3), 3);
  });

  it("accepts Tensors and (1,1,…) layouts; the tap, the text line and the decoder", async () => {
    const x = cl.randn([1, 1, 5, 5], { seed: 1 }),
      w = cl.randn([1, 1, 3, 3], { seed: 2 }),
      dy = cl.randn([1, 1, 3, 3], { seed: 3 });
    const pl = await convolutionGradPayload(x, w, dy, { stride: 2, padding: 1, tap: [1, 2], title: "t" });
    const [, back] = cl.vjp((a, b) => cl.conv2d(a, b, { stride: 2, padding: 1 }), x, w);
    const [gx, gw] = back(dy);
    close(arrayValues(pl.dx), Array.from((await gx.toNdarray()).data), "dx vs cl.vjp", 1e-4);
    close(arrayValues(pl.dw), Array.from((await gw.toNdarray()).data), "dw vs cl.vjp", 1e-4);
    assert.deepEqual(pl.tap, [1, 2]);
    const back2 = decodePayload(JSON.parse(JSON.stringify(pl)));
    assert.ok(back2.ok && back2.payload.kind === "convolutionGrad");
    assert.equal(
      textLine(pl),
      "t: convolution gradient float32 [1,1,5,5] x 5x5, w 3x3, dy 3x3 -> dL/dw 3x3, dL/dx 5x5",
    );
    const nd = await convolutionGradPayload(ndarray(Float64Array.from([1, 2, 3, 4]), [4]), [[[1, 1]]], [1, 1, 1]);
    assert.deepEqual(Array.from(arrayValues(nd.dw)), [6, 9]);
  });

  it("says what it expects for bad shapes and options", async () => {
    const x = [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      w = [
        [1, 0],
        [0, 1],
      ];
    await assert.rejects(
      convolutionGradPayload(x, w, [
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      /showConvolutionGrad: expected dy of the output's shape \[2,2\], got \[3,2\]/,
    );
    await assert.rejects(
      convolutionGradPayload([x, x], w, [
        [1, 1],
        [1, 1],
      ]),
      /showConvolutionGrad: expected x of shape \[H,W\] \(an image, single channel\), got \[2,3,3\]/,
    );
    await assert.rejects(convolutionGradPayload(x, [[[[1]], [[1]]]], [[1]]), /expected w of shape \[kh,kw\]/);
    await assert.rejects(convolutionGradPayload(x, w, [[1]], { stride: 0 }), /expected stride as an integer >= 1/);
    await assert.rejects(convolutionGradPayload(x, [[1, 1, 1, 1]], [[1]]), /expected the kernel \[1,4\].*to fit/);
    await assert.rejects(
      convolutionGradPayload(
        x,
        w,
        [
          [1, 1],
          [1, 1],
        ],
        { tap: [2, 0] },
      ),
      /expected tap inside the kernel \[2,2\], got \[2,0\]/,
    );
    await assert.rejects(
      convolutionGradPayload(
        Array.from({ length: 65 }, () => 0),
        [1],
        Array.from({ length: 65 }, () => 0),
      ),
      /at most 64 per side/,
    );
  });

  it("the decoder rejects a payload whose dy, dx or dw does not fit the geometry", async () => {
    const pl = await convolutionGradPayload(
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    );
    const bad = (patch: Record<string, unknown>) => decodePayload({ ...JSON.parse(JSON.stringify(pl)), ...patch });
    const r1 = bad({ stride: [2, 2] });
    assert.ok(!r1.ok && /payload\.dy\.shape to be the output shape \[1,1\]/.test(r1.error), JSON.stringify(r1));
    const r2 = bad({ dw: pl.dx });
    assert.ok(!r2.ok && /payload\.dw\.shape to be the kernel shape \[2,2\]/.test(r2.error));
    const r3 = bad({ stride: [1] });
    assert.ok(!r3.ok && /payload\.stride/.test(r3.error));
    const r4 = bad({ tap: [0, 5] });
    assert.ok(!r4.ok && /payload\.tap/.test(r4.error));
  });
});
