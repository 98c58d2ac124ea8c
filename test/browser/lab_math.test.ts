// Formulas in the bundled JupyterLab: the host includes @jupyterlab/mathjax-extension, so markdown cells
// ($…$, $$…$$, \begin{align}) and text/latex + text/markdown outputs are typeset by MathJax, as in a
// pip-installed JupyterLab, with the fonts bundled (no CDN: a request to one would show up as a failure).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { LABEXTENSIONS, openBrowser, startLab, type Browser, type LabServer } from "./harness";
import { openNotebook, shot } from "./lab";

const MARKDOWN = [
  "## Math in markdown\n",
  "Inline: the cost is $O(w^d)$ and $a^2 + b^2 = c^2$.\n",
  "\n",
  "Display: $$\\sum_i x_i w_{k-i}$$\n",
  "\n",
  "\\begin{align}\n",
  "  y &= x * w \\\\\n",
  "  \\hat{y} &= \\begin{smallmatrix} 1 & 2 \\\\ 3 & 4 \\end{smallmatrix}\n",
  "\\end{align}\n",
];

/** A markdown cell with math and a code cell whose stored outputs are text/latex and text/markdown. */
function writeMathNotebook(dir: string): void {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "convlab", display_name: "TypeScript (convlab)", language: "typescript" } },
    cells: [
      { cell_type: "markdown", id: "md", metadata: {}, source: MARKDOWN },
      {
        cell_type: "code",
        id: "code",
        execution_count: 1,
        metadata: {},
        source: "// stored math outputs",
        outputs: [
          {
            output_type: "display_data",
            metadata: {},
            data: { "text/latex": "$$\\frac{\\partial L}{\\partial w} = x \\star \\delta$$", "text/plain": "dL/dw" },
          },
          {
            output_type: "display_data",
            metadata: {},
            data: { "text/markdown": "Output markdown with $\\sigma(z)$", "text/plain": "sigma" },
          },
        ],
      },
    ],
  };
  writeFileSync(join(dir, "math.ipynb"), JSON.stringify(nb, null, 1));
}

describe("formulas in the bundled JupyterLab", { timeout: 180000 }, () => {
  let dir = "";
  let lab: LabServer;
  let b: Browser;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convlab-math-"));
    writeMathNotebook(dir);
    lab = await startLab({ rootDir: dir, labextensions: LABEXTENSIONS });
    b = await openBrowser();
    await openNotebook(b.page, lab, "math.ipynb");
  });
  after(async () => {
    await b?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("markdown cells: inline, display and align are typeset, no raw TeX left", { timeout: 60000 }, async () => {
    const md = b.page.locator(".jp-MarkdownCell .jp-RenderedMarkdown").first();
    // $O(w^d)$, $a^2…$, $$\sum…$$, \begin{align}
    await b.page.waitForFunction(() => document.querySelectorAll(".jp-MarkdownCell mjx-container").length >= 4, null, {
      timeout: 30000,
    });
    assert.equal(await md.locator("mjx-container").count(), 4);
    assert.equal(
      await md.locator('mjx-container[display="true"]').count(),
      2,
      "the $$ formula and the align environment are display math",
    );
    const text = await md.evaluate((e) => {
      const copy = e.cloneNode(true) as HTMLElement;
      copy.querySelectorAll("mjx-container").forEach((m) => m.remove());
      return copy.textContent ?? "";
    });
    assert.ok(!text.includes("$"), `raw $ left in the rendered markdown: ${text}`);
    assert.ok(!text.includes("\\begin") && !text.includes("\\sum"), `raw TeX left: ${text}`);
    // MathJax drew glyphs: the CHTML output has characters with a width
    const width = await md
      .locator("mjx-container")
      .nth(2)
      .evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(width > 20, `display formula is ${width}px wide`);
  });

  test("text/latex and text/markdown outputs are typeset", { timeout: 60000 }, async () => {
    const outputs = b.page.locator(".jp-CodeCell .jp-OutputArea-output");
    await b.page.waitForFunction(
      () => document.querySelectorAll(".jp-CodeCell .jp-OutputArea-output mjx-container").length >= 2,
      null,
      { timeout: 30000 },
    );
    assert.equal(await outputs.nth(0).getAttribute("data-mime-type"), "text/latex");
    assert.equal(await outputs.nth(0).locator("mjx-container").count(), 1);
    assert.equal(await outputs.nth(1).locator("mjx-container").count(), 1);
    assert.ok(!((await outputs.nth(1).textContent()) ?? "").includes("$"));
    await shot(b.page, "lab-math");
  });

  test("no console errors and no failed requests (fonts are bundled)", () => {
    assert.deepEqual(b.problems, []);
  });
});
