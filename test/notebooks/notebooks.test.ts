/**
 * The course as CI checks it. Static: the course map (notebooks/course.json) and the files agree both ways (a
 * notebook that the map does not list fails, and so does a map entry without its notebook or source); the committed
 * notebooks, solutions, index and docs page are what `convlab build` makes of the sources; notebooks are clean,
 * cite the lectures by name (never a seed file path) and keep no helper cells; solutions stay out of notebooks/.
 * Run: every lecture notebook and the index go through the headless runner (the real kernel over the Jupyter
 * protocol) two at a time and no cell may error. The assignments are graded notebooks (nbgrader's format): they
 * are checked here for their roles and run by `convlab assign --check` in test/grader/assignments.test.ts. The
 * executed copies stay in artifacts/executed/<path in the repository> (git-ignored) for the course website.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { before, describe, it } from "node:test";
import { buildCourse } from "../../kernel/course/build";
import { lectureNotebooks, readCourseMap } from "../../kernel/course/course_map";
import { COURSE_MAP, INDEX, NOTEBOOKS, SOURCES, sourceOf } from "../../kernel/course/layout";
import { filesUnder, planCourse } from "../../kernel/course/plan";

const ROOT = join(__dirname, "..", "..");
const EXECUTED = join("artifacts", "executed");
const map = readCourseMap(join(ROOT, COURSE_MAP));
const lectures = [...lectureNotebooks(map).keys()];
const assignments = map.assignments;

interface Output { output_type: string; text?: string | string[]; ename?: string; evalue?: string }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[]; execution_count?: number | null; id?: string }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name?: string; language?: string } }; nbformat: number; nbformat_minor: number }

const read = (path: string): Notebook => JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Notebook;
const joined = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code");
const errorsOf = (nb: Notebook) => codeCells(nb).flatMap((c, i) =>
  (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => ({ cell: i, text: `${o.ename}: ${o.evalue}` })));
const streamOf = (nb: Notebook) => codeCells(nb).flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "stream").map((o) => joined(o.text))).join("");

describe("course map and files", () => {
  it("every notebook in notebooks/ is in the course map", () => {
    const listed = new Set([...lectures, ...assignments.map((a) => a.notebook), INDEX]);
    const missing = filesUnder(ROOT, NOTEBOOKS, ".ipynb").filter((f) => !listed.has(f));
    assert.deepEqual(missing, [], `not in ${COURSE_MAP}: ${missing.join(", ")}`);
  });

  it("every map entry has its notebook and its source", () => {
    const absent = [...lectures, ...assignments.flatMap((a) => [a.notebook, a.source])]
      .flatMap((nb) => [nb, ...(nb.startsWith(`${NOTEBOOKS}/`) ? [sourceOf(nb)] : [])])
      .filter((f) => !existsSync(join(ROOT, f)));
    assert.deepEqual(absent, [], `listed in ${COURSE_MAP} but missing: ${absent.join(", ")}`);
    assert.ok(lectures.length >= 10 && assignments.length === 5, `found ${lectures.length} lecture notebooks, ${assignments.length} assignments`);
    for (const lecture of map.lectures) assert.ok(lecture.sections.length > 0, `${lecture.id} lists no section`);
  });

  it("the committed notebooks, solutions, index and docs page are what `convlab build` generates", () => {
    const r = buildCourse(ROOT, { check: true });
    assert.deepEqual(r.stale, [], "differ from their sources: run `npx convlab build`");
    assert.deepEqual(r.strays, [], "not built from the map");
  });

  it("notebooks are clean nbformat 4.5 on the convlab kernel", () => {
    const plan = planCourse(ROOT);
    for (const f of [...plan.notebooks, ...plan.solutions, INDEX]) {
      const nb = read(f);
      assert.equal(`${nb.nbformat}.${nb.nbformat_minor}`, "4.5", f);
      assert.equal(nb.metadata.kernelspec?.name, "convlab", f);
      assert.equal(nb.metadata.kernelspec?.language, "typescript", f);
      assert.equal(new Set(nb.cells.map((c) => c.id)).size, nb.cells.length, `${f}: cell ids are not unique`);
      for (const c of nb.cells) assert.match(c.id ?? "", /^[a-zA-Z0-9-_]{1,64}$/, `${f}: cell id`);
      for (const c of codeCells(nb)) {
        assert.deepEqual(c.outputs, [], `${f}: committed with outputs`);
        assert.equal(c.execution_count, null, `${f}: committed with an execution count`);
      }
    }
  });

  it("notebooks cite lectures by name, never by a file path, and keep no helper cells of their own", () => {
    const sources = filesUnder(ROOT, SOURCES, ".nb");
    assert.ok(sources.length >= 12, `found ${sources.length} sources`);
    for (const f of [...sources, ...filesUnder(ROOT, NOTEBOOKS, ".ipynb"), ...filesUnder(ROOT, "instructor/solutions", ".ipynb")]) {
      const text = readFileSync(join(ROOT, f), "utf8");
      assert.doesNotMatch(text, /shared\/seeds|\d{3}_[0-9a-f]{16}\.txt/, `${f} cites a lecture by a file path`);
      assert.doesNotMatch(text, /function (expect|assert)\w*\(|(const|let) (expect|assert)[A-Z]\w* = |helpers\.inc/, `${f} defines its own assertion helpers (use cl.check)`);
    }
    for (const f of lectures) assert.match(joined(read(f).cells[0].source), /^# .+\n\n\*[^*\n]+(,|:)/, `${f}: a title, then the lecture cited by title, author and section`);
  });

  it("reference solutions are outside the served notebooks/ folder", () => {
    const plan = planCourse(ROOT);
    assert.ok(plan.solutions.length >= 2 && plan.solutions.every((s) => s.startsWith("instructor/solutions/")), plan.solutions.join(", "));
    assert.ok(!existsSync(join(ROOT, NOTEBOOKS, "solutions")), "notebooks/solutions/ exists");
    for (const a of assignments) assert.ok(!readFileSync(join(ROOT, a.notebook), "utf8").includes("[solution]"), a.notebook);
  });

  it("assignments are graded notebooks: test, answer and read-only cells with nbgrader roles; no self-scoring cell", () => {
    for (const a of assignments) {
      const nb = read(a.notebook);
      const roles = nb.cells.map((c) => (c as { metadata?: { nbgrader?: { grade?: boolean; solution?: boolean } } }).metadata?.nbgrader);
      assert.ok(roles.some((r) => r?.grade) && roles.some((r) => r?.solution), `${a.notebook}: no tests or answer cells`);
      assert.doesNotMatch(readFileSync(join(ROOT, a.notebook), "utf8"), /Score: \$\{|BEGIN SOLUTION|BEGIN HIDDEN TESTS/, a.notebook);
    }
  });
});

interface Run { status: number | null; log: string }

/** `convlab run path --output <artifacts/executed/dir of path>`: the executed copy keeps the path it has in the repository. */
function runOne(path: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "convlab.js"), "run", path, "--output", join(EXECUTED, dirname(path)), "--timeout", "300"], { cwd: ROOT });
    let log = "";
    child.stdout.on("data", (d: Buffer) => { log += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { log += d.toString(); });
    const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
    child.on("close", (status) => { clearTimeout(timer); resolve({ status, log }); });
  });
}

