/**
 * The Gradescope autograder run as Gradescope runs it: `convlab gradescope` builds the zip from the committed
 * release (assignment 1), it is unpacked into a scratch folder laid out like /autograder (source/,
 * submission/, results/), `setup.sh` runs (here with the checkout's node_modules instead of `npm ci`: no
 * network in CI), `run_autograder` is copied to the root and run with a student's notebook under a
 * different file name, and results.json must carry Gradescope's fields and the full score.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, it } from "node:test";
import { writeNotebook } from "../../kernel/runner/pyjson";
import type { GradescopeResults } from "../../kernel/grader/gradescope_results";
import { convlab, ensureBuilt, PYTHON, readJson, readNotebook, ROOT, submission, tempDir } from "./helpers";

const ID = "01-convolution-by-hand";
const dir = tempDir("convlab-gradescope-");
after(() => rmSync(dir, { recursive: true, force: true }));

it("the autograder zip runs as Gradescope runs it and writes results.json", async () => {
  ensureBuilt();
  const zip = join(dir, "autograder.zip");
  const built = await convlab([
    "gradescope",
    join(ROOT, "instructor", "release"),
    "--notebook",
    ID,
    "--out",
    zip,
    "--cell-timeout",
    "60",
  ]);
  assert.equal(built.status, 0, built.stderr);
  const ag = join(dir, "autograder");
  for (const d of ["source", "submission", "results"]) mkdirSync(join(ag, d), { recursive: true });
  const unzip = spawnSync(PYTHON, ["-m", "zipfile", "-e", zip, join(ag, "source")], { encoding: "utf8" });
  assert.equal(unzip.status, 0, unzip.stderr);
  const env = { ...process.env, AUTOGRADER_DIR: ag, CONVLAB_NODE_MODULES: join(ROOT, "node_modules") };
  const setup = spawnSync("bash", [join(ag, "source", "setup.sh")], { cwd: join(ag, "source"), env, encoding: "utf8" });
  assert.equal(setup.status, 0, setup.stderr);
  copyFileSync(join(ag, "source", "run_autograder"), join(ag, "run_autograder"));
  const nb = submission(
    readNotebook(join(ROOT, "instructor", "release", "student", `${ID}.ipynb`)),
    readNotebook(join(ROOT, "instructor", "solutions", "assignments", `${ID}.ipynb`)),
  );
  writeFileSync(join(ag, "submission", "my homework (1).ipynb"), writeNotebook(nb));
  const graded = spawnSync("bash", [join(ag, "run_autograder")], { cwd: ag, env, encoding: "utf8", timeout: 600_000 });
  assert.equal(graded.status, 0, graded.stderr);
  const r = readJson<GradescopeResults>(join(ag, "results", "results.json"));
  assert.equal(r.score, 10, JSON.stringify(r, null, 1));
  assert.ok(Number.isInteger(r.execution_time) && typeof r.output === "string");
  assert.deepEqual(
    r.tests.filter((t) => t.visibility === "visible").map((t) => [t.name, t.score, t.max_score, t.status]),
    [
      ["part1", 3, 3, "passed"],
      ["part2", 3, 3, "passed"],
      ["part3", 4, 4, "passed"],
    ],
  );
  assert.ok(r.tests.some((t) => t.visibility === "after_published" && /hidden/.test(t.name)));
  for (const t of r.tests) assert.ok(typeof t.name === "string" && typeof t.output === "string");
});
