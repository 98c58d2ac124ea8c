/**
 * Lecture examples as tests: max pooling straight from Definition 1.8 of Hofmann's Lecture 1,
 * the translation invariance of max pooling (Goodfellow Fig. 9.8: a one-pixel shift changes every
 * detector value but only some pooled ones), the convolution theorem (1.16) f ∗ h = F⁻¹(Ff · Fh) with the
 * (1,4,6,4,1)/16 Gaussian, and k-max pooling keeping order (lecture 000, CNNs for NLP).
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { randF32 } from "../helpers/random_data";

describeBackends("pooling and FFT: lecture examples", (ctx) => {
  it("Definition 1.8: x_i^max = max{x_{i+k} : 0 <= k < r} (1-D and 2-D, stride 1)", async () => {
    const r = 3,
      n = 11;
    const x = Array.from(randF32([n], 7));
    const want = Array.from({ length: n - r + 1 }, (_, i) => Math.max(...x.slice(i, i + r)));
    await assertClose(cl.maxPool1d(cl.tensor([x]), { kernelSize: r, stride: 1 }), want);
    const h = 6,
      w = 7,
      img = Array.from(randF32([h * w], 8));
    const want2: number[] = [];
    for (let i = 0; i + r <= h; i++) {
      for (let j = 0; j + r <= w; j++) {
        let m = -Infinity;
        for (let k = 0; k < r; k++) for (let l = 0; l < r; l++) m = Math.max(m, img[(i + k) * w + j + l]);
        want2.push(m);
      }
    }
    await assertClose(cl.maxPool2d(cl.tensor(img, [1, h, w]), { kernelSize: r, stride: 1 }), want2);
  });

  it("Fig. 9.8: shifting the detector outputs by one pixel changes fewer max-pooled values", async () => {
    const detector = [0.1, 1.0, 0.2, 0.1, 0.0, 0.3, 0.1, 0.0];
    const shifted = [0.3, ...detector.slice(0, -1)];
    const pool = async (v: number[]) =>
      Array.from(await cl.maxPool1d(cl.tensor([v]), { kernelSize: 3, stride: 1, padding: 1 }).data());
    const [a, b] = [await pool(detector), await pool(shifted)];
    const changed = (u: number[], v: number[]) => u.filter((e, i) => Math.abs(e - v[i]) > 1e-6).length;
    assert.ok(changed(detector, shifted) >= detector.length - 1, "the shift changes (almost) every detector value");
    assert.ok(changed(a, b) <= detector.length / 2, `max pooling keeps at least half: ${a} vs ${b}`);
  });

  it("(1.16) convolution theorem with the (1,4,6,4,1)/16 Gaussian: fftConvolve == the direct sum", async () => {
    const h = [1, 4, 6, 4, 1].map((v) => v / 16);
    const f = [0, 0, 0, 1, 1, 1, 1, 0, 0, 0];
    const direct = Array.from({ length: f.length + h.length - 1 }, (_, p) =>
      h.reduce((s, hk, k) => s + (p - k >= 0 && p - k < f.length ? hk * f[p - k] : 0), 0),
    );
    await assertClose(cl.fftConvolve(f, h), direct, { atol: ctx.atol * 10 });
    // the same through the pointwise product of spectra
    const n = f.length + h.length - 1;
    const prod = cl.complexMul(cl.fft(cl.tensor(f), { n }), cl.fft(cl.tensor(h), { n }));
    await assertClose(cl.ifft(prod).re, direct, { atol: ctx.atol * 10 });
    // and fftConv with flip == the mathematical convolution, "same" padding as in the lecture
    const y = cl.fftConv(cl.tensor([[f]]), cl.tensor([[h]]), { flip: true, padding: "same" });
    await assertClose(y, direct.slice(2, 2 + f.length), { atol: ctx.atol * 10 });
  });

  it("k-max pooling keeps the k strongest features in their order (sentence modelling)", async () => {
    const features = [
      [0.2, 0.9, 0.1, 0.7, 0.3, 0.8],
      [5, 4, 3, 2, 1, 0],
    ];
    await assertClose(cl.kMaxPool1d(features, 3), [0.9, 0.7, 0.8, 5, 4, 3]);
    await assertClose(cl.kMaxPool1d(features, 2, { dim: 0 }), features.flat());
  });
});
