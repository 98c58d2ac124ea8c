/** The README's examples run as written (a README that lies is worse than none). */
import assert from "node:assert/strict";
import { it } from "node:test";
import * as cl from "../../src/index";

it("README: first example", async () => {
  const x = cl.randn([1, 3, 32, 32], { seed: 0 });
  const w = cl.randn([8, 3, 3, 3], { seed: 1 });
  const y = cl.maxPool2d(cl.relu(cl.conv2d(x, w, { padding: "same" })), { kernelSize: 2 });
  assert.deepEqual(y.shape, [1, 8, 16, 16]);
  assert.equal((await y.toNdarray()).shape.join(), "1,8,16,16");
});

it("README: training loop and gradients", async () => {
  const model = cl.models.lenet5();
  const opt = new cl.optim.Adam(model.parameters(), { lr: 1e-3 });
  const { x: images, y: labels } = cl.data.mnist({ split: "train", limit: 64 });
  let steps = 0;
  for (const [xb, yb] of cl.data.batches(images, labels, { batchSize: 32, shuffle: true, seed: 0 })) {
    opt.zeroGrad();
    const loss = cl.nn.functional.crossEntropy(model(xb), yb);
    loss.backward();
    opt.step();
    steps++;
  }
  assert.equal(steps, 2);
  const x = cl.randn([5], { seed: 2 });
  const g = cl.grad((v: cl.Tensor) => v.mul(v).sum())(x);
  assert.deepEqual(g.shape, [5]);
  const h = cl.tensor([[[1, 2, 1]]]);
  const J = cl.jacobian((v: cl.Tensor) => cl.conv1d(v, h))(cl.randn([1, 1, 6], { seed: 3 }));
  assert.deepEqual(J.shape, [1, 1, 4, 1, 1, 6]);
  const report = await cl.gradcheck((a: cl.Tensor) => cl.conv1d(a, h).sum(), [cl.randn([1, 1, 6], { seed: 4 })]);
  assert.ok(report.ok);
});

it("README: ops snippets", () => {
  const f = cl.randn([16], { seed: 5 });
  assert.deepEqual(
    cl.convolve(
      f,
      [1, 4, 6, 4, 1].map((v) => v / 16),
      { mode: "same" },
    ).shape,
    [16],
  );
  assert.deepEqual(cl.convMatrix(cl.tensor([1, 2, 3]), 8).shape, [10, 8]);
  const X = cl.fft(f, { n: 1000, norm: "ortho" });
  assert.deepEqual(X.re.shape, [1000]);
  const { values, indices } = cl.maxPool2d(cl.randn([1, 2, 4, 4], { seed: 6 }), { kernelSize: 2, returnIndices: true });
  assert.deepEqual(values.shape, [1, 2, 2, 2]);
  assert.equal(indices.dtype, "int32");
});

it("README: backends snippet", async () => {
  const info = cl.backendInfo();
  assert.ok(["cpu", "webgpu"].includes(info.current));
  const y = cl.conv2d(cl.randn([1, 1, 5, 5], { seed: 7 }), cl.ones([1, 1, 3, 3]));
  const c = await y.to("cpu");
  assert.equal(c.backend, "cpu");
  assert.deepEqual((await y.toNdarray()).shape, [1, 1, 3, 3]);
  assert.equal(typeof cl.memory().tensors.cpu, "number");
  assert.equal(typeof cl.shutdown, "function");
});
