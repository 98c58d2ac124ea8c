/**
 * The fast FFT plans (mixed-radix Stockham, Bluestein) against the O(n²) naive DFT they replace, in
 * float64, for every length 1 … 130 and a list of longer ones covering each algorithm; plus the kernel's
 * inverse (swap trick) and float64 round trips through the public ops.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { fftAlgorithm, getFftPlan, naiveDft } from "../../src/ops/fft/geometry/fft_plan";
import { assertClose } from "../helpers/allclose";
import { randData } from "../helpers/random_data";

function maxErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("fft plans vs the naive DFT", () => {
  const lengths = [
    ...Array.from({ length: 130 }, (_, i) => i + 1),
    210,
    243,
    256,
    289,
    343,
    500,
    509,
    625,
    1000,
    1024,
    1331,
    2048,
  ];
  it("agree to ~1e-12 relative on every length (both algorithms)", () => {
    const algos = new Set<string>();
    for (const n of lengths) {
      const re = randData([n], n),
        im = randData([n], n + 7777);
      const ref = naiveDft(re, im);
      const plan = getFftPlan(n);
      const [r, i] = plan.forward(re.slice(), im.slice(), new Float64Array(plan.workSize));
      const tol = 1e-13 * n * Math.sqrt(n) + 1e-12;
      const e = Math.max(maxErr(r, ref.re), maxErr(i, ref.im));
      assert.ok(e <= tol, `n=${n} (${fftAlgorithm(n)}): max error ${e} > ${tol}`);
      algos.add(fftAlgorithm(n));
    }
    assert.deepEqual([...algos].sort(), ["bluestein", "identity", "stockham"]);
  });

  it("uses Bluestein exactly for lengths with a prime factor above 13", () => {
    assert.equal(fftAlgorithm(17), "bluestein");
    assert.equal(fftAlgorithm(97), "bluestein");
    assert.equal(fftAlgorithm(2 * 3 * 5 * 7 * 11 * 13), "stockham");
    assert.equal(fftAlgorithm(4096), "stockham");
    assert.equal(fftAlgorithm(1000), "stockham");
  });

  it("ifft(fft(x)) == x and the inverse kernel equals the naive inverse DFT (float64, strided views)", async () => {
    for (const n of [1, 6, 17, 64, 100]) {
      const re = cl.tensor(randData([3, n], n), [3, n], { dtype: "float64" });
      const im = cl.tensor(randData([3, n], n + 1), [3, n], { dtype: "float64" });
      const back = cl.ifft(cl.fft({ re, im }));
      await assertClose(back.re, re, { rtol: 1e-10, atol: 1e-12 });
      await assertClose(back.im, im, { rtol: 1e-10, atol: 1e-12 });
      const inv = cl.ifft({ re, im }, { norm: "forward" });
      const row = naiveDft(re.dataSync().subarray(n, 2 * n), im.dataSync().subarray(n, 2 * n), true);
      await assertClose(inv.re.dataSync().subarray(n, 2 * n), row.re, { rtol: 1e-10, atol: 1e-11 });
      await assertClose(inv.im.dataSync().subarray(n, 2 * n), row.im, { rtol: 1e-10, atol: 1e-11 });
      // a transposed view transformed along dim 0 == the contiguous copy along dim 1
      const viaView = cl.fft({ re: cl.transpose(re), im: cl.transpose(im) }, { dim: 0 });
      const direct = cl.fft({ re, im }, { dim: 1 });
      await assertClose(cl.transpose(viaView.re), direct.re, { rtol: 1e-12, atol: 1e-12 });
      assert.equal(viaView.re.dtype, "float64");
    }
  });

  it("irfft(rfft(x), n) == x for odd and even n", async () => {
    for (const n of [1, 2, 7, 8, 97, 128]) {
      const x = cl.tensor(randData([2, n], 3 * n), [2, n], { dtype: "float64" });
      await assertClose(cl.irfft(cl.rfft(x), { n }), x, { rtol: 1e-10, atol: 1e-12, label: `n=${n}` });
      await assertClose(cl.irfft2(cl.rfft2(x), { s: [2, n] }), x, { rtol: 1e-10, atol: 1e-12, label: `2-d n=${n}` });
    }
  });
});
