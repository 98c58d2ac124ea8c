/**
 * The flat-memory check through the kernel: `convlab run` executes a notebook whose one cell trains LeNet-5
 * for 1,500 steps as a PyTorch user writes it (no tidy, no dispose) — a whole loop in one cell, one job for
 * the event loop — and the next cells report cl.memory() and the execution process's RSS afterwards.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeNotebook, type NotebookJson } from "../../kernel/runner/pyjson";
import { ensureBuilt, ROOT, SOURCE_ENV, tempDir } from "../kernel/helpers";

const code = (id: string, source: string) => ({
  id,
  cell_type: "code",
  source,
  metadata: {},
  outputs: [],
  execution_count: null,
});

const TRAIN = `import * as cl from "convlab";
const { x, y } = cl.data.mnist({ split: "train", limit: 2048 });
const model = cl.models.lenet5({ seed: 0 });
const opt = new cl.optim.Adam(model.parameters(), { lr: 1e-3 });
const at: Record<number, { tensors: number; bytes: number; rss: number }> = {};
let step = 0;
for (let epoch = 0; step < 1500; epoch++) {
  for (const [xb, yb] of cl.data.batches(x, y, { batchSize: 32, shuffle: true, seed: epoch })) {
    opt.zeroGrad();
    const loss = cl.nn.functional.crossEntropy(model(xb), yb);
    loss.backward();
    opt.step();
    await loss.toArray();
    step++;
    if (step === 100 || step === 1500) at[step] = { tensors: cl.memory().tensors.cpu, bytes: cl.memory().bytes.cpu, rss: process.memoryUsage().rss };
    if (step === 1500) break;
  }
}`;

const NOTEBOOK: NotebookJson = {
  cells: [
    code("train", TRAIN),
    code("report", "console.log(JSON.stringify(at))"),
    code(
      "after",
      "await cl.collect();\nconsole.log(JSON.stringify({ ...cl.memory(), rss: process.memoryUsage().rss }))",
    ),
  ],
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "convlab", display_name: "TypeScript (convlab)", language: "typescript" } },
};

interface Cell {
  outputs: { output_type: string; text?: string | string[] }[];
}
const textOf = (c: Cell) =>
  c.outputs
    .filter((o) => o.output_type === "stream")
    .map((o) => (Array.isArray(o.text) ? o.text.join("") : (o.text ?? "")))
    .join("");

describe("flat memory through the kernel", () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir("convlab-flat-");
    writeFileSync(join(dir, "train.ipynb"), writeNotebook(NOTEBOOK));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a notebook cell training 1,500 steps leaves the kernel's memory flat", () => {
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, "bin", "convlab.js"),
        "run",
        join(dir, "train.ipynb"),
        "--output",
        join(dir, "out"),
        "--timeout",
        "900",
      ],
      {
        cwd: dir,
        env: { ...process.env, ...SOURCE_ENV },
        encoding: "utf8",
        timeout: 960_000,
      },
    );
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const nb = JSON.parse(readFileSync(join(dir, "out", "train.ipynb"), "utf8")) as { cells: Cell[] };
    const at = JSON.parse(textOf(nb.cells[1])) as Record<string, { tensors: number; bytes: number; rss: number }>;
    const end = JSON.parse(textOf(nb.cells[2])) as MemoryReport;
    const [a, b] = [at["100"], at["1500"]];
    const msg = JSON.stringify({ at, end });
    assert.ok(b.tensors <= a.tensors + 300, `live tensors grew: ${msg}`);
    assert.ok(b.bytes <= a.bytes + 16 * 2 ** 20, `live bytes grew: ${msg}`);
    // the process itself: no growth per step (it grew by ~6.8 MB a step before); 256 MB of slack for the
    // collector's heap sizing and allocator caches
    assert.ok(b.rss <= a.rss + 256 * 2 ** 20, `the execution process grew: ${msg}`);
    assert.ok(end.tensors.cpu <= a.tensors, `after a collection, more tensors than at step 100: ${msg}`);
  });
});

interface MemoryReport {
  tensors: { cpu: number };
  bytes: { cpu: number };
  rss: number;
}
