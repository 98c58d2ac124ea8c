/**
 * convlab book, code cell outputs: JupyterLab's order of preference, convlab displays as PNG + caption +
 * embedded payload, images as files, LaTeX typeset, HTML sanitised, terminal colours kept.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { ansiToHtml, overwriteLines } from "../../kernel/book/ansi";
import type { Heading } from "../../kernel/book/markdown";
import { renderOutputs, type Output, type OutputContext } from "../../kernel/book/outputs";
import { SiteFiles } from "../../kernel/book/site_files";
import { Typesetter } from "../../kernel/book/tex";
import { CONVLAB_MIME } from "../../src/display/payload";
import { fixtureBundle } from "../extension/fixtures";

const out = mkdtempSync(join(tmpdir(), "convlab-book-outputs-"));
after(() => rmSync(out, { recursive: true, force: true }));

function render(outputs: Output[]): { html: string; files: SiteFiles } {
  const files = new SiteFiles(out, out, "");
  const headings: Heading[] = [];
  const ctx: OutputContext = { url: (u) => u, tex: new Typesetter(), headings, files, href: (p) => `../${p}` };
  return { html: renderOutputs(outputs, ctx), files };
}
const display = (data: Record<string, unknown>): Output => ({ output_type: "display_data", data });
// a 1x1 transparent PNG
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

describe("ansiToHtml", () => {
  it("colours and bold become JupyterLab's classes, text is escaped, other escapes dropped", () => {
    assert.equal(
      ansiToHtml("\x1b[31mred <b>\x1b[0m and \x1b[1;92mbold green\x1b[0m\x1b[2K!"),
      '<span class="ansi-red-fg">red &lt;b&gt;</span> and <span class="ansi-green-intense-fg ansi-bold">bold green</span>!',
    );
    assert.equal(ansiToHtml("\x1b[38;2;1;2;3mrgb\x1b[39m"), '<span style="color:rgb(1,2,3)">rgb</span>');
  });
  it("a carriage return overwrites the line, as in a terminal", () => {
    assert.equal(overwriteLines("10%\r50%\r100%\ndone\r\n"), "100%\ndone\n");
  });
});

describe("renderOutputs", () => {
  it("a convlab bundle shows its PNG, a caption and the payload for the interactive views", () => {
    const bundle = fixtureBundle("feature_maps").data;
    const { html } = render([display(bundle)]);
    assert.match(
      html,
      /<figure class="cl-figure" data-kind="grid"><img class="cl-static" src="..\/_images\/[0-9a-f]{20}\.png"/,
    );
    assert.match(html, /feature maps of \d+×\d+, one colour scale/);
    assert.match(html, /Static picture: in JupyterLab you can hover for values/);
    const json = /<script type="application\/json" class="cl-payload">(.*?)<\/script>/.exec(html)?.[1] ?? "";
    assert.deepEqual(JSON.parse(json), bundle[CONVLAB_MIME]);
    const image = /src="..\/(_images\/[^"]+)"/.exec(html)?.[1] ?? "";
    assert.deepEqual(readFileSync(join(out, image)), Buffer.from(String(bundle["image/png"]), "base64"));
  });

  it("a payload cannot close its script element", () => {
    const bundle = fixtureBundle("heatmap_2x2").data;
    const payload = { ...(bundle[CONVLAB_MIME] as object), title: "</script><script>alert(1)</script>" };
    const { html } = render([display({ ...bundle, [CONVLAB_MIME]: payload })]);
    assert.equal(html.split("</script>").length, 2, "exactly one closing tag: the payload's own");
    assert.ok(!html.includes("<script>alert"));
  });

  it("follows JupyterLab's preference: html, markdown, latex, svg, png, then text", () => {
    const all = {
      "text/plain": "plain",
      "image/png": PNG,
      "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "text/latex": "$x$",
      "text/markdown": "**md**",
      "text/html": "<b>html</b>",
    };
    const pick = (data: Record<string, unknown>): string => render([display(data)]).html;
    assert.match(pick(all), /<div class="cl-html"><b>html<\/b><\/div>/);
    const { "text/html": _h, ...noHtml } = all;
    assert.match(pick(noHtml), /<strong>md<\/strong>/);
    const { "text/markdown": _m, ...noMd } = noHtml;
    assert.match(pick(noMd), /class="katex"/);
    const { "text/latex": _l, ...noLatex } = noMd;
    assert.match(pick(noLatex), /<img class="cl-image" src="..\/_images\/[0-9a-f]{20}\.svg" alt="plain">/);
    const { "image/svg+xml": _s, ...noSvg } = noLatex;
    assert.match(pick(noSvg), /\.png" alt="plain">/);
    assert.match(pick({ "text/plain": "a < b" }), /<pre class="cl-text">a &lt; b<\/pre>/);
    assert.match(
      pick({ "application/json": { a: 1 }, "text/plain": "x" }),
      /<pre class="cl-text">\{\n  &quot;a&quot;: 1\n\}<\/pre>/,
    );
    assert.match(
      pick({ "application/vnd.jupyter.widget-view+json": { model_id: "m" }, "text/plain": "IntSlider()" }),
      /IntSlider\(\)/,
    );
    assert.match(pick({ "application/javascript": "alert(1)" }), /which a static page cannot show/);
  });

  it("text/latex: its own delimiters, or one display formula without any", () => {
    assert.match(render([display({ "text/latex": "\\frac{a}{b}" })]).html, /katex-display/);
    const mixed = render([display({ "text/latex": "where $x<1$ holds" })]).html;
    assert.match(mixed, /where <span class="katex">.*<\/span> holds/);
  });

  it("text/html is sanitised", () => {
    const { html } = render([
      display({ "text/html": '<table><tr><td onclick="x()">1</td></tr></table><script>x()</script>' }),
    ]);
    assert.equal(
      html,
      '<div class="cl-outputs"><div class="cl-output"><div class="cl-html"><table><tr><td>1</td></tr></table></div></div></div>',
    );
  });

  it("consecutive streams merge, errors show their traceback with colours", () => {
    const { html } = render([
      { output_type: "stream", name: "stdout", text: ["a\n"] },
      { output_type: "stream", name: "stdout", text: "b\n" },
      { output_type: "stream", name: "stderr", text: "warn\n" },
      {
        output_type: "error",
        ename: "Error",
        evalue: "boom",
        traceback: ["\x1b[31mError: boom\x1b[0m", "    at cell[3]:1"],
      },
    ]);
    assert.match(html, /<pre class="cl-stream cl-stdout">a\nb\n<\/pre>/);
    assert.match(html, /<pre class="cl-stream cl-stderr">warn\n<\/pre>/);
    assert.match(
      html,
      /<pre class="cl-error"><span class="ansi-red-fg">Error: boom<\/span>\n    at cell\[3\]:1<\/pre>/,
    );
  });

  it("the same image on several outputs is written once, named by its content", () => {
    const { html } = render([display({ "image/png": PNG }), display({ "image/png": PNG })]);
    const images = html.match(/_images\/[0-9a-f]+\.png/g) ?? [];
    assert.equal(images.length, 2);
    assert.equal(new Set(images).size, 1);
    assert.ok(existsSync(join(out, images[0])));
  });
});
