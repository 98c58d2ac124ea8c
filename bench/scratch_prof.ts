import * as cl from "../src/index";
import { cpuKernels } from "../src/backends/cpu/cpu_kernels";
const acc = new Map<string, [number, number]>();
const tbl = cpuKernels as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const k of Object.keys(tbl)) {
  const f = tbl[k];
  tbl[k] = (...a: unknown[]) => { const t = performance.now(); const r = f(...a); const key = k === "binary" || k === "reduce" ? `${k} ${(a[1] as {op: string}).op} ${(a[0] as {shape: number[]}[]).map((t) => t.shape.join('x')).join(' , ')}` : k; const e = acc.get(key) ?? [0, 0]; e[0] += performance.now() - t; e[1]++; acc.set(key, e); return r; };
}
void (async () => {
  const train = cl.data.mnist({ split: "train", seed: 0, limit: 1024 });
  const x = cl.div(cl.sub(train.x, 0.1307), 0.3081);
  const model = cl.models.lenet5({ seed: 0 });
  const opt = new cl.optim.Adam(model.parameters(), { lr: 1e-3 });
  acc.clear();
  const t0 = performance.now(), c0 = process.cpuUsage();
  for (const [xb, yb] of cl.data.batches(x, train.y, { batchSize: 32, shuffle: true, seed: 0 })) {
    opt.zeroGrad();
    const loss = cl.nn.functional.crossEntropy(model(xb), yb);
    loss.backward();
    opt.step();
    await loss.data();
  }
  const wall = performance.now() - t0, c = process.cpuUsage(c0);
  const tot = [...acc.values()].reduce((s, [t]) => s + t, 0);
  console.log(`wall ${wall.toFixed(0)} ms, cpu user ${(c.user / 1000).toFixed(0)} sys ${(c.system / 1000).toFixed(0)} ms, kernels ${tot.toFixed(0)} ms`);
  console.log([...acc].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).map(([k, [t, n]]) => `${k}: ${t.toFixed(0)} ms / ${n}`).join("\n"));
  await cl.shutdown();
})();
