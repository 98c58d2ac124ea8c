/**
 * The course notebooks, run as a course would check them: every lecture notebook and the assignment
 * solutions go through the headless runner (`convlab run`, the real kernel over the Jupyter protocol)
 * and no cell may error; the blank assignment templates must fail in their score cell only, with
 * score 0. Static checks: the committed notebooks are clean (no outputs), use the convlab kernelspec,
 * and are what notebooks/build/build.py generates from notebooks/build/src.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

const ROOT = join(__dirname, "..", "..");
const NB = join(ROOT, "notebooks");
const PYTHON = "/usr/bin/python3";
const lectures = readdirSync(NB).filter((f) => /^\d\d_.*\.ipynb$/.test(f)).sort();
const assignments = readdirSync(NB).filter((f) => /^assignment_.*\.ipynb$/.test(f)).sort();

interface Output { output_type: string; text?: string | string[]; ename?: string; evalue?: string }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null; id?: string }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name?: string; language?: string } } }

const read = (path: string): Notebook => JSON.parse(readFileSync(path, "utf8")) as Notebook;
const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code");
const errorsOf = (nb: Notebook) => codeCells(nb).flatMap((c, i) =>
  (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => ({ cell: i, text: `${o.ename}: ${o.evalue}` })));
const streamOf = (nb: Notebook) => codeCells(nb).flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "stream").map((o) => joined(o.text))).join("");

/** `convlab run` over some notebooks into outDir; the runner itself prints a table with timings. */
function runNotebooks(paths: string[], outDir: string): { status: number | null; log: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "convlab.js"), "run", ...paths, "--output", outDir, "--timeout", "300"], {
    cwd: ROOT, encoding: "utf8", timeout: 900_000,
  });
  return { status: r.status, log: `${r.stdout}\n${r.stderr}` };
}

describe("course notebooks (committed files)", () => {
  it("are clean, nbformat 4, on the convlab kernel", () => {
    assert.ok(lectures.length >= 10 && assignments.length === 2, `found ${lectures.length} lecture notebooks, ${assignments.length} assignments`);
    for (const f of [...lectures, ...assignments, ...assignments.map((a) => join("solutions", a))]) {
      const nb = read(join(NB, f));
      assert.equal(nb.metadata.kernelspec?.name, "convlab", f);
      assert.equal(nb.metadata.kernelspec?.language, "typescript", f);
      for (const c of codeCells(nb)) {
        assert.deepEqual(c.outputs, [], `${f}: committed with outputs`);
        assert.equal(c.execution_count, null, `${f}: committed with an execution count`);
      }
    }
  });

  it("are what notebooks/build/build.py generates", () => {
    const out = mkdtempSync(join(tmpdir(), "convlab-nbbuild-"));
    try {
      execFileSync(PYTHON, [join(NB, "build", "build.py"), "--out", out], { stdio: "ignore" });
      for (const f of [...lectures, ...assignments, ...assignments.map((a) => join("solutions", a))]) {
        // compare content, not bytes: another nbformat version may format the JSON differently
        const [fresh, committed] = [read(join(out, f)), read(join(NB, f))];
        const content = (nb: Notebook) => ({ metadata: nb.metadata, cells: nb.cells.map((c) => ({ type: c.cell_type, id: c.id, source: joined(c.source) })) });
        assert.deepEqual(content(fresh), content(committed), `${f} differs from its source: run notebooks/build/build.py`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("course notebooks through the headless runner", () => {
  const out = mkdtempSync(join(tmpdir(), "convlab-nbrun-"));
  let passing = { status: null as number | null, log: "" };
  let templates = { status: null as number | null, log: "" };

  before(() => {
    // cells import the built library (dist/); scripts/test.sh builds it before the tests run
    if (!existsSync(join(ROOT, "dist", "src", "index.js"))) {
      execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")], { stdio: "ignore" });
    }
    passing = runNotebooks([...lectures.map((f) => join(NB, f)), ...assignments.map((f) => join(NB, "solutions", f))], join(out, "run"));
    templates = runNotebooks(assignments.map((f) => join(NB, f)), join(out, "templates"));
    console.log(passing.log.trim(), "\n", templates.log.trim());
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  for (const f of [...lectures, ...assignments.map((a) => `solutions/${a}`)]) {
    it(`${f} runs without errors`, () => {
      const path = join(out, "run", f.replace(/^solutions\//, ""));
      assert.ok(existsSync(path), `no output notebook for ${f}:\n${passing.log}`);
      const nb = read(path);
      assert.deepEqual(errorsOf(nb), [], `${f} has errors`);
      assert.ok(codeCells(nb).every((c) => typeof c.execution_count === "number"), `${f}: not every cell ran`);
      const stream = streamOf(nb);
      if (f.startsWith("solutions/")) assert.match(stream, /Score: (\d+)\/\1\n/, `${f}: expected a full score`);
      else assert.match(stream, /^ok: /m, `${f}: no check ran`);
    });
  }
  it("the runner exits 0 for the lecture notebooks and solutions", () => assert.equal(passing.status, 0, passing.log));

  for (const f of assignments) {
    it(`the blank template ${f} fails its checks (score 0) in the score cell only`, () => {
      const nb = read(join(out, "templates", f));
      const errors = errorsOf(nb);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].cell, codeCells(nb).length - 1, "only the last (score) cell may fail");
      assert.match(errors[0].text, /score 0\/\d+/);
      assert.match(streamOf(nb), /FAIL .*not implemented/);
    });
  }
  it("the runner exits non-zero for the templates", () => assert.notEqual(templates.status, 0, templates.log));
});
