/** The gradient API on hand-derived values: grad/valueAndGrad/vjp/jacobian, backward() accumulation, noGrad, tidy. */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";

describeBackends("gradient API", () => {
  it("grad, argnums, valueAndGrad", async () => {
    const f = (x: cl.Tensor, w: cl.Tensor) => cl.sum(cl.mul(cl.square(x), w)); // Σ x²w: ∂x = 2xw, ∂w = x²
    const x = cl.tensor([1, 2, 3]),
      w = cl.tensor([4, 5, 6]);
    await assertClose(cl.grad(f)(x, w), [8, 20, 36]);
    await assertClose(cl.grad(f, { argnums: 1 })(x, w), [1, 4, 9]);
    const [gx, gw] = cl.grad(f, { argnums: [0, 1] })(x, w);
    await assertClose(gx, [8, 20, 36]);
    await assertClose(gw, [1, 4, 9]);
    const [value, g] = cl.valueAndGrad(f)(x, w);
    await assertClose(value, 4 + 20 + 54);
    await assertClose(g, [8, 20, 36]);
    assert.equal(x.grad, null, "the functional API leaves .grad alone");
  });

  it("vjp: the pullback can be called again with other cotangents", async () => {
    const [y, back] = cl.vjp((a, b) => cl.matmul(a, b), cl.tensor([[1, 2]]), cl.tensor([[3], [4]]));
    await assertClose(y, [[11]]);
    const [da, db] = back(cl.tensor([[2]]));
    await assertClose(da, [[6, 8]]);
    await assertClose(db, [[2], [4]]);
    await assertClose(back(cl.tensor([[1]]))[0], [[3, 4]]);
  });

  it("jacobian: shape [...y.shape, ...x.shape], argnums", async () => {
    const x = cl.tensor([
      [1, 2],
      [3, 4],
    ]);
    const J = cl.jacobian((v) => cl.sum(cl.square(v), { dim: 1 }))(x); // y_i = Σ_j x_ij² → J[i, k, j] = 2 x_kj [i = k]
    await assertClose(
      J,
      [
        [
          [2, 4],
          [0, 0],
        ],
        [
          [0, 0],
          [6, 8],
        ],
      ],
      { shape: [2, 2, 2] },
    );
    const [ja, jb] = cl.jacobian((a, b) => cl.mul(a, b), { argnums: [0, 1] })(cl.tensor([1, 2]), cl.tensor([3, 5]));
    await assertClose(ja, [
      [3, 0],
      [0, 5],
    ]);
    await assertClose(jb, [
      [1, 0],
      [0, 2],
    ]);
  });

  it("backward() accumulates into .grad until zeroed; noGrad records nothing; grads survive tidy", async () => {
    const p = cl.tensor([1, -2]);
    p.requiresGrad = true;
    cl.tidy(() => cl.sum(cl.mul(p, 3)).backward());
    cl.sum(cl.square(p)).backward();
    await assertClose(p.grad!, [3 + 2, 3 - 4]);
    const q = cl.noGrad(() => cl.mul(p, 2));
    assert.equal(q.node, null);
    assert.equal(q.tracked, false);
    const h = cl.relu(p);
    assert.ok(h.node && h.node.kernel === "unary");
  });
});
