/**
 * The headless runner (`convlab run`) against Debian's nbclient: the same notebook executed both
 * ways gives byte-for-byte the same file (timestamps aside), and the runner's table and exit codes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeNotebook, type NotebookJson } from "../../kernel/runner/pyjson";
import { ensureBuilt, PYTHON, ROOT, SOURCE_ENV, tempDir } from "./helpers";

const D = "convlab/dist/src/display";
const code = (id: string, source: string) => ({
  id,
  cell_type: "code",
  source,
  metadata: {},
  outputs: [],
  execution_count: null,
});

function notebook(cells: NotebookJson["cells"]): NotebookJson {
  return {
    cells,
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "convlab", display_name: "TypeScript (convlab)", language: "typescript" } },
  };
}

const SAMPLE = notebook([
  { id: "intro", cell_type: "markdown", source: "# runner vs nbclient", metadata: {} },
  code("streams", 'console.log("hello\\nworld ünïcode ✓");\nconsole.error("a warning")'),
  code("floats", "const tiny = { a: 1.5e-5, b: 1e21, c: 0.1 };\ntiny"),
  code("empty", "  "),
  code(
    "show",
    `import { show, liveplot, display, clearOutput } from "${D}";\nshow([[0, 1], [2, 3]], { title: "2x2" })`,
  ),
  code(
    "live",
    'const lp = liveplot({ title: "loss" });\nfor (let i = 0; i < 5; i++) lp.push({ loss: 1 / (i + 1e-3), acc: i * 1e-5 });\nlp.done();',
  ),
  code(
    "clear",
    'console.log("gone");\nclearOutput(true);\ndisplay({ "text/html": "<i>kept</i>", "text/plain": "kept" })',
  ),
  code("fails", 'throw new TypeError("bad input")'),
  code("after", '({ a: [1, 2, 3], b: "s", nested: { deep: [null, true] } })'),
]);

const stripTimes = (s: string) => s.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z"/g, '"<time>"');

function convlab(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "convlab.js"), ...args], {
    cwd,
    env: { ...process.env, ...SOURCE_ENV, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

describe("convlab run", () => {
  let dir: string, data: string;
  before(() => {
    ensureBuilt();
    dir = tempDir("convlab-run-");
    data = tempDir("convlab-jdata-");
    writeFileSync(join(dir, "sample.ipynb"), writeNotebook(SAMPLE));
    const inst = convlab(["install", "--from-source"], dir, { JUPYTER_DATA_DIR: data });
    assert.equal(inst.status, 0, inst.stderr);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  });

  it("writes byte-for-byte what nbclient writes", () => {
    const py = spawnSync(
      PYTHON,
      [join(__dirname, "nbclient_run.py"), join(dir, "sample.ipynb"), join(dir, "nbclient.ipynb"), "--allow-errors"],
      {
        cwd: dir,
        env: { ...process.env, ...SOURCE_ENV, JUPYTER_DATA_DIR: data, JUPYTER_PATH: "", PYTHONUSERBASE: data },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    assert.equal(py.status, 0, py.stderr);
    const ours = convlab(["run", "sample.ipynb", "--output", "out", "--allow-errors"], dir);
    assert.equal(ours.status, 1, `exit 1 because a cell errors\n${ours.stderr}`);
    const expected = stripTimes(readFileSync(join(dir, "nbclient.ipynb"), "utf8"));
    const got = stripTimes(readFileSync(join(dir, "out", "sample.ipynb"), "utf8"));
    assert.equal(got, expected);
    const nb = JSON.parse(got) as NotebookJson;
    const outs = (id: string) => nb.cells.find((c) => c.id === id)?.outputs ?? [];
    assert.deepEqual(
      outs("streams").map((o) => o.name),
      ["stdout", "stderr"],
    );
    assert.deepEqual(Object.keys(outs("show")[0].data ?? {}).sort(), [
      "application/vnd.convlab.v1+json",
      "image/png",
      "image/svg+xml",
      "text/plain",
    ]);
    assert.equal(
      (outs("live")[0].data as Record<string, { done: boolean }>)["application/vnd.convlab.v1+json"].done,
      true,
      "update_display_data replaced the first display",
    );
    assert.deepEqual(
      outs("clear").map((o) => o.output_type),
      ["display_data"],
    );
    assert.equal(outs("fails")[0].ename, "TypeError");
    assert.equal(nb.cells.find((c) => c.id === "after")?.execution_count, 7);
    assert.match(ours.stdout, /sample\.ipynb\s+7\s+1\s+[\d.]+\s+cpu/);
  });

  it("stops at the first error without --allow-errors and exits 0 on a clean notebook", () => {
    const stop = convlab(["run", "sample.ipynb", "--inplace"], dir);
    assert.equal(stop.status, 1);
    const nb = JSON.parse(readFileSync(join(dir, "sample.ipynb"), "utf8")) as NotebookJson;
    assert.equal(nb.cells.find((c) => c.id === "after")?.execution_count, null, "the cell after the error did not run");
    writeFileSync(join(dir, "clean.ipynb"), writeNotebook(notebook([code("a", "1 + 1")])));
    const ok = convlab(["run", "clean.ipynb", "--timeout", "60"], dir);
    assert.equal(ok.status, 0, ok.stderr);
    const out = JSON.parse(readFileSync(join(dir, "clean.executed.ipynb"), "utf8")) as NotebookJson;
    assert.deepEqual((out.cells[0].outputs?.[0].data as Record<string, string[]>)["text/plain"], ["2"]);
  });

  it("interrupts a cell that runs past --timeout and reports it", () => {
    writeFileSync(join(dir, "slow.ipynb"), writeNotebook(notebook([code("a", "while (true) {}"), code("b", "1")])));
    const r = convlab(["run", "slow.ipynb", "--timeout", "2"], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /CellTimeoutError/);
  });
});
