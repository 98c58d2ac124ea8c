/**
 * nn and optim against PyTorch: losses and their gradients, BatchNorm2d (training-mode gradients,
 * running statistics, eval output), Embedding gradients (repeated ids sum), and a few SGD / Adam steps
 * on a fixed small CNN (conv → relu → max pool → linear) giving the same losses and parameters.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { arr, runOracle } from "../helpers/oracle";
import { randF32 } from "../helpers/random_data";
import { checkGradCases, gauss, type GradCase } from "../grad/grad_harness";

const labels = [2, 0, 1, 2, 1, 0, 2];

function lossCases(): GradCase[] {
  const logp = randF32([7, 3], 5).map((v) => Math.fround(-Math.abs(v) - 0.1));
  return [
    {
      label: "crossEntropy",
      fn: "crossEntropy",
      fa: { labels },
      inputs: { x: gauss([7, 3], 3) },
      wrt: ["x"],
      run: (t) => cl.nn.functional.crossEntropy(t.x, labels),
    },
    {
      label: "crossEntropy with huge logits (stable)",
      fn: "crossEntropy",
      fa: { labels },
      inputs: { x: gauss([7, 3], 300) },
      wrt: ["x"],
      run: (t) => cl.nn.functional.crossEntropy(t.x, cl.tensor(labels, undefined, { dtype: "int32" })),
    },
    {
      label: "nllLoss",
      fn: "nllLoss",
      fa: { labels },
      inputs: { x: { shape: [7, 3], data: logp } },
      wrt: ["x"],
      run: (t) => cl.nn.functional.nllLoss(t.x, labels),
    },
    {
      label: "mseLoss",
      fn: "mseLoss",
      inputs: { x: gauss([4, 5]), t: gauss([4, 5]) },
      wrt: ["x", "t"],
      run: (t) => cl.nn.functional.mseLoss(t.x, t.t),
    },
    {
      label: "BatchNorm2d training mode",
      fn: "batchNorm",
      inputs: { x: gauss([4, 3, 5, 5], 2), g: gauss([3]), b: gauss([3]) },
      wrt: ["x", "g", "b"],
      run: (t) => {
        const bn = new cl.nn.BatchNorm2d(3);
        bn.weight = t.g;
        bn.bias = t.b;
        return bn(t.x);
      },
    },
    {
      label: "Embedding (repeated ids)",
      fn: "embedding",
      fa: {
        ids: [
          [1, 3, 1],
          [0, 1, 4],
        ],
      },
      inputs: { w: gauss([5, 4]) },
      wrt: ["w"],
      run: (t) => {
        const emb = new cl.nn.Embedding(5, 4);
        emb.weight = t.w;
        return emb(
          cl.tensor(
            [
              [1, 3, 1],
              [0, 1, 4],
            ],
            undefined,
            { dtype: "int32" },
          ),
        );
      },
    },
  ];
}

describeBackends("nn losses and layers vs PyTorch", (ctx) => {
  it("crossEntropy / nllLoss / mseLoss, BatchNorm2d, Embedding: values and gradients", async () =>
    checkGradCases(lossCases(), ctx));
  it("BatchNorm2d running statistics and eval output after 3 training steps", async () => {
    const xd = randF32([4, 2, 3, 3], 77, 2);
    const [r] = runOracle([{ op: "batchNormStats", inputs: { x: arr(xd, [4, 2, 3, 3]) }, attrs: { steps: 3 } }]);
    if ("error" in r) assert.fail(r.error);
    const bn = new cl.nn.BatchNorm2d(2);
    const x = cl.tensor(Float32Array.from(xd), [4, 2, 3, 3]);
    for (let i = 0; i < 3; i++) bn(x);
    bn.eval();
    await assertClose(bn.runningMean, r.outputs[0].data, { rtol: 1e-4, atol: 1e-5, label: "runningMean" });
    await assertClose(bn.runningVar, r.outputs[1].data, { rtol: 1e-4, atol: 1e-5, label: "runningVar" });
    await assertClose(bn(x), r.outputs[2].data, { rtol: 1e-4, atol: 1e-4, label: "eval output" });
  });
});

function smallCnn(seed: number) {
  return new cl.nn.Sequential(
    new cl.nn.Conv2d(1, 3, 3, { padding: 1, seed }),
    new cl.nn.ReLU(),
    new cl.nn.MaxPool2d(2),
    new cl.nn.Flatten(),
    new cl.nn.Linear(3 * 3 * 3, 4, { seed: seed + 1 }),
  );
}

const NAMES = ["0.weight", "0.bias", "4.weight", "4.bias"],
  KEYS = ["c.w", "c.b", "l.w", "l.b"];
const Y = [0, 3, 1, 2, 3, 0];

describeBackends("optimizers vs torch.optim (5 steps on a small CNN)", (ctx) => {
  const configs: [string, "sgd" | "adam", Record<string, unknown>][] = [
    ["SGD", "sgd", { lr: 0.1 }],
    ["SGD momentum + weight decay", "sgd", { lr: 0.05, momentum: 0.9, weightDecay: 0.01 }],
    ["SGD nesterov + dampening 0", "sgd", { lr: 0.05, momentum: 0.8, nesterov: true }],
    ["Adam", "adam", { lr: 0.01 }],
    ["Adam betas + weight decay", "adam", { lr: 0.02, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.05 }],
  ];
  // one oracle process for every configuration (torch imports once)
  const setup = async () => {
    const x = cl.randn([6, 1, 6, 6], { seed: 12 });
    const init = smallCnn(11).stateDict();
    const inputs: Record<string, ReturnType<typeof arr>> = { x: arr(await x.data(), x.shape) };
    for (let i = 0; i < 4; i++) inputs[KEYS[i]] = arr(await init[NAMES[i]].data(), init[NAMES[i]].shape);
    return {
      x,
      results: runOracle(
        configs.map(([, opt, cfg]) => ({ op: "trainSteps", inputs, attrs: { opt, cfg, labels: Y, steps: 5 } })),
      ),
    };
  };
  let cached: ReturnType<typeof setup> | null = null;
  configs.forEach(([label, kind, cfg], ci) => {
    it(label, async () => {
      cached ??= setup();
      const { x, results } = await cached;
      const r = results[ci];
      if ("error" in r) assert.fail(r.error);
      const model = smallCnn(11);
      const opt =
        kind === "sgd"
          ? new cl.optim.SGD(model.parameters(), cfg as unknown as cl.optim.SGDOptions)
          : new cl.optim.Adam(model.parameters(), cfg);
      const losses: number[] = [];
      for (let s = 0; s < 5; s++) {
        opt.zeroGrad();
        const loss = cl.nn.functional.crossEntropy(model(x), Y);
        loss.backward();
        opt.step();
        losses.push((await loss.data())[0]);
      }
      await assertClose(losses, r.outputs[0].data, { rtol: ctx.rtol * 10, atol: ctx.atol * 10, label: "losses" });
      const sd = model.stateDict();
      for (let i = 0; i < 4; i++)
        await assertClose(sd[NAMES[i]], r.outputs[i + 1].data, {
          rtol: ctx.rtol * 10,
          atol: ctx.atol * 10,
          label: NAMES[i],
        });
    });
  });
});
