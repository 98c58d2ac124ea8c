/**
 * The nn module API: callable modules, parameter names, train/eval, stateDict round trip (snapshots),
 * seeded PyTorch-style initialisation, Dropout, the reference models' shapes and parameter counts,
 * gradients reaching every parameter, and bad-input messages.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose, assertThrowsWith } from "../helpers/allclose";

const count = (m: cl.nn.Module) => m.parameters().reduce((a, p) => a + p.size, 0);

describeBackends("nn modules", () => {
  it("modules are callable; forward(x) is the same call; names follow PyTorch", async () => {
    const net = new cl.nn.Sequential(
      new cl.nn.Conv2d(1, 2, 3, { seed: 1 }),
      new cl.nn.ReLU(),
      new cl.nn.Flatten(),
      new cl.nn.Linear(8, 3, { seed: 2 }),
    );
    const x = cl.randn([2, 1, 4, 4], { seed: 3 });
    await assertClose(net(x), net.forward(x));
    assert.deepEqual(
      net.namedParameters().map(([k, p]) => `${k}:${p.shape}`),
      ["0.weight:2,1,3,3", "0.bias:2", "3.weight:3,8", "3.bias:3"],
    );
    assert.equal(typeof net, "function");
    assert.ok(net instanceof cl.nn.Module && net instanceof cl.nn.Sequential);
    assert.match(String(net), /Sequential\(\n {2}\(0\): Conv2d\(1, 2, kernelSize=\[3,3\]\)/);
  });

  it("PyTorch default init: |w|, |b| ≤ 1/√fan_in, seeded and reproducible", async () => {
    const a = new cl.nn.Conv2d(4, 6, 3, { seed: 5, groups: 2 }),
      b = new cl.nn.Conv2d(4, 6, 3, { seed: 5, groups: 2 });
    const bound = 1 / Math.sqrt((4 / 2) * 9);
    const w = await a.weight.data();
    assert.ok(w.every((v) => Math.abs(v) <= bound));
    assert.ok(Math.max(...w) > 0.8 * bound, "spread over the whole interval");
    assert.deepEqual(await a.weight.data(), await b.weight.data());
    assert.deepEqual(await a.bias!.data(), await b.bias!.data());
    const c = new cl.nn.Linear(50, 2, { seed: 6 });
    assert.ok((await c.bias!.data()).every((v) => Math.abs(v) <= 1 / Math.sqrt(50)));
    cl.manualSeed(42);
    const d1 = await new cl.nn.Linear(3, 3).weight.data();
    cl.manualSeed(42);
    assert.deepEqual(await new cl.nn.Linear(3, 3).weight.data(), d1);
  });

  it("stateDict is a snapshot; loadStateDict round trip; strict key and shape checks", async () => {
    const make = (seed: number) =>
      new cl.nn.Sequential(
        new cl.nn.Conv2d(1, 2, 3, { seed }),
        new cl.nn.BatchNorm2d(2),
        new cl.nn.Flatten(),
        new cl.nn.Linear(8, 2, { seed: seed + 1 }),
      );
    const a = make(1),
      b = make(7);
    const x = cl.randn([3, 1, 4, 4], { seed: 2 });
    a(x); // moves BatchNorm's running statistics
    const sd = a.stateDict();
    assert.deepEqual(Object.keys(sd), [
      "0.weight",
      "0.bias",
      "1.weight",
      "1.bias",
      "3.weight",
      "3.bias",
      "1.runningMean",
      "1.runningVar",
    ]);
    b.loadStateDict(sd);
    a.eval();
    b.eval();
    await assertClose(b(x), a(x));
    const before = await sd["0.weight"].data();
    const opt = new cl.optim.SGD(a.parameters(), { lr: 0.5 });
    a.train();
    cl.sum(a(x)).backward();
    opt.step();
    assert.deepEqual(await sd["0.weight"].data(), before, "the snapshot does not follow training");
    assert.notDeepEqual(await a.stateDict()["0.weight"].data(), before);
    assertThrowsWith(
      () => b.loadStateDict({ "0.weight": sd["0.weight"] }),
      "loadStateDict: expected keys matching the module",
      "missing [0.bias",
    );
    assertThrowsWith(
      () => b.loadStateDict({ ...sd, "0.weight": cl.zeros([2, 1, 2, 2]) }),
      "loadStateDict: expected 0.weight of shape [2,1,3,3], got [2,1,2,2]",
    );
  });

  it("train()/eval(): Dropout drops (seeded, scaled by 1/(1−p)) only in training", async () => {
    const x = cl.ones([1000]);
    const d1 = new cl.nn.Dropout(0.3, { seed: 9 }),
      d2 = new cl.nn.Dropout(0.3, { seed: 9 });
    const y1 = await d1(x).data(),
      y2 = await d2(x).data();
    assert.deepEqual(y1, y2);
    const kept = y1.filter((v) => v !== 0);
    assert.ok(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-6));
    assert.ok(Math.abs(kept.length / 1000 - 0.7) < 0.05, `kept ${kept.length}`);
    const seq = new cl.nn.Sequential(d1);
    seq.eval();
    assert.equal(d1.training, false);
    assert.deepEqual(await seq(x).data(), await x.data());
  });

  it("reference models: shapes, parameter counts, gradients reach every parameter", async () => {
    const lenet = cl.models.lenet5({ seed: 1 });
    assert.equal(count(lenet), 61706);
    const x = cl.randn([2, 1, 28, 28], { seed: 2 });
    assert.deepEqual(lenet(x).shape, [2, 10]);
    const vgg = cl.models.vggBlock(3, 8, 2, { seed: 3 });
    assert.deepEqual(vgg(cl.randn([1, 3, 8, 8], { seed: 4 })).shape, [1, 8, 4, 4]);
    const inc = new cl.models.InceptionModule(
      4,
      { c1: 2, c3Reduce: 2, c3: 3, c5Reduce: 1, c5: 2, poolProj: 2 },
      { seed: 5 },
    );
    const res = new cl.models.ResidualBlock(4, 6, { stride: 2, seed: 6 });
    const h = cl.randn([2, 4, 6, 6], { seed: 7 });
    assert.deepEqual(inc(h).shape, [2, 9, 6, 6]);
    assert.deepEqual(res(h).shape, [2, 6, 3, 3]);
    const text = cl.models.textCnn({
      vocabSize: 20,
      embedDim: 5,
      widths: [2, 3],
      filters: 4,
      classes: 3,
      k: 2,
      seed: 8,
    });
    const ids = cl.tensor(
      [
        [1, 4, 7, 2, 9, 3],
        [0, 0, 5, 19, 2, 2],
      ],
      undefined,
      { dtype: "int32" },
    );
    assert.deepEqual(text(ids).shape, [2, 3]);
    for (const m of [lenet, inc, res, text] as cl.nn.Module[]) {
      m.zeroGrad();
      const input = m === lenet ? x : m === text ? ids : h;
      cl.sum(cl.square(m(input))).backward();
      for (const [k, p] of m.namedParameters())
        assert.ok(p.grad && p.grad.shape.join() === p.shape.join(), `${m.kind} ${k} has a gradient`);
    }
  });

  it("bad inputs name the layer", () => {
    assertThrowsWith(
      () => new cl.nn.Conv2d(3, 4, 3, { groups: 2 }),
      "Conv2d: expected positive channels divisible by groups",
    );
    assertThrowsWith(
      () => new cl.nn.Linear(4, 2)(cl.ones([3, 5])),
      "Linear: expected x with last dim 4, got shape [3,5]",
    );
    assertThrowsWith(
      () => new cl.nn.BatchNorm2d(3)(cl.ones([2, 2, 4, 4])),
      "BatchNorm2d: expected x of shape (N, 3, H, W), got [2,2,4,4]",
    );
    assertThrowsWith(() => new cl.nn.Dropout(1), "Dropout: expected p in [0, 1), got 1");
    assertThrowsWith(
      () => cl.nn.functional.crossEntropy(cl.ones([2, 3]), [0, 3]),
      "crossEntropy",
      "expected labels in [0, 3), got 3 at index 1",
    );
    assertThrowsWith(
      () => new cl.optim.SGD([cl.ones([2])], { lr: 0.1 }),
      "SGD: expected a non-empty list of tensors with requiresGrad",
    );
  });
});
