/**
 * The lecture examples as tests: Goodfellow et al.'s 4x4 example with two edge kernels (Deep Learning §9.1),
 * the 5x5x3 image with two 3x3x3 filters, biases, pad 1, stride 2 (Cochez, Lecture 3, Part Three), the
 * (1,4,6,4,1)/16 Gaussian (Hofmann, Lecture 1, eqs. 1.8-1.9) — plus strided-view inputs (transposed, sliced, step(-1) ndarrays) and convolve's
 * "auto" method.
 */
import { it } from "node:test";
import ndarray from "ndarray";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { fftIsCheaper } from "../../src/ops/conv/convolve";
import assert from "node:assert/strict";

describeBackends("conv lecture examples and strided inputs", (ctx) => {
  it("Goodfellow 9.1 worked 4x4 example, zero padding 1, no kernel flip (seed 001)", async () => {
    const x = [
      [1, 5, 2, 3],
      [5, 5, 5, 5],
      [2, 5, 1, 2],
      [3, 5, 2, 2],
    ];
    const k1 = [
        [-1, 2, -1],
        [-1, 2, -1],
        [-1, 2, -1],
      ],
      k2 = [
        [-1, -1, -1],
        [2, 2, 2],
        [-1, -1, -1],
      ];
    const y = cl.conv2d([x], [[k1], [k2]], { padding: 1 });
    // The seed prints Output 1 row 2 as "1 14 -4 12": the computation gives -9 at column 3
    // (-(5+5+5) + 2·(2+5+1) - (3+5+2) = -9; a transcription error in the slides).
    const out1 = [
      [2, 7, -4, 9],
      [1, 14, -9, 12],
      [5, 12, -8, 10],
      [0, 12, -8, 5],
    ];
    // Output 2 is only partly printed (row 1: 2 1 5 0; row 2 starts with 7); the rest is computed.
    const out2 = [
      [2, 1, 5, 0],
      [7, 14, 12, 12],
      [-4, -9, -8, -8],
      [9, 12, 10, 5],
    ];
    await assertClose(y, [out1, out2], { atol: 0, rtol: 0, shape: [2, 4, 4] });
  });

  it("lecture 004: 5x5x3 input, two 3x3x3 filters, biases 1 and 0, pad 1, stride 2 → the printed 3x3x2 volume", async () => {
    const x = [
      // x[:, :, c] of the slides, as channel planes
      [
        [1, 1, 0, 2, 1],
        [2, 1, 0, 2, 0],
        [2, 2, 1, 2, 2],
        [0, 2, 2, 1, 2],
        [2, 1, 0, 0, 2],
      ],
      [
        [1, 2, 1, 0, 2],
        [2, 0, 0, 0, 2],
        [0, 2, 0, 1, 0],
        [1, 2, 0, 1, 2],
        [1, 0, 2, 0, 1],
      ],
      [
        [2, 0, 0, 0, 1],
        [0, 0, 0, 1, 0],
        [1, 1, 0, 2, 1],
        [0, 0, 0, 2, 1],
        [0, 1, 1, 2, 2],
      ],
    ];
    const w0 = [
      [
        [-1, 0, 0],
        [-1, -1, 1],
        [0, 1, -1],
      ],
      [
        [-1, 0, -1],
        [1, -1, 0],
        [0, 1, -1],
      ],
      [
        [0, -1, -1],
        [1, 1, -1],
        [-1, -1, -1],
      ],
    ];
    const w1 = [
      [
        [0, 1, 1],
        [1, 1, -1],
        [-1, 1, -1],
      ],
      [
        [1, -1, 0],
        [1, 1, 1],
        [-1, 1, 0],
      ],
      [
        [0, 1, -1],
        [0, 1, 1],
        [1, 0, 0],
      ],
    ];
    const y = cl.conv2d(x, [w0, w1], { bias: [1, 0], padding: 1, stride: 2 });
    const o0 = [
        [5, 0, -2],
        [-2, -3, 0],
        [-4, -9, -1],
      ],
      o1 = [
        [8, -1, 7],
        [4, 4, 8],
        [4, 9, 7],
      ];
    await assertClose(y, [o0, o1], { atol: 0, rtol: 0, shape: [2, 3, 3] });
  });

  it("lecture 000 example 1.2: the (1,4,6,4,1)/16 Gaussian, eq. 1.9 and separability", async () => {
    const h = [1, 4, 6, 4, 1].map((v) => v / 16);
    const f = Array.from({ length: 12 }, (_, i) => Math.sin(i) * 3 + i);
    const F = (i: number) => (i >= 0 && i < f.length ? f[i] : 0);
    // eq. 1.9: (f ∗ h)[u] = (6f[u] + 4f[u−1] + 4f[u+1] + f[u−2] + f[u+2]) / 16, centred ("same")
    const expect = f.map((_, u) => (6 * F(u) + 4 * F(u - 1) + 4 * F(u + 1) + F(u - 2) + F(u + 2)) / 16);
    await assertClose(cl.convolve(f, h, { mode: "same" }), expect, { rtol: ctx.rtol, atol: ctx.atol });
    // an impulse reproduces the kernel; a constant stays constant where the window is inside ("valid")
    await assertClose(cl.convolve([0, 0, 1, 0, 0], h, { mode: "same" }), h, { rtol: ctx.rtol, atol: ctx.atol });
    await assertClose(cl.convolve(new Array(9).fill(2), h, { mode: "valid" }), [2, 2, 2, 2, 2], {
      rtol: ctx.rtol,
      atol: ctx.atol,
    });
    // 2-D Gaussian h hᵀ: one 5x5 conv == a 5x1 then a 1x5 conv (Goodfellow 9.8, separable kernels)
    const img = cl.randn([1, 1, 9, 11], { seed: 1 });
    const h2 = cl.reshape(cl.matmul(cl.reshape(h, [5, 1]), cl.reshape(h, [1, 5])), [1, 1, 5, 5]);
    const twoPass = cl.conv2d(cl.conv2d(img, cl.reshape(h, [1, 1, 5, 1])), cl.reshape(h, [1, 1, 1, 5]));
    await assertClose(cl.conv2d(img, h2), twoPass, { rtol: ctx.rtol * 10, atol: ctx.atol });
  });

  it("accepts strided ndarray views (transposed, sliced, step(-1)) and tensor views", async () => {
    const base = new Float32Array(2 * 3 * 9 * 8).map((_, i) => Math.sin(i * 0.37));
    const nd = ndarray(base, [2, 3, 9, 8]);
    const w = cl.randn([4, 3, 3, 2], { seed: 2 });
    const views = {
      transposed: nd.transpose(0, 1, 3, 2),
      sliced: nd.hi(2, 3, 8, 7).lo(0, 0, 1, 2),
      reversed: nd.step(1, -1, -1, 1),
    };
    for (const [name, v] of Object.entries(views)) {
      const copy = ndarray(new Float32Array(v.size), v.shape);
      for (let i = 0; i < v.shape[0]; i++)
        for (let c = 0; c < v.shape[1]; c++)
          for (let a = 0; a < v.shape[2]; a++)
            for (let b = 0; b < v.shape[3]; b++) copy.set(i, c, a, b, v.get(i, c, a, b));
      const opts = { padding: 1, stride: [2, 1], dilation: [1, 2] };
      await assertClose(cl.conv2d(v, w, opts), cl.conv2d(copy, w, opts), { rtol: 0, atol: 0, label: name });
    }
    const t = cl.randn([2, 5, 3, 7], { seed: 3 });
    const tView = cl.permute(t, [0, 2, 3, 1]); // (2, 3, 7, 5) strided
    await assertClose(cl.conv2d(tView, w), cl.conv2d(cl.contiguous(tView), w), {
      rtol: 0,
      atol: 0,
      label: "tensor view",
    });
    await assertClose(cl.conv2d(cl.flip(tView, [3]), w), cl.conv2d(cl.contiguous(cl.flip(tView, [3])), w), {
      rtol: 0,
      atol: 0,
      label: "flip view",
    });
  });

  it("float64 in, float64 out (the cpu backend stores float64)", async (t) => {
    if (ctx.name !== "cpu") {
      t.skip(`${ctx.name} stores float32 only`);
      return;
    }
    const x = cl.randn([1, 2, 6, 6], { seed: 4 }),
      w = cl.randn([3, 2, 3, 3], { seed: 5 });
    const y64 = cl.conv2d(cl.cast(x, "float64"), cl.cast(w, "float64"), { padding: "same" });
    assert.equal(y64.dtype, "float64");
    await assertClose(y64, cl.conv2d(x, w, { padding: "same" }), { rtol: 1e-5, atol: 1e-5 });
  });

  it("convolve method auto equals direct on both sides of the cost switch", async () => {
    for (const [n, m] of [
      [20, 3],
      [3000, 700],
    ]) {
      assert.equal(fftIsCheaper([n], [m], [n + m - 1]), n > 1000, `cost switch for ${n}x${m}`);
      const a = cl.randn([n], { seed: n }),
        b = cl.randn([m], { seed: m });
      await assertClose(cl.convolve(a, b, { method: "auto" }), cl.convolve(a, b, { method: "direct" }), {
        rtol: 1e-3,
        atol: 1e-3,
        label: `auto ${n}x${m}`,
      });
    }
  });
});
