/**
 * The submission suite: submissions built from assignment 1's solution (three parts: 3 + 3 + 4 points), each a
 * way a notebook goes wrong by accident or by a simple edit, graded together by `convlab autograde --jobs 2`
 * from the committed release. Every maximum stays 10; what each one scores and why is asserted, then the
 * feedback of a failing student is checked for hidden test code.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { GradeResult } from "../../kernel/grader/result";
import {
  convlab,
  editCell,
  ensureBuilt,
  readJson,
  readNotebook,
  ROOT,
  submission,
  tempDir,
  writeSubmission,
  type CliRun,
} from "./helpers";

const ID = "01-convolution-by-hand";
const FILE = `${ID}.ipynb`;
const RELEASE = join(ROOT, "instructor", "release");
const CELL_TIMEOUT = 15;

/** student id → how their notebook differs from the solution */
const SUBMISSIONS: Record<string, (nb: Parameters<typeof editCell>[0]) => void> = {
  correct: () => {},
  "test-deleted": (nb) => {
    nb.cells = nb.cells.filter((c) => (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id !== "part1");
  },
  "expected-edited": (nb) => editCell(nb, "part3", "[[[5, 0, -2]", "[[[6, 0, -2]"),
  "type-error": (nb) => editCell(nb, "correlate2d", "let s = 0;", "let s: string = 0;"),
  "infinite-loop": (nb) =>
    editCell(nb, "correlate2d", "const out: Matrix = [];", "while (true) {}\n  const out: Matrix = [];"),
  "kills-kernel": (nb) =>
    editCell(nb, "convolve2dFull", "const out: Matrix = [];", "process.kill(process.ppid);\n  const out: Matrix = [];"),
  "kills-exec": (nb) =>
    editCell(
      nb,
      "correlate2d",
      "const out: Matrix = [];",
      'process.kill(process.pid, "SIGKILL");\n  const out: Matrix = [];',
    ),
  "forbidden-op": (nb) =>
    editCell(
      nb,
      "correlate2d",
      /const \[H, W, kh, kw\][^]*return out;/,
      "const [H, W, kh, kw] = [image.length, image[0].length, kernel.length, kernel[0].length];\n" +
        "  return cl.conv2d([[image]], [[kernel]]).reshape([H - kh + 1, W - kw + 1]).toArray() as unknown as Matrix;",
    ),
  "forged-score": (nb) => {
    editCell(nb, "conv2d", /const \[C, H, W\][^]*return y;/, 'console.log("Score: 10/10");\n  return [];');
  },
  "runaway-allocation": (nb) =>
    editCell(
      nb,
      "correlate2d",
      "const out: Matrix = [];",
      "const hoard: Float64Array[] = [];\n  while (true) hoard.push(new Float64Array(2e8));\n  const out: Matrix = [];",
    ),
};

let dir = "",
  run: CliRun = { status: null, stdout: "", stderr: "", seconds: 0 };
const results = new Map<string, GradeResult>();
const cell = (student: string, id: string) => results.get(student)?.cells.find((c) => c.grade_id === id);
const parts = (student: string) => results.get(student)?.cells.map((c) => [c.grade_id, c.score, c.status]);

before(async () => {
  ensureBuilt();
  dir = tempDir("convlab-subs-");
  const student = readNotebook(join(RELEASE, "student", FILE)),
    solution = readNotebook(join(ROOT, "instructor", "solutions", "assignments", FILE));
  for (const [name, edit] of Object.entries(SUBMISSIONS))
    writeSubmission(join(dir, "submitted"), name, FILE, submission(student, solution, edit));
  writeSubmission(join(dir, "submitted"), "nothing-handed-in", "notes.txt.ipynb", student);
  run = await convlab(
    [
      "autograde",
      join(dir, "submitted"),
      "--release",
      RELEASE,
      "--out",
      join(dir, "graded"),
      "--jobs",
      "2",
      "--notebook",
      ID,
      "--cell-timeout",
      String(CELL_TIMEOUT),
      "--notebook-timeout",
      "300",
      "--memory-mb",
      "1024",
      "--backend",
      "cpu",
    ],
    { env: { SECRET_TOKEN: "do-not-leak" } },
  );
  for (const name of [...Object.keys(SUBMISSIONS), "nothing-handed-in"]) {
    const f = join(dir, "graded", name, `${ID}.json`);
    if (existsSync(f)) results.set(name, readJson<GradeResult>(f));
  }
  console.log(run.stdout);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe("the submission suite (assignment 1, autograde --jobs 2)", () => {
  it("grades every submission and writes grades.csv", () => {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(results.size, Object.keys(SUBMISSIONS).length + 1);
    for (const r of results.values())
      assert.equal(r.max_score, 10, `${r.student}: the denominator is always the manifest's`);
    const csv = readFileSync(join(dir, "graded", "grades.csv"), "utf8")
      .trim()
      .split("\n");
    assert.equal(csv.length, results.size + 1);
  });

  it("correct → full marks", () => assert.equal(results.get("correct")?.score, 10));

  it("a deleted test cell is re-added: full marks", () => {
    assert.equal(results.get("test-deleted")?.score, 10);
    assert.deepEqual(results.get("test-deleted")?.restored, [{ grade_id: "part1", what: "missing" }]);
  });

  it("edited expected values are restored: full marks", () => {
    assert.equal(results.get("expected-edited")?.score, 10);
    assert.deepEqual(results.get("expected-edited")?.restored, [{ grade_id: "part3", what: "edited" }]);
  });

  it("a type error in part 1 loses part 1 only; the denominator stays 10", () => {
    assert.deepEqual(parts("type-error"), [
      ["part1", 0, "error"],
      ["part2", 3, "passed"],
      ["part3", 4, "passed"],
    ]);
    assert.match(cell("type-error", "part1")?.message ?? "", /TSError/);
  });

  it("while (true) {} → part 1 `timeout`, the other parts scored, the time bounded", () => {
    assert.deepEqual(parts("infinite-loop"), [
      ["part1", 0, "timeout"],
      ["part2", 3, "passed"],
      ["part3", 4, "passed"],
    ]);
    assert.ok(
      (results.get("infinite-loop")?.seconds ?? Infinity) < 120,
      `took ${results.get("infinite-loop")?.seconds} s`,
    );
  });

  it("process.kill(process.ppid) → that cell errors, the kernel is restarted and grading continues", () => {
    const r = results.get("kills-kernel");
    assert.equal(cell("kills-kernel", "part2")?.status, "error");
    assert.ok((cell("kills-kernel", "part2")?.score ?? 3) < 3);
    assert.deepEqual([cell("kills-kernel", "part1")?.score, cell("kills-kernel", "part3")?.score], [3, 4]);
    assert.equal(r?.restarts.length, 1);
    assert.equal(r?.restarts[0].replayed, 3, "setup and the two answer cells before it were replayed");
  });

  it("an execution process that dies (SIGKILL) → that cell errors, the earlier cells are replayed, the rest scores", () => {
    assert.deepEqual(parts("kills-exec"), [
      ["part1", 0, "error"],
      ["part2", 3, "passed"],
      ["part3", 4, "passed"],
    ]);
    assert.match(cell("kills-exec", "part1")?.message ?? "", /KernelRestarted/);
  });

  it("a forbidden op → the named failure", () => {
    assert.equal(cell("forbidden-op", "part1")?.score, 0);
    for (const k of cell("forbidden-op", "part1")?.cases ?? [])
      assert.equal(k.message, "ForbiddenOpError: conv2d is not allowed in this exercise");
    assert.equal(results.get("forbidden-op")?.score, 7);
  });

  it('console.log("Score: 10/10") means nothing to the grader', () => {
    assert.equal(results.get("forged-score")?.score, 6);
    assert.equal(cell("forged-score", "part3")?.score, 0);
  });

  it("a runaway allocation ends as an error in that part, not a machine-wide out-of-memory", () => {
    assert.deepEqual(
      parts("runaway-allocation")?.map((p) => p.slice(0, 2)),
      [
        ["part1", 0],
        ["part2", 3],
        ["part3", 4],
      ],
    );
    const why = [
      cell("runaway-allocation", "part1")?.message ?? "",
      ...(cell("runaway-allocation", "part1")?.cases ?? []).map((k) => k.message),
    ].join(" ");
    assert.match(why, /RangeError: Array buffer allocation failed/);
  });

  it("two students' notebooks with the same file name → two distinct results", () => {
    assert.notEqual(results.get("correct")?.score, results.get("type-error")?.score);
    assert.ok(existsSync(join(dir, "graded", "correct", FILE)) && existsSync(join(dir, "graded", "type-error", FILE)));
    assert.notEqual(
      readFileSync(join(dir, "graded", "correct", FILE), "utf8"),
      readFileSync(join(dir, "graded", "type-error", FILE), "utf8"),
    );
  });

  it("a student who handed in no such notebook scores 0 (missing), the others unaffected", () => {
    assert.equal(results.get("nothing-handed-in")?.submission, "missing");
    assert.equal(results.get("nothing-handed-in")?.score, 0);
  });

  it("student code never sees the grader's environment", () => {
    const graded = readFileSync(join(dir, "graded", "correct", FILE), "utf8");
    assert.ok(!graded.includes("do-not-leak"));
  });

  it("feedback for a failing student shows hidden case names and messages, not the hidden code", async () => {
    const fb = await convlab(["feedback", join(dir, "graded"), "--out", join(dir, "feedback")]);
    assert.equal(fb.status, 0, fb.stderr);
    const md = readFileSync(join(dir, "feedback", "forbidden-op", `${ID}.md`), "utf8");
    assert.match(
      md,
      /✗ hidden: kernel as large as the image, 4x4 image, 4x4 kernel: ForbiddenOpError: conv2d is not allowed in this exercise/,
    );
    const hiddenCode =
      readFileSync(join(RELEASE, `${ID}.grader.json`), "utf8").match(/BEGIN HIDDEN TESTS\\n(.*?)\\n/)?.[1] ?? "";
    assert.ok(hiddenCode.length > 20);
    for (const f of ["md", "html"])
      assert.ok(
        !readFileSync(join(dir, "feedback", "forbidden-op", `${ID}.${f}`), "utf8").includes("part1Case(4, 4, 4, 4"),
        `${f} shows hidden code`,
      );
  });
});
