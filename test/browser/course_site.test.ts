// The real course as a website: `convlab book` over notebooks/course.json and the executed notebooks the
// notebook stage of `npm test` wrote to artifacts/executed (`--no-run`: nothing is executed here), served on
// 127.0.0.1 and every page opened in chromium — formulas typeset with no raw TeX left, every image loaded,
// every internal link and #fragment resolves, no console errors or failed requests. Run on its own, before
// the notebook stage has produced the executed copies, it skips visibly and says so.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { openBrowser, REPO, type Browser } from "./harness";
import { shot } from "./lab";
import { checkInternalLinks, htmlFiles, inspect } from "./site_inspect";
import { serveStatic, type StaticSite } from "./static_server";

const dir = mkdtempSync(join(tmpdir(), "convlab-course-site-"));
const build = spawnSync(
  process.execPath,
  [
    join(REPO, "bin", "convlab.js"),
    "book",
    "--no-run",
    "--out",
    join(dir, "site"),
    "--executed",
    join(REPO, "artifacts", "executed"),
    "--course",
    join(REPO, "notebooks", "course.json"),
  ],
  { cwd: REPO, encoding: "utf8", timeout: 300000 },
);
const skip =
  build.status === 0
    ? false
    : `no fresh executed notebooks in artifacts/executed (run test/notebooks/notebooks.test.ts first): ${(build.stderr || build.stdout).trim().split("\n").pop()}`;

describe("the course website built from the executed course", { timeout: 900000, skip }, () => {
  let site: StaticSite;
  let b: Browser;
  let pages: string[] = [];
  before(async () => {
    pages = htmlFiles(join(dir, "site")).sort();
    site = await serveStatic(join(dir, "site"));
    b = await openBrowser();
  });
  after(async () => {
    await b?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("one page per notebook of the map, plus the index", () => {
    assert.ok(pages.includes("index.html"));
    assert.ok(pages.length >= 10, `only ${pages.length} pages: ${pages.join(", ")}`);
  });

  test(
    "every page: formulas typeset, no raw TeX, images loaded, links and fragments resolve",
    { timeout: 800000 },
    async () => {
      const checked = new Set<string>();
      let formulas = 0,
        images = 0;
      for (const p of pages) {
        await b.page.goto(`${site.url}/${p}`);
        if (await b.page.locator("script.cl-payload").count())
          await b.page.waitForFunction(() => document.body.dataset.convlabViews === "ready", undefined, {
            timeout: 60000,
          });
        const r = await inspect(b.page);
        formulas += r.katex;
        images += r.images.length;
        assert.equal(r.katexErrors, 0, `${p}: KaTeX errors`);
        assert.deepEqual(r.rawTex, [], `${p}: raw TeX left`);
        for (const img of r.images) assert.ok(img.ok, `${p}: image not loaded: ${img.src}`);
        await checkInternalLinks(p, r.links, site.url, checked);
      }
      console.log(
        `course site: ${pages.length} pages, ${formulas} formulas, ${images} images, ${checked.size} internal links`,
      );
      assert.ok(formulas > 100 && checked.size > pages.length, `${formulas} formulas, ${checked.size} links`);
      await b.page.goto(`${site.url}/index.html`);
      await shot(b.page, "course-site-index");
    },
  );

  test("no console errors and no failed requests", () => {
    assert.deepEqual(b.problems, []);
  });
});
