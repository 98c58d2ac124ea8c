/**
 * `convlab build` on a small course in a temporary folder: the .nb format, the map's checks (a notebook outside the
 * map, a map entry without a source, a notebook in the wrong folder), deterministic output with stable cell ids,
 * student and instructor versions of an assignment, `--check`.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { buildCourse } from "../../kernel/course/build";
import { parseSource } from "../../kernel/course/nb_source";

let root = "";
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const read = (path: string) => readFileSync(join(root, path), "utf8");

const MAP = {
  title: "A tiny course",
  lectures: [
    {
      id: "lecture-a",
      title: "Lecture A",
      authors: ["Ada"],
      citation: "Ada, *Lecture A*",
      kind: "notes",
      sections: [
        { id: "one", number: "§1", title: "One", notebook: "notebooks/lecture-a/01-one.ipynb" },
        { id: "two", number: "§2", title: "Two", notebook: "notebooks/lecture-a/01-one.ipynb" },
      ],
      errata: [{ at: "§1", text: "2 + 2 is 4, not 5.", notebook: "notebooks/lecture-a/01-one.ipynb" }],
    },
  ],
  assignments: [
    {
      id: "hw",
      title: "Homework",
      source: "instructor/solutions/assignments/01-hw.ipynb",
      notebook: "notebooks/assignments/01-hw.ipynb",
      points: 3,
      lectures: ["lecture-a"],
    },
  ],
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "convlab-course-"));
  write("notebooks/course.json", JSON.stringify(MAP));
  write(
    "instructor/src/lecture-a/01-one.nb",
    '%% md\n# One\n\n*Ada, Lecture A, §1.* Über ∑.\n\n%% code\nimport * as cl from "convlab";\n\n\n%% code\nconst x = 1;\n',
  );
  write(
    "instructor/src/assignments/01-hw.nb",
    "%% md\n# Homework\n%% code [template]\n// YOUR CODE HERE\n%% code [solution]\nconst answer = 42;\n%% code\nconsole.log(answer);\n",
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("convlab build", () => {
  it("builds notebooks, the solution, the index and the docs page; a rebuild changes nothing", () => {
    const first = buildCourse(root);
    assert.deepEqual(first.written.sort(), [
      "docs/notebooks.md",
      "instructor/solutions/assignments/01-hw.ipynb",
      "notebooks/assignments/01-hw.ipynb",
      "notebooks/index.ipynb",
      "notebooks/lecture-a/01-one.ipynb",
    ]);
    const before = first.written.map(read);
    const second = buildCourse(root);
    assert.deepEqual(second.written, []);
    assert.deepEqual(first.written.map(read), before);
    assert.deepEqual(buildCourse(root, { check: true }), { written: [], stale: [], strays: [] });
  });

  it("writes JSON the way nbformat does, with stable ids from the path; the two versions pair their cells", () => {
    buildCourse(root);
    const text = read("notebooks/lecture-a/01-one.ipynb");
    assert.ok(
      text.startsWith('{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "id": "lecture-a-01-one-00",\n'),
      text.slice(0, 120),
    );
    assert.ok(
      text.includes('"*Ada, Lecture A, §1.* Über ∑."') && text.endsWith('\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'),
    );
    const student = JSON.parse(read("notebooks/assignments/01-hw.ipynb")) as {
      cells: Array<{ id: string; source: string[] }>;
    };
    const solution = JSON.parse(read("instructor/solutions/assignments/01-hw.ipynb")) as typeof student;
    assert.deepEqual(
      student.cells.map((c) => c.id),
      solution.cells.map((c) => c.id),
    );
    assert.deepEqual(student.cells[1].source, ["// YOUR CODE HERE"]);
    assert.deepEqual(solution.cells[1].source, ["const answer = 42;"]);
    const index = read("notebooks/index.ipynb");
    assert.ok(
      index.includes("[One](lecture-a/01-one.ipynb)") &&
        index.includes("[Homework](assignments/01-hw.ipynb) · 3 points"),
      index,
    );
    const docs = read("docs/notebooks.md");
    assert.ok(
      docs.includes("| §2 | Two | [`lecture-a/01-one.ipynb`](../notebooks/lecture-a/01-one.ipynb) |") &&
        docs.includes("2 + 2 is 4, not 5."),
      docs,
    );
  });

  it("--check reports a stale notebook and a notebook that the map does not list", () => {
    buildCourse(root);
    write("instructor/src/lecture-a/01-one.nb", read("instructor/src/lecture-a/01-one.nb") + "%% md\nmore\n");
    write("notebooks/lecture-a/02-stray.ipynb", "{}");
    write("notebooks/lecture-a/.ipynb_checkpoints/01-one-checkpoint.ipynb", "{}"); // JupyterLab's, not a stray
    const r = buildCourse(root, { check: true });
    assert.deepEqual(r.stale, ["notebooks/lecture-a/01-one.ipynb"]);
    assert.deepEqual(r.strays, ["notebooks/lecture-a/02-stray.ipynb"]);
    assert.deepEqual(r.written, []);
  });

  it("fails on a map entry without a source, a source outside the map, and a notebook outside its lecture's folder", () => {
    rmSync(join(root, "instructor/src/lecture-a/01-one.nb"));
    assert.throws(
      () => buildCourse(root),
      /expected the source of section notebook notebooks\/lecture-a\/01-one.ipynb at instructor\/src\/lecture-a\/01-one.nb, got no such file/,
    );
    write("instructor/src/lecture-a/01-one.nb", "%% md\n# One\n");
    write("instructor/src/lecture-a/02-orphan.nb", "%% md\n# Orphan\n");
    assert.throws(
      () => buildCourse(root),
      /expected every source to build a notebook of notebooks\/course.json, got instructor\/src\/lecture-a\/02-orphan.nb/,
    );
    rmSync(join(root, "instructor/src/lecture-a/02-orphan.nb"));
    const moved = JSON.parse(JSON.stringify(MAP)) as typeof MAP;
    moved.lectures[0].sections[1].notebook = "notebooks/elsewhere/01-two.ipynb";
    write("notebooks/course.json", JSON.stringify(moved));
    assert.throws(
      () => buildCourse(root),
      /expected notebooks\/elsewhere\/01-two.ipynb in the folder of a lecture with a section that lists it/,
    );
  });

  it("validates the map", () => {
    const bad = JSON.parse(JSON.stringify(MAP)) as Record<string, unknown> & typeof MAP;
    (bad.lectures[0].sections[0] as Record<string, unknown>).notebook = null;
    write("notebooks/course.json", JSON.stringify(bad));
    assert.throws(
      () => buildCourse(root),
      /course map: expected lectures\[0\].sections\[0\].notebook as a non-empty string, got null/,
    );
  });
});

describe(".nb sources", () => {
  it("cells are opened by headers; text is trimmed of blank lines; variants are tagged", () => {
    const cells = parseSource("\n%% md\n\n# T\n\n%% code [solution]\nx\n\n%% md [template]\ny", "t.nb");
    assert.deepEqual(
      cells.map((c) => [c.kind, c.variant, c.text, c.line]),
      [
        ["md", null, "# T", 2],
        ["code", "solution", "x", 6],
        ["md", "template", "y", 9],
      ],
    );
  });
  it("a mistyped header or text before the first cell is an error, with the line", () => {
    assert.throws(
      () => parseSource("%% md\n# T\n%% include helpers.inc\n", "t.nb"),
      /t.nb:3: expected a cell header "%% md" or "%% code", optionally with \[template\] or \[solution\], got "%% include helpers.inc"/,
    );
    assert.throws(
      () => parseSource("hello\n%% md\n", "t.nb"),
      /t.nb:1: expected a cell header before any text, got "hello"/,
    );
  });
});
