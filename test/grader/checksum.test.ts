/**
 * The checksum is nbgrader's formula byte for byte: 24 generated cells (every role, integer, fractional and
 * large points, unicode, CRLF, empty sources, markdown) against checksum_oracle.py under /usr/bin/python3.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { it } from "node:test";
import { computeChecksum } from "../../kernel/grader/checksum";
import type { NbCell } from "../../kernel/grader/nbgrader_cell";
import { PYTHON } from "./helpers";

const SOURCES = [
  "",
  "x",
  'function f(a: number): number {\n  // YOUR CODE HERE\n  throw new Error("not implemented");\n}',
  'const t = cl.grading.tests("part1", { points: 3 });\nt.points()',
  "Über ∑ 漢字 😀\n",
  "a\r\nb\r\n",
  "# Title\n\nSome *markdown*.",
];
const POINTS = [0, 1, 3, 2.5, 0.1, 1e16, 1e-5, 17];

function generated(): NbCell[] {
  const cells: NbCell[] = [];
  for (let i = 0; i < 24; i++) {
    const role = ["grade", "solution", "locked", "grade+solution"][i % 4];
    const markdown = i % 5 === 4;
    const nbgrader: Record<string, unknown> = {
      schema_version: 3,
      grade_id: `cell-${i}-ü`,
      grade: role.startsWith("grade"),
      solution: role.endsWith("solution"),
      locked: role === "locked" || (role === "grade" && i % 3 !== 0),
    };
    if (role.startsWith("grade")) nbgrader.points = POINTS[i % POINTS.length];
    const source = SOURCES[i % SOURCES.length];
    cells.push({
      cell_type: markdown ? "markdown" : "code",
      metadata: { nbgrader },
      source: i % 7 === 3 ? source.split(/(?<=\n)/) : source,
    });
  }
  return cells;
}

it("equals nbgrader's compute_checksum for 24 generated cells (Python oracle)", () => {
  const cells = generated();
  const r = spawnSync(PYTHON, [join(__dirname, "checksum_oracle.py")], {
    input: JSON.stringify(cells),
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const oracle = r.stdout.trim().split("\n");
  assert.equal(oracle.length, 24);
  assert.deepEqual(cells.map(computeChecksum), oracle);
  assert.equal(new Set(oracle).size, 24, "the generated cells should all differ");
});
