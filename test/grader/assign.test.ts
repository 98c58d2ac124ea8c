/**
 * `assign` and `restore` on a small source, without running anything: the .nb roles become nbgrader metadata;
 * the student version has the stub at the marker's indentation, no hidden tests, locked cells and nbgrader's
 * checksums; assign refuses what nbgrader or TypeScript would break on; restore puts back edited and deleted
 * cells (at their place), drops a duplicate's role and keeps the student's answers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSource } from "../../kernel/course/nb_source";
import { assignNotebook } from "../../kernel/grader/assign";
import { computeChecksum } from "../../kernel/grader/checksum";
import { CODE_STUB } from "../../kernel/grader/markers";
import { restore } from "../../kernel/grader/restore";
import { sourceFromNb, type AssignmentSource } from "../../kernel/grader/source";
import type { NotebookJson } from "../../kernel/runner/pyjson";
import { gradeIdOf } from "./helpers";

const NB = `%% md locked id=intro
# Homework

%% code locked id=setup
import * as cl from "convlab";

%% code solution id=answer
function answer(): number {
    // BEGIN SOLUTION
    return 42;
    // END SOLUTION
}

%% md
Free text the student may edit.

%% code tests id=part1 points=2.5 timeout=60 forbid=conv,unfold
const t = cl.grading.tests("part1", { points: 2.5 });
await t.case("visible", () => t.equal(answer(), 42));
// BEGIN HIDDEN TESTS
await t.case("hidden", () => t.equal(answer() + 1, 43));
// END HIDDEN TESTS
t.points()
`;

function source(text = NB): AssignmentSource {
  return { id: "01-hw", title: "Homework", nb: sourceFromNb(parseSource(text, "hw.nb"), "hw.nb", "01-hw") };
}
const byId = (nb: NotebookJson, id: string) =>
  nb.cells.find((c) => gradeIdOf(c) === id) as NotebookJson["cells"][number];
const text = (c: NotebookJson["cells"][number]) => String(c.source);

describe("convlab assign", () => {
  const { student, manifest } = assignNotebook(source());

  it("writes nbgrader's metadata from the .nb roles, convlab's settings beside it", () => {
    const tests = byId(student, "part1");
    assert.deepEqual(tests.metadata.nbgrader, {
      schema_version: 3,
      grade: true,
      solution: false,
      locked: true,
      grade_id: "part1",
      points: 2.5,
      checksum: computeChecksum(tests),
      cell_type: "code",
    });
    assert.deepEqual(tests.metadata.convlab, { timeout: 60, forbid: ["conv", "unfold"] });
    assert.equal(tests.metadata.editable, false);
    assert.equal(tests.metadata.deletable, false);
    assert.equal(byId(student, "answer").metadata.editable, undefined, "answers stay editable");
    assert.deepEqual(student.cells[3].metadata, {}, "an ordinary cell has no role");
  });

  it("replaces the solution by the TypeScript stub at the marker's indentation and drops the hidden tests", () => {
    assert.equal(
      text(byId(student, "answer")),
      `function answer(): number {\n${CODE_STUB.split("\n")
        .map((l) => `    ${l}`)
        .join("\n")}\n}`,
    );
    assert.doesNotMatch(text(byId(student, "part1")), /hidden|HIDDEN/);
    assert.match(text(byId(student, "part1")), /await t.case\("visible"/);
  });

  it("keeps the full test cell and the points in the manifest", () => {
    const m = manifest.cells.find((c) => c.grade_id === "part1");
    assert.equal(manifest.total_points, 2.5);
    assert.match(m?.source ?? "", /BEGIN HIDDEN TESTS/);
    assert.equal(m?.checksum, computeChecksum(byId(student, "part1")));
    assert.deepEqual(
      manifest.cells.map((c) => [c.grade_id, c.role]),
      [
        ["intro", "locked"],
        ["setup", "locked"],
        ["answer", "solution"],
        ["part1", "tests"],
      ],
    );
  });

  it("refuses a solution cell without markers, hidden tests outside a test cell and duplicate ids", () => {
    assert.throws(
      () => assignNotebook(source(NB.replace(/ *\/\/ (BEGIN|END) SOLUTION\n/g, ""))),
      /expected \/\/ BEGIN SOLUTION … \/\/ END SOLUTION inside the cell/,
    );
    assert.throws(
      () =>
        assignNotebook(
          source(NB.replace("import * as cl", "// BEGIN HIDDEN TESTS\n// END HIDDEN TESTS\nimport * as cl")),
        ),
      /BEGIN HIDDEN TESTS in tests cells only, got it in a locked cell/,
    );
    assert.throws(
      () => assignNotebook(source(NB.replace("id=setup", "id=intro"))),
      /unique grade ids, got intro twice/,
    );
    assert.throws(() => parseSource("%% code tests id=p\nx", "x.nb"), /expected points=N on a tests cell/);
    assert.throws(() => parseSource("%% code secret id=p\nx", "x.nb"), /expected a role \(tests, solution, locked\)/);
  });
});

describe("restore before grading", () => {
  const { student, manifest } = assignNotebook(source());
  const answered = (): NotebookJson => {
    const nb = structuredClone(student);
    byId(nb, "answer").source = "function answer(): number { return 42; }";
    return nb;
  };

  it("runs the full test cell (hidden tests back in) and keeps the student's answer", () => {
    const { nb, restored } = restore(answered(), manifest);
    assert.match(text(byId(nb, "part1")), /BEGIN HIDDEN TESTS/);
    assert.equal(text(byId(nb, "answer")), "function answer(): number { return 42; }");
    assert.deepEqual(restored, []);
  });

  it("reports and undoes an edited test cell", () => {
    const sub = answered();
    byId(sub, "part1").source = text(byId(sub, "part1")).replace("42", "41");
    const { nb, restored } = restore(sub, manifest);
    assert.deepEqual(restored, [{ grade_id: "part1", what: "edited" }]);
    assert.match(text(byId(nb, "part1")), /t.equal\(answer\(\), 42\)/);
  });

  it("re-adds a deleted test cell after the cell before it in the source, and a deleted setup cell", () => {
    const sub = answered();
    sub.cells = sub.cells.filter((c) => !["part1", "setup"].includes(gradeIdOf(c) ?? ""));
    const { nb, restored } = restore(sub, manifest);
    assert.deepEqual(
      restored.map((r) => [r.grade_id, r.what]),
      [
        ["setup", "missing"],
        ["part1", "missing"],
      ],
    );
    assert.deepEqual(
      nb.cells.map((c) => gradeIdOf(c) ?? "-"),
      ["intro", "setup", "answer", "part1", "-"],
    );
  });

  it("drops the role of a copied test cell, notes an unanswered stub, and clears outputs", () => {
    const sub = structuredClone(student);
    sub.cells.push(structuredClone(byId(sub, "part1")));
    byId(sub, "setup").outputs = [{ output_type: "stream", name: "stdout", text: "Score: 10/10\n" }];
    const { nb, restored } = restore(sub, manifest);
    assert.deepEqual(restored.map((r) => r.what).sort(), ["duplicate", "unanswered"]);
    assert.equal(nb.cells.filter((c) => gradeIdOf(c) === "part1").length, 1);
    assert.deepEqual(byId(nb, "setup").outputs, []);
  });
});
