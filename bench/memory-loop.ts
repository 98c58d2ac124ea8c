/**
 * The README's training loop written as a PyTorch user writes it (no tidy, no dispose, no yielding):
 * LeNet-5, Adam, batches of 32 from cl.data.mnist, `loss.backward(); opt.step(); await loss.toArray()`.
 * Prints process RSS, live tensors and bytes (`cl.memory()`) every `--every` steps, and images per second.
 *   node --import tsx bench/memory-loop.ts [--backend cpu|webgpu] [--steps 2500] [--every 250]
 */
import * as cl from "../src/index";

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

async function main(): Promise<void> {
  const backend = arg("backend", "cpu") as cl.BackendName;
  const steps = Number(arg("steps", "2500")),
    every = Number(arg("every", "250"));
  await cl.setBackend(backend);
  const { x, y } = cl.data.mnist({ split: "train" });
  const model = cl.models.lenet5({ seed: 0 });
  const opt = new cl.optim.Adam(model.parameters(), { lr: 1e-3 });
  const mb = (b: number) => (b / 2 ** 20).toFixed(0);
  console.log(`backend ${cl.getBackend()}, ${steps} steps of 32 images`);
  console.log("step | RSS MB | live tensors | live MB | collected (total) | images/s");
  let step = 0,
    t0 = performance.now(),
    last = 0,
    lossValue = 0;
  const report = () => {
    const m = cl.memory();
    const b = backend;
    const ips = ((step - last) * 32) / ((performance.now() - t0) / 1000);
    console.log(
      `${step} | ${mb(process.memoryUsage().rss)} | ${m.tensors[b]} | ${mb(m.bytes[b])} | ${m.collected} | ${ips.toFixed(0)}`,
    );
    t0 = performance.now();
    last = step;
  };
  while (step < steps) {
    for (const [xb, yb] of cl.data.batches(x, y, { batchSize: 32, shuffle: true, seed: step })) {
      opt.zeroGrad();
      const loss = cl.nn.functional.crossEntropy(model(xb), yb);
      loss.backward();
      opt.step();
      lossValue = (await loss.toArray()) as number;
      step++;
      if (step % every === 0 || step === 1) report();
      if (step >= steps) break;
    }
  }
  console.log(`final loss ${lossValue.toFixed(4)}`);
  await cl.shutdown();
}

void main();
