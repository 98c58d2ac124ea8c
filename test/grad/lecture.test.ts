/**
 * Identities from the lectures, checked numerically on every backend:
 *  - 004 part five: the weight-sharing gradient of a 1-D convolution y_t = Σ_τ x_{t−τ} k_τ is
 *    k_i^∇ = Σ_t y'_t x_{t−i}, vectorised with patches (unfold) as patches · y'
 *  - 003 Lemma 1.1.1: J_{H∘G}(x) = J_H(G(x)) · J_G(x)
 *  - 000: the Jacobian of a 1-D convolution is its Toeplitz matrix (convMatrix), and of a single-channel
 *    2-D cross-correlation the doubly block-Toeplitz convMatrix2d
 */
import { it } from "node:test";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";

describeBackends("lecture identities", (ctx) => {
  const tol = { rtol: ctx.rtol * 10, atol: ctx.atol * 10 };

  it("1-D conv kernel gradient k_i = Σ_t y'_t x_{t−i} (004), from unfold and by the sum itself", async () => {
    const n = 10,
      m = 3;
    const x = cl.randn([1, 1, n], { seed: 1 }),
      k = cl.randn([1, 1, m], { seed: 2 });
    // mathematical convolution over the valid outputs t = m−1 … n−1: y_t = Σ_τ x_{t−τ} k_τ
    const conv = (kk: cl.Tensor) => cl.conv1d(x, kk, { flip: true });
    const [y, back] = cl.vjp(conv, k);
    const dy = cl.randn(y.shape, { seed: 3 });
    const [dk] = back(dy);
    // patches[j, s] = x[s + j]; with t = s + m − 1, x_{t−i} = patches[m − 1 − i, s]
    const patches = cl.reshape(cl.unfold(x, m), [m, n - m + 1]);
    const fromUnfold = cl.flip(cl.matmul(patches, cl.reshape(dy, [n - m + 1])), 0);
    await assertClose(cl.reshape(dk, [m]), fromUnfold, { ...tol, label: "patches · y'" });
    const xs = await x.data(),
      ys = await dy.data();
    const bySum = Array.from({ length: m }, (_, i) => {
      let s = 0;
      for (let t = m - 1; t < n; t++) s += ys[t - (m - 1)] * xs[t - i];
      return s;
    });
    await assertClose(cl.reshape(dk, [m]), bySum, { ...tol, label: "Σ_t y'_t x_{t−i}" });
  });

  it("Jacobian chain rule J_{H∘G} = J_H(G(x))·J_G(x) (003 Lemma 1.1.1)", async () => {
    const A = cl.randn([4, 3], { seed: 4 }),
      B = cl.randn([2, 4], { seed: 5 });
    const G = (x: cl.Tensor) => cl.tanh(cl.matmul(A, x));
    const H = (z: cl.Tensor) => cl.mul(cl.softmax(cl.matmul(B, z)), cl.sum(cl.square(z)));
    const x = cl.randn([3], { seed: 6 });
    const jF = cl.jacobian((v) => H(G(v)))(x);
    const product = cl.matmul(cl.jacobian(H)(G(x)), cl.jacobian(G)(x));
    await assertClose(jF, product, { ...tol, shape: [2, 3] });
  });

  it("the Jacobian of conv1d is its Toeplitz matrix convMatrix (000), every mode", async () => {
    const n = 6,
      h = cl.randn([3], { seed: 7 });
    for (const [mode, padding] of [
      ["full", "full"],
      ["same", "same"],
      ["valid", "valid"],
    ] as const) {
      const f = (v: cl.Tensor) =>
        cl.reshape(cl.conv1d(cl.reshape(v, [1, 1, n]), cl.reshape(h, [1, 1, 3]), { flip: true, padding }), [-1]);
      const J = cl.jacobian(f)(cl.randn([n], { seed: 8 }));
      await assertClose(J, cl.convMatrix(h, n, { mode }), { ...tol, label: mode });
    }
  });

  it("the Jacobian of a 2-D cross-correlation is convMatrix2d (stride, padding mode)", async () => {
    const w = cl.randn([1, 1, 2, 3], { seed: 9 });
    const opts: cl.ConvOptions = { stride: [1, 2], padding: 1, paddingMode: "reflect" };
    const f = (v: cl.Tensor) => cl.reshape(cl.conv2d(cl.reshape(v, [1, 1, 4, 5]), w, opts), [-1]);
    const J = cl.jacobian(f)(cl.randn([20], { seed: 10 }));
    await assertClose(J, cl.convMatrix2d(w, [4, 5], opts), tol);
  });
});
