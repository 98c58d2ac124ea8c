/**
 * The course's five graded assignments, as CI checks them: `convlab assign --check` on every source (each
 * solution full marks with nothing on stderr in a test cell, each student version 0 failing only in test
 * cells), and what it writes is what is committed: the release manifests (hidden tests, points, checksums,
 * the case lists) in instructor/release and the student versions served in notebooks/assignments.
 */
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { readCourseMap } from "../../kernel/course/course_map";
import { stemOf } from "../../kernel/course/layout";
import { convlab, ensureBuilt, ROOT, tempDir, type CliRun } from "./helpers";

const map = readCourseMap(join(ROOT, "notebooks", "course.json"));
const ids = map.assignments.map((a) => stemOf(a.notebook));
const out = tempDir("convlab-release-");
let run: CliRun;

before(async () => {
  ensureBuilt();
  run = await convlab([
    "assign",
    ...ids.map((id) => join(ROOT, "instructor", "src", "assignments", `${id}.nb`)),
    "--out",
    out,
    "--check",
    "--backend",
    "cpu",
  ]);
  console.log(run.stdout, run.stderr);
});
after(() => rmSync(out, { recursive: true, force: true }));

describe("assign --check on the course's assignments", () => {
  it("five graded assignments, each solution full marks and each student version 0", () => {
    assert.equal(ids.length, 5);
    assert.equal(run.status, 0, run.stderr);
    for (const id of ids)
      assert.match(
        run.stdout,
        new RegExp(
          `^${id}: solution (\\d+)/\\1, student version 0/\\1, \\d+ cases \\([1-9]\\d* hidden\\), .*: ok$`,
          "m",
        ),
      );
  });

  for (const a of map.assignments) {
    const id = stemOf(a.notebook);
    it(`${id}: the committed manifest and student version are what assign writes; points agree with the course map`, () => {
      assert.equal(
        readFileSync(join(out, `${id}.grader.json`), "utf8"),
        readFileSync(join(ROOT, "instructor", "release", `${id}.grader.json`), "utf8"),
        "instructor/release is stale: npx convlab assign instructor/src/assignments/*.nb --out instructor/release --check",
      );
      const student = readFileSync(join(out, "student", `${id}.ipynb`), "utf8");
      assert.equal(student, readFileSync(join(ROOT, a.notebook), "utf8"));
      assert.equal(student, readFileSync(join(ROOT, "instructor", "release", "student", `${id}.ipynb`), "utf8"));
      assert.equal(
        (JSON.parse(readFileSync(join(out, `${id}.grader.json`), "utf8")) as { total_points: number }).total_points,
        a.points,
      );
      assert.ok(!student.includes("BEGIN SOLUTION") && !student.includes("BEGIN HIDDEN TESTS"));
    });
  }
});