/** Runs the notebooks `lanes` at a time (two: the CI machine has two cores). */
async function runAll(paths: string[], lanes = 2): Promise<Map<string, Run>> {
  const results = new Map<string, Run>();
  const queue = [...paths];
  await Promise.all(Array.from({ length: lanes }, async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) results.set(p, await runOne(p));
  }));
  return results;
}

describe("course notebooks through the headless runner", () => {
  const passing = [...lectures, INDEX];
  let runs = new Map<string, Run>();
  const executed = (path: string) => join(EXECUTED, path);

  before(async () => {
    // cells import the built library (dist/); scripts/test.sh builds it before the tests run
    if (!existsSync(join(ROOT, "dist", "src", "index.js")) || !existsSync(join(ROOT, "dist", "kernel", "cli.js"))) {
      execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")], { stdio: "ignore" });
    }
    rmSync(join(ROOT, EXECUTED), { recursive: true, force: true });
    const t0 = performance.now();
    runs = await runAll(passing);
    console.log([...runs.values()].map((r) => r.log.trim()).join("\n"), `\n${runs.size} notebooks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });

  for (const f of passing) {
    it(`${f} runs without errors`, () => {
      const run = runs.get(f);
      assert.ok(run && existsSync(join(ROOT, executed(f))), `no executed copy of ${f}:\n${run?.log ?? "not run"}`);
      assert.equal(run.status, 0, run.log);
      const nb = read(executed(f));
      assert.deepEqual(errorsOf(nb), [], `${f} has errors`);
      assert.ok(codeCells(nb).every((c) => typeof c.execution_count === "number"), `${f}: not every cell ran`);
      const stream = streamOf(nb);
      if (f !== INDEX) assert.match(stream, /^✓ /m, `${f}: no cl.check ran`);
    });
  }
});
