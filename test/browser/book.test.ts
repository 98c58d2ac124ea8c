// The course website (`convlab book`) built from the fixture course (test/fixtures/course: its notebooks
// are run by the command itself, into a private executed folder), served by a static server on
// 127.0.0.1 and opened in Debian's chromium: formulas typeset with no raw TeX left, every image loaded,
// every internal link and #fragment resolves, the convlab figures become the extension's interactive views,
// zero console errors and failed requests. Also opened from file://, as a student with the folder would.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openBrowser, REPO, type Browser } from "./harness";
import { hoverValue, shot } from "./lab";
import { serveStatic, type StaticSite } from "./static_server";
import { checkInternalLinks, htmlFiles, inspect } from "./site_inspect";

const T = { timeout: 60000 };

describe("the course website (convlab book) in chromium", { timeout: 420000 }, () => {
  let dir = "";
  let site: StaticSite;
  let b: Browser;
  let pages: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convlab-book-"));
    // the command as users run it; the fixture notebooks have no executed copy here, so it runs them
    execFileSync(
      process.execPath,
      [
        join(REPO, "bin", "convlab.js"),
        "book",
        "--course",
        join(REPO, "test/fixtures/course/course.json"),
        "--out",
        join(dir, "site"),
        "--executed",
        join(dir, "executed"),
      ],
      { cwd: REPO, stdio: "pipe", timeout: 300000 },
    );
    pages = htmlFiles(join(dir, "site")).sort();
    site = await serveStatic(join(dir, "site"));
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the site has the index and one page per notebook", () => {
    assert.deepEqual(pages, [
      "assignments/a1-correlate.html",
      "index.html",
      "notebooks/frequency/01-spectrum.html",
      "notebooks/signals/01-convolution.html",
      "notebooks/signals/02-stepper.html",
    ]);
  });

  test(
    "every page: formulas typeset, no raw TeX, images loaded, links and fragments resolve",
    { timeout: 180000 },
    async () => {
      const checked = new Set<string>();
      for (const p of pages) {
        await b.page.goto(`${site.url}/${p}`);
        if (await b.page.locator("script.cl-payload").count())
          await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready");
        const r = await inspect(b.page);
        if (p !== "index.html") assert.ok(r.katex > 0, `${p}: no KaTeX formula`);
        assert.equal(r.katexErrors, 0, `${p}: KaTeX errors`);
        assert.deepEqual(r.rawTex, [], `${p}: raw TeX left`);
        for (const img of r.images) assert.ok(img.ok, `${p}: image not loaded: ${img.src}`);
        await checkInternalLinks(p, r.links, site.url, checked);
      }
      assert.ok(checked.size >= 10, `only ${checked.size} internal links checked`);
    },
  );

  test("the index lists the lectures, their sections and the assignments", async () => {
    await b.page.goto(`${site.url}/index.html`);
    assert.deepEqual(await b.page.locator(".cl-lecture h2").allTextContents(), [
      "Lecture 1 Signals and convolution",
      "Lecture 2 Frequency",
    ]);
    assert.deepEqual(await b.page.locator(".cl-lecture .cl-authors").allTextContents(), [
      "A. Lecturer",
      "B. Lecturer, C. Lecturer",
    ]);
    assert.equal(await b.page.locator(".cl-sections a").count(), 3);
    assert.deepEqual(await b.page.locator(".cl-assignments td").allTextContents(), [
      "Correlate by hand",
      "10",
      "test/fixtures/course/assignments/a1-correlate.ipynb",
    ]);
    await shot(b.page, "book-index");
  });

  test("convlab figures become the interactive views; the PNG stays as the fallback", T, async () => {
    await b.page.goto(`${site.url}/notebooks/signals/02-stepper.html`);
    await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready");
    const kinds = await b.page
      .locator("[data-testid=convlab-output]")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.convlabKind));
    assert.deepEqual(kinds, ["convolution", "matrix", "plot"]);
    assert.equal(await b.page.locator("img.cl-static[hidden]").count(), 3);
    const stepper = b.page.locator("[data-convlab-kind=convolution]");
    const before0 = await stepper.locator(".jp-convlab-sum").textContent();
    await stepper.getByRole("button", { name: /next/ }).click();
    assert.notEqual(await stepper.locator(".jp-convlab-sum").textContent(), before0, "next moved the window");
    await b.page.locator(".js-plotly-plot .main-svg").first().waitFor();
    await shot(b.page, "book-stepper");
    await b.page.goto(`${site.url}/notebooks/signals/01-convolution.html`);
    await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready");
    assert.ok(
      (await b.page.locator(".cl-error").count()) === 1 && (await b.page.locator(".ansi-red-fg").count()) === 1,
      "error and coloured stderr",
    );
    const maps = b.page.locator("[data-convlab-kind=grid]").first();
    await hoverValue(maps.locator("canvas.jp-convlab-map").nth(2), 1, 3, 6, 6);
    assert.match((await maps.getByTestId("convlab-readout").textContent()) ?? "", /^c2 \[2, 1, 3\] = -?\d/);
    await b.page.screenshot({ path: join(REPO, "artifacts", "screenshots", "book-convolution.png"), fullPage: true });
    await b.page.goto(`${site.url}/notebooks/frequency/01-spectrum.html`);
    await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready");
    await b.page.screenshot({ path: join(REPO, "artifacts", "screenshots", "book-spectrum.png"), fullPage: true });
    await b.page.goto(`${site.url}/assignments/a1-correlate.html`);
    assert.ok(!(await b.page.locator("main").textContent())?.includes("instructor's answer"), "solution hidden");
    await shot(b.page, "book-assignment");
  });

  test("opened from file:// (no server): formulas, images and interactive views still work", T, async () => {
    await b.page.goto(`file://${join(dir, "site", "notebooks", "signals", "01-convolution.html")}`);
    await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready");
    const r = await inspect(b.page);
    assert.ok(r.katex > 5 && r.images.every((i) => i.ok));
    assert.equal(await b.page.locator("[data-testid=convlab-output]").count(), 2);
  });

  test("no console errors and no failed requests", () => {
    assert.deepEqual(b.problems, []);
  });
});
