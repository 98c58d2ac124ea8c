/**
 * The files other tools read, from a synthetic result: grades.csv has `nbgrader export`'s header and number
 * format, Gradescope's results.json has its fields, feedback names a failed hidden case and its message but
 * never its code, and the zip writer's archives open with Python's zipfile (an independent reader).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { writeFeedback } from "../../kernel/grader/feedback";
import { gradesCsv } from "../../kernel/grader/grades_csv";
import { gradescopeResults } from "../../kernel/grader/gradescope_results";
import type { GradeResult } from "../../kernel/grader/result";
import { zip } from "../../kernel/grader/zip_writer";
import { PYTHON, tempDir } from "./helpers";

/** nbgrader/plugins/export.py, CsvExportPlugin's keys, in order. */
const NBGRADER_HEADER =
  "assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,late_submission_penalty,score,max_score";
const HIDDEN_CODE =
  'await t.case("hidden: kernel larger than the image", async () => t.close(secretReference(7), 42));';

const result: GradeResult = {
  format: "convlab-grade/1",
  student: "alice",
  notebook: "01-hw",
  title: "Homework 1",
  score: 2.5,
  max_score: 5,
  submission: "graded",
  timestamp: "2026-12-01T10:00:00.000Z",
  seconds: 12.3,
  restored: [{ grade_id: "part1", what: "edited" }],
  restarts: [],
  notes: [],
  cells: [
    {
      grade_id: "part1",
      score: 2.5,
      max_score: 3,
      status: "partial",
      cases: [
        { name: "5x5 image", passed: true, message: "", hidden: false },
        {
          name: "hidden: kernel larger than the image",
          passed: false,
          message: "result: not close: got 41, expected 42",
          hidden: true,
        },
      ],
      output: "✓ 5x5 image\n✗ hidden: kernel larger than the image: result: not close: got 41, expected 42\nOut: 2.5\n",
      seconds: 1,
      warnings: [],
    },
    {
      grade_id: "part2",
      score: 0,
      max_score: 2,
      status: "timeout",
      message: "did not finish within 30 s",
      cases: [],
      output: "",
      seconds: 30,
      warnings: [],
    },
  ],
};

describe("file formats", () => {
  it("grades.csv: nbgrader export's header, Python's float spelling", () => {
    const csv = gradesCsv([result, { ...result, student: "bob,jr", score: 5 }]).split("\n");
    assert.equal(csv[0], NBGRADER_HEADER);
    assert.equal(csv[1], "01-hw,,2026-12-01T10:00:00.000Z,alice,,,,2.5,0.0,2.5,5.0");
    assert.equal(csv[2], '01-hw,,2026-12-01T10:00:00.000Z,"bob,jr",,,,5.0,0.0,5.0,5.0');
  });

  it("results.json: Gradescope's fields; hidden cases in an entry of their own, after publishing", () => {
    const r = gradescopeResults([result]);
    assert.equal(r.score, 2.5);
    assert.equal(r.execution_time, 12);
    assert.deepEqual(Object.keys(r).sort(), [
      "execution_time",
      "output",
      "score",
      "stdout_visibility",
      "tests",
      "visibility",
    ]);
    assert.deepEqual(
      r.tests.map((t) => [t.name, t.score, t.max_score, t.status, t.visibility]),
      [
        ["part1", 2.5, 3, "failed", "visible"],
        ["part1 · hidden tests", undefined, undefined, undefined, "after_published"],
        ["part2", 0, 2, "failed", "visible"],
      ],
    );
    assert.match(r.tests[1].output, /✗ hidden: kernel larger than the image: result: not close: got 41, expected 42/);
    assert.match(r.output, /part1: edited/);
  });

  it("feedback names a failed hidden case and its message, never its code", () => {
    const dir = tempDir("convlab-fb-");
    try {
      mkdirSync(join(dir, "graded", "alice"), { recursive: true });
      writeFileSync(join(dir, "graded", "alice", "01-hw.json"), JSON.stringify(result));
      // the graded notebook beside it holds the hidden tests (the instructor's copy); feedback reads its answer cells
      const meta = (role: string) => ({
        nbgrader: {
          schema_version: 3,
          grade: role === "tests",
          solution: role === "solution",
          locked: role !== "solution",
          grade_id: role === "tests" ? "part1" : "answer",
          points: 3,
        },
      });
      writeFileSync(
        join(dir, "graded", "alice", "01-hw.ipynb"),
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [
            {
              cell_type: "code",
              metadata: meta("solution"),
              source: "function answer() { return 41; }",
              outputs: [],
              execution_count: 1,
            },
            {
              cell_type: "code",
              metadata: meta("tests"),
              source: `// BEGIN HIDDEN TESTS\n${HIDDEN_CODE}\n// END HIDDEN TESTS`,
              outputs: [],
              execution_count: 2,
            },
          ],
        }),
      );
      const files = writeFeedback(join(dir, "graded"), join(dir, "feedback"));
      assert.deepEqual(
        files.map((f) => f.slice(dir.length)),
        ["/feedback/alice/01-hw.html", "/feedback/alice/01-hw.md"],
      );
      for (const f of files) {
        const text = readFileSync(f, "utf8");
        assert.match(text, /hidden: kernel larger than the image: result: not close: got 41, expected 42/);
        assert.match(text, /2\.5 \/ 3/);
        assert.match(text, /timeout/);
        assert.ok(!text.includes("secretReference") && !text.includes("HIDDEN TESTS"), `${f} shows hidden test code`);
        assert.match(text, /return 41;/, "the student's own answer is shown");
      }
      assert.match(readFileSync(files[0], "utf8"), /^<!DOCTYPE html>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("zip archives open with Python's zipfile, contents and unix modes intact", () => {
    const dir = tempDir("convlab-zip-");
    try {
      const data = Buffer.from("é".repeat(5000));
      writeFileSync(
        join(dir, "a.zip"),
        zip([
          { name: "run_autograder", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
          { name: "dir/ü.txt", data },
        ]),
      );
      const py =
        "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(i.filename, oct(i.external_attr >> 16), len(z.read(i)))";
      const r = spawnSync(PYTHON, ["-c", py, join(dir, "a.zip")], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `run_autograder 0o100755 10\ndir/ü.txt 0o100644 ${data.length}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
