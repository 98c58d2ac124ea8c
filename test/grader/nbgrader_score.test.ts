/**
 * determineGrade is nbgrader's utils.determine_grade, case by case (the cases nbgrader's own tests and issues
 * cover): error or stderr → 0, numeric execute_result → partial credit, non-numeric → full with a warning,
 * above the maximum → an error, 0 → 0 (nbgrader #1374), no output → full; and Python's float() syntax.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NbCell } from "../../kernel/grader/nbgrader_cell";
import { determineGrade, pythonFloat } from "../../kernel/grader/nbgrader_score";

const grade = (outputs: Array<Record<string, unknown>>, points = 3): NbCell => ({
  cell_type: "code",
  source: "",
  outputs,
  metadata: { nbgrader: { schema_version: 3, grade: true, solution: false, locked: true, grade_id: "g", points } },
});
const result = (text: string | string[]) => ({
  output_type: "execute_result",
  data: { "text/plain": text },
  metadata: {},
  execution_count: 1,
});
const stream = (name: string, text: string) => ({ output_type: "stream", name, text });

describe("determineGrade (nbgrader's rule)", () => {
  const cases: Array<[string, Array<Record<string, unknown>>, number | null]> = [
    ["no output: full points", [], 3],
    ["stdout only: full points", [stream("stdout", "Score: 0/10\n")], 3],
    ["an error: 0", [{ output_type: "error", ename: "Error", evalue: "x", traceback: [] }], 0],
    ["anything on stderr: 0", [stream("stdout", "ok\n"), stream("stderr", "warning\n")], 0],
    ["a number: partial credit", [result("1.5")], 1.5],
    ["0 is 0, not full credit (#1374)", [result("0")], 0],
    ["the maximum", [result("3")], 3],
    ["a string '2': full credit (a warning)", [result("'2'")], 3],
    ["an object: full credit", [result("{ a: 1 }")], 3],
    ["negative: full credit (a warning)", [result("-1")], 3],
    ["NaN: full credit (Python's float('NaN') >= 0 is False)", [result("NaN")], 3],
    ["a one-line list", [result(["2.25"])], 2.25],
    ["a two-line list: full credit", [result(["1\n", "2"])], 3],
    [
      "the first of error and result wins: error",
      [{ output_type: "error", ename: "E", evalue: "", traceback: [] }, result("3")],
      0,
    ],
    [
      "the first of result and error wins: the result",
      [result("1"), { output_type: "error", ename: "E", evalue: "", traceback: [] }],
      1,
    ],
  ];
  for (const [name, outputs, want] of cases) it(name, () => assert.equal(determineGrade(grade(outputs)).score, want));

  it("throws above the maximum, as nbgrader raises ValueError", () => {
    assert.throws(() => determineGrade(grade([result("4")])), /expected partial credit <= 3, got 4/);
  });
  it("warns when it gives full credit for a result that is not a number", () => {
    assert.match(determineGrade(grade([result("'2'")])).warning ?? "", /not a number: full credit/);
  });
  it("rejects a cell that is not a grade cell", () => {
    assert.throws(
      () => determineGrade({ cell_type: "code", source: "", metadata: {}, outputs: [] }),
      /expected a grade cell/,
    );
  });
  it("scores a manually graded answer (grade + solution) null, or 0 when left as released", () => {
    const c = grade([]);
    (c.metadata.nbgrader as Record<string, unknown>).solution = true;
    assert.equal(determineGrade(c).score, null);
  });
});

describe("pythonFloat (Python's float(str))", () => {
  const ok: Array<[string, number]> = [
    ["2", 2],
    [" 1.5\n", 1.5],
    ["1_000", 1000],
    ["1e3", 1000],
    [".5", 0.5],
    ["5.", 5],
    ["-0", -0],
    ["+2", 2],
    ["inf", Infinity],
    ["-Infinity", -Infinity],
  ];
  for (const [s, v] of ok) it(`float(${JSON.stringify(s)}) = ${v}`, () => assert.equal(pythonFloat(s), v));
  for (const s of ["", "'2'", "1_", "_1", "1e", "0x10", "2 3", "{}"])
    it(`float(${JSON.stringify(s)}) raises`, () => assert.equal(pythonFloat(s), null));
  it("NaN", () => assert.ok(Number.isNaN(pythonFloat("nan"))));
});
