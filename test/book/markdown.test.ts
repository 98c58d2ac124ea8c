/**
 * convlab book, markdown cells: math is found where Jupyter finds it (and not in code), typeset by KaTeX
 * without markdown touching it, headings get JupyterLab's ids, HTML is sanitised, links are mapped.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderMarkdown, type Heading } from "../../kernel/book/markdown";
import { splitMath } from "../../kernel/book/math";
import type { UrlMapper } from "../../kernel/book/sanitize";
import { Typesetter } from "../../kernel/book/tex";

const render = (src: string, url: UrlMapper = (u) => u): { html: string; headings: Heading[]; tex: Typesetter } => {
  const tex = new Typesetter();
  const headings: Heading[] = [];
  return { html: renderMarkdown(src, { url, tex, headings }), headings, tex };
};

describe("splitMath", () => {
  it("finds inline, display, \\(…\\), \\[…\\] and environments", () => {
    const { text, formulas } = splitMath(
      "a $x^2$ b $$\\sum_i x_i$$ c \\(y\\) d \\[z\\]\n\\begin{align}\na &= b \\\\\n\\begin{align}x\\end{align}\n\\end{align} e",
    );
    assert.deepEqual(
      formulas.map((f) => [f.tex, f.display]),
      [
        ["x^2", false],
        ["\\sum_i x_i", true],
        ["y", false],
        ["z", true],
        ["\\begin{align}\na &= b \\\\\n\\begin{align}x\\end{align}\n\\end{align}", true],
      ],
    );
    assert.equal(text, "a @@CLMATH0@@ b @@CLMATH1@@ c @@CLMATH2@@ d @@CLMATH3@@\n@@CLMATH4@@ e");
  });

  it("leaves code spans, fenced code and escaped dollars alone", () => {
    const src = "`$a$` and ``x $b$ y`` cost \\$5 and \\$6\n```ts\nconst s = `$c$`;\n```\n~~~\n$d$\n~~~\n$e$";
    const { text, formulas } = splitMath(src);
    assert.deepEqual(
      formulas.map((f) => f.tex),
      ["e"],
    );
    assert.equal(text, src.replace("$e$", "@@CLMATH0@@"));
  });

  it("an inline formula does not run over a blank line; an unclosed $ stays text", () => {
    assert.deepEqual(splitMath("costs $5\n\nand $6").formulas, []);
    assert.deepEqual(
      splitMath("a $x\ny$ b").formulas.map((f) => f.tex),
      ["x\ny"],
    );
    assert.deepEqual(splitMath("only $ one").formulas, []);
  });
});

describe("renderMarkdown", () => {
  it("typesets with KaTeX; markdown never sees underscores and stars inside formulas", () => {
    const { html, tex } = render("Let $a_1 * b_2 * c_3$ and $$x_{i} = y_{j}$$ hold, with *emphasis*.");
    assert.equal((html.match(/class="katex"/g) ?? []).length, 2);
    assert.equal((html.match(/class="katex-display"/g) ?? []).length, 1);
    assert.match(html, /<em>emphasis<\/em>/);
    assert.ok(!/<em>[^<]*b_2/.test(html), "no emphasis inside the formula");
    assert.ok(!html.includes("$"), "no raw $ left");
    assert.deepEqual(tex.problems, []);
  });

  it("align is display math without equation numbers (as JupyterLab's MathJax shows it)", () => {
    const { html } = render(
      "\\begin{align}\ny &= x * w \\\\\nz &= \\begin{smallmatrix} 1 & 2 \\end{smallmatrix}\n\\end{align}",
    );
    assert.match(html, /katex-display/);
    assert.ok(!html.includes("eqn-num"), "numbered");
  });

  it("a formula KaTeX cannot parse is reported and shown in red, the page still renders", () => {
    const { html, tex } = render("ok $\\frac{1}{2}$ and bad $\\notacommand{x}$");
    assert.equal(tex.problems.length, 1);
    assert.match(tex.problems[0], /notacommand/);
    assert.match(html, /color:#cc0000/, "shown in KaTeX's error colour");
  });

  it("\\newcommand in one cell applies to the next (one Typesetter per notebook)", () => {
    const tex = new Typesetter();
    const headings: Heading[] = [];
    renderMarkdown("$\\newcommand{\\Rset}{\\mathbb{R}}$", { url: (u) => u, tex, headings });
    renderMarkdown("$x \\in \\Rset$", { url: (u) => u, tex, headings });
    assert.deepEqual(tex.problems, []);
  });

  it("headings get JupyterLab's ids (spaces to '-'), unique on the page, with an anchor link", () => {
    const { html, headings } = render("# The spectrum\n## Math $x^2$ here\n## The spectrum");
    assert.deepEqual(
      headings.map((h) => [h.level, h.id]),
      [
        [1, "The-spectrum"],
        [2, "Math-x^2-here"],
        [2, "The-spectrum-1"],
      ],
    );
    assert.match(html, /<h1 id="The-spectrum">The spectrum<a class="cl-anchor" href="#The-spectrum"/);
  });

  it("raw HTML is sanitised: no scripts, handlers or javascript: URLs", () => {
    const { html } = render(
      '<script>alert(1)</script><img src="x.png" onerror="alert(2)"> <a href="javascript:alert(3)">x</a> <iframe src="http://e"></iframe> <details><summary>more</summary>text</details>',
    );
    assert.ok(!/script|onerror|javascript:|iframe/i.test(html), html);
    assert.match(html, /<img src="x.png" \/>|<img src="x.png">/);
    assert.match(html, /<details><summary>more<\/summary>text<\/details>/);
  });

  it("every link and image goes through the URL mapper; external links open in a new tab", () => {
    const seen: string[] = [];
    const { html } = render(
      '[next](02-b.ipynb#Top) ![fig](figs/a.png) [web](https://example.org) <img src="raw.png">',
      (u, kind) => {
        seen.push(`${kind}:${u}`);
        return u.replace(".ipynb", ".html");
      },
    );
    assert.deepEqual(seen.sort(), [
      "image:figs/a.png",
      "image:raw.png",
      "link:02-b.ipynb#Top",
      "link:https://example.org",
    ]);
    assert.match(html, /href="02-b.html#Top"/);
    assert.match(html, /href="https:\/\/example.org" target="_blank" rel="noopener noreferrer"/);
  });

  it("fenced code is highlighted", () => {
    const { html } = render("```ts\nconst x: number = 1;\n```");
    assert.match(html, /<pre class="cl-code"><code class="hljs language-ts"><span class="hljs-keyword">const<\/span>/);
  });
});
