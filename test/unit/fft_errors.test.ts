/**
 * FFT family: bad inputs rejected with messages naming the op, the expectation and the value; Complex
 * helpers on hand values; fftConvolve == direct convolution on a hand example.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose, assertThrowsWith } from "../helpers/allclose";

describeBackends("fft: errors and complex helpers", (ctx) => {
  const x = () => cl.randn([3, 8], { seed: 3 });
  it("rejects bad lengths, norms, dims and inputs", () => {
    assertThrowsWith(() => cl.fft(x(), { n: 0 }), "fft: expected n as a positive integer, got 0");
    assertThrowsWith(() => cl.ifft(x(), { n: -4 }), "ifft: expected n as a positive integer, got -4");
    assertThrowsWith(() => cl.rfft(x(), { n: 2.5 }), "rfft: expected n as a positive integer, got 2.5");
    assertThrowsWith(
      () => cl.fft(x(), { norm: "bogus" as cl.FftNorm }),
      'fft: expected norm "backward" | "ortho" | "forward", got the string "bogus"',
    );
    assertThrowsWith(() => cl.fft(x(), { dim: 2 }), "fft: expected dim in [-2, 2) for a tensor of rank 2, got 2");
    assertThrowsWith(() => cl.fft(cl.tensor(3)), "fft: expected x of rank >= 1, got shape [] (a scalar)");
    assertThrowsWith(
      () => cl.fft("abc" as unknown as cl.Tensor),
      'fft: expected x as a Tensor or a Complex {re, im}, got the string "abc"',
    );
    assertThrowsWith(() => cl.rfft({ re: x(), im: x() }), "rfft: expected a real Tensor, got a Complex {re, im}");
    assertThrowsWith(
      () => cl.irfft(cl.zeros([4, 1])),
      "irfft: expected c with at least 2 values on dim 1 (or an explicit n), got 1",
    );
    assertThrowsWith(() => cl.fft2(cl.zeros([8])), "fft2: expected dim in [-1, 1)");
    assertThrowsWith(
      () => cl.fft2(x(), { s: [4, 4, 4] }),
      "fft2: expected s and dims of equal length, got s [4,4,4] and dims [-2,-1]",
    );
    assertThrowsWith(() => cl.fftn(x(), { dims: [1, -1] }), "fftn: expected distinct dims, got [1,-1]");
    assertThrowsWith(() => cl.fftn(x(), { s: [0] }), "fftn: expected s[0] as a positive integer, got 0");
    assertThrowsWith(
      () => cl.complex(cl.zeros([2, 3]), cl.zeros([4])),
      "complex: expected broadcastable shapes, got [2,3] and [4]",
    );
    assertThrowsWith(() => cl.fftfreq(0), "fftfreq: expected n as a positive integer, got 0");
    assertThrowsWith(() => cl.rfftfreq(4, 0), "rfftfreq: expected d as a finite non-zero number, got 0");
    assertThrowsWith(
      () => cl.fftConvolve(cl.zeros([3]), cl.zeros([2, 2])),
      "fftConvolve: expected a and b of equal rank, got shapes [3] and [2,2]",
    );
    assertThrowsWith(
      () => cl.fftConvolve(cl.zeros([3, 5]), cl.zeros([5, 3]), { mode: "valid" }),
      'fftConvolve: mode "valid" expects one input at least as large as the other on every axis',
    );
    assertThrowsWith(
      () => cl.fftConvolve(cl.zeros([3]), cl.zeros([3]), { mode: "circular" as cl.ConvolveMode }),
      'expected mode "full" | "same" | "valid", got the string "circular"',
    );
    assertThrowsWith(() => cl.fftshift(x(), [3]), "fftshift: expected dim in [-2, 2)");
  });

  it("complex helpers on hand values", async () => {
    const z = cl.complex([3, 0, -1], [4, -2, 0]);
    await assertClose(cl.abs(z), [5, 2, 1]);
    await assertClose(cl.abs(cl.tensor([-2, 3])), [2, 3]);
    await assertClose(cl.angle(z), [Math.atan2(4, 3), -Math.PI / 2, Math.PI], { rtol: ctx.rtol });
    await assertClose(cl.conj(z).im, [-4, 2, -0]);
    const p = cl.complexMul(z, cl.complex([1, 1, 1], [1, 0, 2]));
    await assertClose(p.re, [-1, 0, -1]);
    await assertClose(p.im, [7, -2, -2]);
    // fft of a delta is flat; of a constant is a delta
    const d = cl.fft(cl.tensor([1, 0, 0, 0, 0]));
    await assertClose(d.re, [1, 1, 1, 1, 1]);
    await assertClose(cl.fft(cl.ones([6])).re, [6, 0, 0, 0, 0, 0], { atol: 1e-5 });
    // fftConvolve == the direct sum
    await assertClose(cl.fftConvolve([1, 2, 3], [0, 1, 0.5]), [0, 1, 2.5, 4, 1.5], { atol: 1e-5 });
    assert.deepEqual(cl.fftshift(cl.arange(5)).shape, [5]);
    await assertClose(cl.fftshift(cl.arange(5)), [3, 4, 0, 1, 2]);
    await assertClose(cl.ifftshift(cl.fftshift(cl.arange(6))), [0, 1, 2, 3, 4, 5]);
  });
});
