// The figure gallery (docs/gallery.ipynb, executed here by the headless runner) opened in a JupyterLab
// WITHOUT the convlab extension, as a reader of an exported notebook sees it: a saved notebook is untrusted,
// so every display shows the kernel's PNG, at the SVG's CSS size (twice the pixels). Once trusted, the same
// outputs show their SVG. Each cell's output is screenshotted to artifacts/screenshots/gallery-*.png.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ensureBuilt, tempDir } from "../kernel/helpers";
import { openBrowser, REPO, startLab, type Browser, type LabServer } from "./harness";
import { cell, openNotebook, shot } from "./lab";

const T = { timeout: 120000 };
interface NbCell {
  cell_type: string;
  id: string;
  outputs?: Array<{ output_type: string; data?: Record<string, unknown> }>;
}

describe("the gallery in a lab without the extension", { timeout: 420000 }, () => {
  let dir = "";
  let lab: LabServer;
  let b: Browser;
  let cells: NbCell[] = [];
  before(async () => {
    ensureBuilt();
    dir = tempDir("convlab-gallery-lab-");
    const r = spawnSync(
      process.execPath,
      [
        join(REPO, "bin", "convlab.js"),
        "run",
        join(REPO, "docs", "gallery.ipynb"),
        "--output",
        dir,
        "--timeout",
        "240",
      ],
      { cwd: REPO, encoding: "utf8", timeout: 280000 },
    );
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    cells = (JSON.parse(readFileSync(join(dir, "gallery.ipynb"), "utf8")) as { cells: NbCell[] }).cells;
    lab = await startLab({ rootDir: dir, labextensions: null });
    b = await openBrowser();
    await openNotebook(b.page, lab, "gallery.ipynb");
  });
  after(async () => {
    await b?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const displays = (c: NbCell) =>
    (c.outputs ?? []).filter((o) => o.output_type === "display_data" && o.data?.["image/png"]).length;

  test("every figure shows as its PNG, loaded, at half its pixel size (2x density)", T, async () => {
    let seen = 0;
    for (const [i, c] of cells.entries()) {
      const n = displays(c);
      if (!n) continue;
      const out = cell(b.page, i);
      await out.scrollIntoViewIfNeeded();
      const imgs = out.locator('.jp-OutputArea-output[data-mime-type="image/png"] img');
      await imgs.nth(n - 1).waitFor();
      assert.equal(await imgs.count(), n, c.id);
      const sizes = await imgs.evaluateAll((els) =>
        els.map((e) => {
          const img = e as HTMLImageElement;
          return { complete: img.complete, natural: img.naturalWidth, shown: img.getBoundingClientRect().width };
        }),
      );
      for (const s of sizes) {
        assert.ok(s.complete && s.natural > 0, `${c.id}: PNG loaded`);
        assert.ok(Math.abs(s.natural - 2 * s.shown) <= 2, `${c.id}: ${s.natural} px shown at ${s.shown} CSS px`);
      }
      for (let k = 0; k < n; k++)
        await shot(
          out.locator(".jp-OutputArea-output").nth(k),
          `gallery-png-${String(i).padStart(2, "0")}-${c.id}-${k}`,
        );
      seen += n;
    }
    assert.ok(seen >= 30, `${seen} figures`);
  });

  test("trusted, the same outputs show their SVG", T, async () => {
    // not awaited in the page: the command resolves only once its dialog is answered, below
    await b.page.evaluate(() => {
      void (
        window as unknown as { jupyterapp: { commands: { execute(id: string): Promise<unknown> } } }
      ).jupyterapp.commands.execute("notebook:trust");
    });
    await b.page.locator(".jp-Dialog button", { hasText: "Trust" }).click();
    await b.page.locator(".jp-Dialog").waitFor({ state: "detached" });
    for (const id of ["spectrum", "liveplot", "stepper"]) {
      const i = cells.findIndex((c) => c.id === id);
      const out = cell(b.page, i);
      await out.scrollIntoViewIfNeeded();
      const svgs = out.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"] img');
      await svgs.first().waitFor();
      assert.equal(await svgs.count(), displays(cells[i]), id);
      assert.ok(await svgs.first().evaluate((e) => (e as HTMLImageElement).naturalWidth > 0), `${id}: SVG loaded`);
      await shot(out.locator(".jp-OutputArea-output").first(), `gallery-svg-${id}`);
    }
    assert.deepEqual(b.problems, []);
  });
});
