/**
 * convlab book, the site as a whole (no kernel: the executed copies are written here): the course map is
 * checked, pages mirror the repository below the notebooks' common folder, links between notebooks and to
 * local images resolve in the written site, assignments hide their solutions, and the output folder of
 * something else is never deleted. The browser test (test/browser/book.test.ts) runs real notebooks.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildBook, type BookOptions } from "../../kernel/book/build";
import { parseCourse } from "../../kernel/book/course";
import { planPages, relativeHref } from "../../kernel/book/pages";

const root = mkdtempSync(join(tmpdir(), "convlab-book-site-"));
after(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string | object): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), typeof content === "string" ? content : JSON.stringify(content));
}
const nb = (cells: object[]): object => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { language_info: { name: "typescript" } },
  cells,
});
const md = (source: string): object => ({ cell_type: "markdown", metadata: {}, source });
const code = (source: string, outputs: object[] = [], tags: string[] = []): object => ({
  cell_type: "code",
  metadata: { tags },
  execution_count: 1,
  source,
  outputs,
});

const COURSE = {
  title: "Test course",
  lectures: [
    {
      id: "a",
      title: "First",
      authors: "A. Author",
      sections: [
        { id: "one", title: "One", notebook: "course/lec-a/01-one.ipynb" },
        { id: "two", title: "Two", notebook: "course/lec-a/02-two.ipynb" },
      ],
    },
    {
      id: "b",
      title: "Second",
      authors: ["B", "C"],
      sections: [
        { id: "again", title: "One again", notebook: "course/lec-a/01-one.ipynb" },
        { id: "three", title: "Three", notebook: "course/lec-b/03-three.ipynb" },
      ],
    },
  ],
  assignments: [
    { id: "hw", title: "Homework", source: "course/hw/hw.ipynb", points: 5 },
    { id: "src", title: "From a source file", source: "course/hw/src.md", points: 3 },
  ],
};

function options(o: Partial<BookOptions> = {}): BookOptions {
  return {
    root,
    course: join(root, "course.json"),
    out: join(root, "site"),
    executed: join(root, "executed"),
    run: false,
    jobs: 1,
    interactive: true,
    log: () => undefined,
    ...o,
  };
}

describe("course map", () => {
  it("names the field that is wrong", () => {
    assert.throws(
      () =>
        parseCourse({ lectures: [{ id: "x", title: "X", sections: [{ id: "s", title: 3, notebook: "a.ipynb" }] }] }),
      /expected lectures\[0\]\.sections\[0\]\.title to be a string, got 3/,
    );
    assert.throws(
      () => parseCourse({ lectures: [], assignments: [{ id: "a", title: "A", source: "a.ipynb" }] }),
      /assignments\[0\]\.points to be a number/,
    );
  });

  it("one page per notebook in course order; the site mirrors the common folder", () => {
    const plan = planPages(parseCourse(COURSE), root);
    assert.equal(plan.prefix, "course");
    assert.deepEqual(
      plan.pages.map((p) => p.href),
      ["lec-a/01-one.html", "lec-a/02-two.html", "lec-b/03-three.html", "hw/hw.html"],
    );
    assert.equal(plan.pages[2].lecture?.number, 2);
    assert.deepEqual(
      plan.unpaged.map((a) => a.id),
      ["src"],
    );
    assert.equal(relativeHref("lec-b/03-three.html", "lec-a/01-one.html"), "../lec-a/01-one.html");
    assert.equal(relativeHref("index.html", "lec-a/01-one.html"), "lec-a/01-one.html");
  });
});

describe("buildBook", () => {
  before(() => {
    write("course.json", COURSE);
    const one = nb([
      md("# One\n\nSee [two](02-two.ipynb#Part-two) and ![a figure](figs/f.svg).\n\n## Part $x$\n"),
      code("1 + 1", [{ output_type: "stream", name: "stdout", text: "2\n" }]),
    ]);
    const sources: Record<string, object> = {
      "course/lec-a/01-one.ipynb": one,
      "course/lec-a/02-two.ipynb": nb([
        md("# Two\n\n## Part two\n\nBack to [one](01-one.ipynb) and [three](../lec-b/03-three.ipynb)."),
      ]),
      "course/lec-b/03-three.ipynb": nb([md("No heading here: $\\alpha$.")]),
    };
    for (const [rel, content] of Object.entries(sources)) {
      write(rel, nb([]));
      write(posix.join("executed", rel), content); // written after the source: up to date
    }
    write("course/lec-a/figs/f.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>");
    write(
      "course/hw/hw.ipynb",
      nb([
        code("function f() {\n  // BEGIN SOLUTION\n  return 42;\n  // END SOLUTION\n}", [
          { output_type: "stream", name: "stdout", text: "42\n" },
        ]),
      ]),
    );
  });

  it("writes the index, one page per notebook, and every internal link resolves to a file and an id", async () => {
    const result = await buildBook(options());
    assert.equal(result.pages, 4);
    assert.deepEqual(result.warnings, [
      "assignment src: course/hw/src.md is not a notebook and has no .ipynb beside it (listed without a page)",
    ]);
    const site = join(root, "site");
    for (const page of ["index.html", "lec-a/01-one.html", "lec-a/02-two.html", "lec-b/03-three.html", "hw/hw.html"]) {
      const html = readFileSync(join(site, page), "utf8");
      for (const [, attr, url] of html.matchAll(/(href|src)="([^"]+)"/g)) {
        if (/^[a-z]+:/.test(url)) continue;
        const [path, fragment] = url.split("#");
        const target = path ? posix.join(posix.dirname(page), path) : page;
        assert.ok(existsSync(join(site, target)), `${page}: ${attr}=${url} -> ${target} missing`);
        if (fragment) {
          const ids = [...readFileSync(join(site, target), "utf8").matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
          assert.ok(ids.includes(decodeURIComponent(fragment)), `${page}: #${fragment} not in ${target}`);
        }
      }
    }
    const one = readFileSync(join(site, "lec-a/01-one.html"), "utf8");
    assert.match(one, /href="02-two.html#Part-two"/);
    assert.match(
      one,
      /<li class="cl-toc-2"><a href="#Part-x">Part <span class="katex">/,
      "the table of contents typesets formulas",
    );
    assert.match(one, /<img src="figs\/f.svg" alt="a figure"/);
    assert.match(one, /Lecture 1 · First — <span class="cl-authors">A. Author<\/span>/);
    assert.match(one, /<a rel="next" class="cl-next" href="02-two.html">/);
    const three = readFileSync(join(site, "lec-b/03-three.html"), "utf8");
    assert.match(three, /<h1>Three<\/h1>/, "a notebook without a heading gets its section title");
    const index = readFileSync(join(site, "index.html"), "utf8");
    assert.equal(
      (index.match(/href="lec-a\/01-one.html"/g) ?? []).length,
      4,
      "both sections that list it, in the sidebar and in the list",
    );
    assert.match(index, /<td>From a source file<\/td><td class="cl-points">3<\/td>/);
    assert.ok(existsSync(join(site, "_static/katex/katex.min.css")) && existsSync(join(site, ".nojekyll")));
  });

  it("an assignment page shows the task: no solution, no outputs", () => {
    const hw = readFileSync(join(root, "site/hw/hw.html"), "utf8");
    assert.ok(!hw.includes("42"), "the solution or its output leaked");
    assert.match(hw, /YOUR CODE HERE/);
  });

  it("without --no-run's executed copy: a clear error naming the notebook", async () => {
    const copy = join(root, "executed/course/lec-b/03-three.ipynb");
    const kept = readFileSync(copy);
    rmSync(copy);
    await assert.rejects(
      buildBook(options({ out: join(root, "site2") })),
      /no executed copy of course\/lec-b\/03-three\.ipynb at .*drop --no-run/,
    );
    writeFileSync(copy, kept);
  });

  it("never deletes a folder that it did not write", async () => {
    write("precious/keep.txt", "mine");
    await assert.rejects(
      buildBook(options({ out: join(root, "precious") })),
      /exists and was not written by convlab book/,
    );
    assert.equal(readFileSync(join(root, "precious/keep.txt"), "utf8"), "mine");
  });
});
