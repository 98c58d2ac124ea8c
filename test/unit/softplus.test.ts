/**
 * softplus by hand (Goodfellow, Bengio & Courville, Deep Learning §3.10: ζ(x) = log(1 + exp(x))), on every
 * backend. Points where the logarithm comes out exactly: ζ(0) = ln 2, ζ(ln 3) = ln 4, ζ(−ln 3) = ln(4/3),
 * and ζ(x) − ζ(−x) = x; the slope is sigmoid: ζ'(0) = ½, ζ'(ln 3) = ¾, ζ'(−ln 3) = ¼. With β = 2,
 * ζ_β(x) = ½·ln(1 + e^{2x}) gives ln 2 at x = ln(3)/2. Above the threshold y = x exactly with slope 1, and
 * the stable form keeps the far tails: ζ(−30) = e^−30 to the backend's precision, ζ(100) = 100 (not Inf).
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import * as cl from "../../src/index";
import { assertClose } from "../helpers/allclose";
import { describeBackends } from "../helpers/backends";

const ln3 = Math.log(3);

describeBackends("softplus: hand-derived values", (ctx) => {
  const tol = { rtol: ctx.rtol, atol: ctx.atol };

  it("ζ(0) = ln 2, ζ(±ln 3) = ln 4 and ln(4/3), ζ(x) − ζ(−x) = x", async () => {
    await assertClose(cl.softplus([0, ln3, -ln3]), [Math.LN2, 2 * Math.LN2, Math.log(4 / 3)], tol);
    const x = cl.tensor([-2.5, -1, 0.5, 3]);
    await assertClose(cl.sub(cl.softplus(x), cl.softplus(cl.neg(x))), x, tol);
  });

  it("the slope is sigmoid: ½ at 0 (not relu's 0), ¾ at ln 3, ¼ at −ln 3", async () => {
    const g = cl.grad((v: cl.Tensor) => cl.softplus(v).sum())(cl.tensor([0, ln3, -ln3]));
    await assertClose(g, [0.5, 0.75, 0.25], tol);
  });

  it("β = 2: ½·ln(1 + e^{2x}) is ln 2 at x = ln(3)/2; threshold 5: y = x and slope 1 above β·x = 5", async () => {
    await assertClose(cl.softplus([ln3 / 2], { beta: 2 }), [Math.LN2], tol);
    const x = cl.tensor([2, 2.6, 6]);
    await assertClose(cl.softplus(x, { beta: 2, threshold: 5 }), [0.5 * Math.log1p(Math.exp(4)), 2.6, 6], tol);
    const g = cl.grad((v: cl.Tensor) => cl.softplus(v, { beta: 2, threshold: 5 }).sum())(x);
    await assertClose(g, [1 / (1 + Math.exp(-4)), 1, 1], tol);
  });

  it("far tails: no overflow, no loss to rounding, NaN kept", async () => {
    const y = Array.from(await cl.softplus([-30, 100, 1e30, NaN]).data());
    assert.ok(Math.abs(y[0] - Math.exp(-30)) <= ctx.rtol * Math.exp(-30), `ζ(−30) = ${y[0]}, e^−30 = ${Math.exp(-30)}`);
    assert.deepEqual(y.slice(1, 3), [100, Math.fround(1e30)]);
    assert.ok(Number.isNaN(y[3]), "NaN in, NaN out");
  });

  it("strided and transposed inputs give the values of their contiguous copies", async () => {
    const x = cl.randn([4, 6], { seed: 3 }).mul(4);
    const views = [x.transpose([1, 0]), x.slice([null, [0, 6, 2]]), x.flip(1)];
    for (const v of views) await assertClose(cl.softplus(v), cl.softplus(cl.contiguous(v)), { rtol: 0, atol: 0 });
  });
});
