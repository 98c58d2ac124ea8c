// A saved notebook with convlab outputs, opened in the real JupyterLab host in headless chromium, with no
// kernel: every view renders from the stored payloads and is interactive. Also the negative control (the
// same notebook in a lab without the extension shows the kernel's PNG fallback).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { arrayValues } from "../../src/display/payload";
import { makeScale, paintRgba } from "../../extension/src/model/scale";
import { fixturePayload } from "../extension/fixtures";
import { LABEXTENSIONS, openBrowser, startLab, type Browser, type LabServer } from "./harness";
import { canvasPixels, cell, convlabOutput, distinctColours, hoverValue, openNotebook, shot } from "./lab";
import { STORED, writeStoredNotebook } from "./notebook";

const T = { timeout: 60000 };
const at = (name: (typeof STORED)[number]): number => STORED.indexOf(name);

describe("stored convlab outputs in JupyterLab (no kernel)", { timeout: 240000 }, () => {
  let dir = "";
  let lab: LabServer;
  let b: Browser;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convlab-nb-"));
    writeStoredNotebook(dir);
    lab = await startLab({ rootDir: dir, labextensions: LABEXTENSIONS });
    b = await openBrowser();
    await openNotebook(b.page, lab, "stored.ipynb");
  });
  after(async () => {
    await b?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("every convlab output renders a convlab view (the mime renderer outranks image/png)", T, async () => {
    const outs = b.page.locator("[data-testid=convlab-output]");
    await convlabOutput(b.page, STORED.length + 2).waitFor();
    assert.equal(await outs.count(), STORED.length + 3);
    const kinds = await outs.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.convlabKind));
    assert.deepEqual(kinds.slice(0, 9), [
      "heatmap",
      "grid",
      "grid",
      "matrix",
      "convolution",
      "plot",
      "spectrum",
      "liveplot",
      "progress",
    ]);
    assert.equal(
      await b.page.locator(".jp-OutputArea-output img").count(),
      2,
      "only the two payload messages show the PNG",
    );
    await shot(b.page, "stored-notebook");
  });

  test("heatmap canvases hold the expected colours, pixel by pixel", T, async () => {
    for (const name of ["heatmap_2x2", "heatmap_nonfinite"] as const) {
      const p = fixturePayload(name, "heatmap");
      const expected = Array.from(paintRgba(arrayValues(p.data), makeScale(p)));
      const got = await canvasPixels(convlabOutput(b.page, at(name)).locator("canvas.jp-convlab-map"));
      assert.deepEqual(got, expected, name);
    }
    const maps = convlabOutput(b.page, at("feature_maps")).locator("canvas.jp-convlab-map");
    assert.equal(await maps.count(), 4);
    for (let i = 0; i < 4; i++)
      assert.ok(distinctColours(await canvasPixels(maps.nth(i))) >= 5, `feature map c${i} is not blank`);
    await shot(convlabOutput(b.page, at("heatmap_2x2")), "view-heatmap");
    await shot(convlabOutput(b.page, at("feature_maps")), "view-feature-maps");
  });

  test("hovering a value shows its index and value", T, async () => {
    const out = convlabOutput(b.page, at("heatmap_2x2"));
    await hoverValue(out.locator("canvas.jp-convlab-map"), 1, 0, 2, 2);
    assert.equal(await out.getByTestId("convlab-readout").textContent(), "2x2 [1, 0] = 2");
    const fm = convlabOutput(b.page, at("feature_maps"));
    await hoverValue(fm.locator("canvas.jp-convlab-map").nth(2), 4, 5, 6, 6);
    const v = arrayValues(fixturePayload("feature_maps", "grid").data)[2 * 36 + 4 * 6 + 5];
    assert.match(
      (await fm.getByTestId("convlab-readout").textContent()) ?? "",
      new RegExp(`^c2 \\[2, 4, 5\\] = ${String(Number(v.toPrecision(4))).replace(".", "\\.")}$`),
    );
    const nf = convlabOutput(b.page, at("heatmap_nonfinite"));
    await hoverValue(nf.locator("canvas.jp-convlab-map"), 0, 0, 2, 3);
    assert.equal(await nf.getByTestId("convlab-readout").textContent(), "NaN and Inf [0, 0] = NaN");
  });

  test("the slicer walks the input channels of 4-D filters and redraws the maps", T, async () => {
    const out = convlabOutput(b.page, at("filters"));
    const map0 = out.locator("canvas.jp-convlab-map").first();
    const before0 = await canvasPixels(map0);
    const slider = out.getByTestId("convlab-slicer");
    assert.equal(await slider.getAttribute("data-axis"), "i");
    await slider.fill("2");
    await out.locator('canvas[data-label="o0,i2"]').waitFor();
    const p = fixturePayload("filters", "grid");
    const o0i2 = arrayValues(p.data).slice(2 * 9, 3 * 9);
    const after0 = await canvasPixels(out.locator("canvas.jp-convlab-map").first());
    assert.notDeepEqual(after0, before0);
    assert.deepEqual(after0, Array.from(paintRgba(o0i2, makeScale(p))));
    await shot(out, "view-filters-sliced");
    await slider.fill("0");
  });

  test('clicking a map enlarges it; per-map scale and "one map" mode', T, async () => {
    const out = convlabOutput(b.page, at("feature_maps"));
    const small = await out.locator("canvas.jp-convlab-map").nth(1).boundingBox();
    await out.locator("canvas.jp-convlab-map").nth(1).click();
    const big = out.locator("canvas.jp-convlab-map");
    assert.equal(await big.count(), 1);
    assert.equal(await big.getAttribute("data-label"), "c1");
    assert.ok(((await big.boundingBox())?.width ?? 0) > 2 * (small?.width ?? 0));
    await shot(out, "view-feature-map-enlarged");
    await out.getByRole("button", { name: "back to grid" }).click();
    assert.equal(await out.locator("canvas.jp-convlab-map").count(), 4);
    await out.getByTestId("convlab-grid-axis").selectOption("none");
    const slider = out.getByTestId("convlab-slicer");
    await slider.fill("3");
    assert.equal(await out.locator("canvas.jp-convlab-map").getAttribute("data-label"), "c3");
    await out.getByTestId("convlab-grid-axis").selectOption("0");
    await out.locator("select").first().selectOption("per-map");
    assert.match((await out.locator(".jp-convlab-colorbar").textContent()) ?? "", /min.*max/);
  });

  test("many maps are paged, 32 at a time", T, async () => {
    const out = convlabOutput(b.page, STORED.length);
    assert.equal(await out.locator("canvas.jp-convlab-map").count(), 32);
    assert.match((await out.locator(".jp-convlab-pager").textContent()) ?? "", /maps 0–31 of 40 \(page 1\/2\)/);
    await out.getByRole("button", { name: "›" }).click();
    assert.equal(await out.locator("canvas.jp-convlab-map").count(), 8);
    assert.equal(await out.locator("canvas.jp-convlab-map").first().getAttribute("data-label"), "c32");
    await hoverValue(out.locator("canvas.jp-convlab-map").first(), 0, 1, 4, 4);
    assert.equal(await out.getByTestId("convlab-readout").textContent(), "c32 [32, 0, 1] = 32.06");
    await shot(out, "view-paging");
  });

  test("the stepper moves the window and the written-out sum when stepped, scrubbed and played", T, async () => {
    const out = convlabOutput(b.page, at("convolution"));
    const canvases = out.locator("canvas.jp-convlab-stepper-canvas");
    const input0 = await canvasPixels(canvases.nth(0));
    const sum0 = await out.getByTestId("convlab-sum").textContent();
    assert.match(sum0 ?? "", /^y\[0, 0\] = 0·1 \+ 0·0 \+ 0·\(-1\) \+ .* = -?\d/);
    await out.getByTestId("convlab-next").click();
    assert.equal(await out.getAttribute("data-step"), "1");
    const sum1 = await out.getByTestId("convlab-sum").textContent();
    assert.notEqual(sum1, sum0);
    assert.match(sum1 ?? "", /^y\[0, 1\] = /);
    assert.notDeepEqual(await canvasPixels(canvases.nth(0)), input0, "the highlighted window moved");
    await shot(out, "view-stepper");
    await out.getByTestId("convlab-scrub").fill("20");
    assert.match((await out.getByTestId("convlab-sum").textContent()) ?? "", /^y\[3, 2\] = /);
    await out.getByRole("button", { name: "play", exact: true }).click();
    await b.page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>("[data-convlab-kind=convolution]")?.dataset.step) >= 22,
      null,
      { timeout: 5000 },
    );
    await out
      .getByRole("button", { name: "pause", exact: true })
      .click()
      .catch(() => undefined);
  });

  test("matrix view: colours show the band, hover shows row, column and value", T, async () => {
    const out = convlabOutput(b.page, at("matrix"));
    assert.equal(await out.locator("td").count(), 35);
    await out.locator("tr").nth(1).locator("td").nth(2).hover();
    assert.equal(await out.getByTestId("convlab-readout").textContent(), "row 1, col 2 [1, 2] = -2");
    await shot(out, "view-matrix");
  });

  test("plotly renders the line plot, the spectrum and the liveplot", T, async () => {
    for (const [name, traces] of [
      ["plot", 2],
      ["spectrum", 2],
      ["liveplot", 2],
    ] as const) {
      const out = convlabOutput(b.page, at(name));
      await out.locator(".js-plotly-plot .main-svg").first().waitFor();
      assert.equal(await out.locator(".scatterlayer .trace").count(), traces, name);
      await shot(out, `view-${name}`);
    }
  });

  test("a liveplot update replaces the data in place (same plot element)", T, async () => {
    const out = convlabOutput(b.page, at("liveplot"));
    assert.equal(await out.getAttribute("data-points"), "4");
    await out.locator(".jp-convlab-plot").evaluate((e) => ((e as HTMLElement).dataset.marker = "first"));
    // What update_display_data does in JupyterLab: replace output 0 of the cell's output model.
    const p = fixturePayload("liveplot", "liveplot");
    const next = {
      ...p,
      done: true,
      series: p.series.map((s) => ({ ...s, x: [0, 1, 2, 3, 4, 5], y: [...s.y, 0.4, 0.3] })),
    };
    await b.page.evaluate(
      ([i, payload]) => {
        type Outputs = { set(i: number, o: unknown): void; get(i: number): { data: Record<string, unknown> } };
        const app = (
          window as unknown as {
            jupyterapp: { shell: { currentWidget: { content: { widgets: { model: { outputs: Outputs } }[] } } } };
          }
        ).jupyterapp;
        const outputs = app.shell.currentWidget.content.widgets[i].model.outputs;
        const data = { ...outputs.get(0).data, "application/vnd.convlab.v1+json": payload };
        outputs.set(0, { output_type: "display_data", data, metadata: {} });
      },
      [at("liveplot"), next] as const,
    );
    await b.page.waitForFunction(
      (i) =>
        document
          .querySelectorAll(".jp-Notebook .jp-Cell")
          [i]?.querySelector<HTMLElement>("[data-testid=convlab-output]")?.dataset.points === "6",
      at("liveplot"),
    );
    assert.equal(await out.locator(".jp-convlab-plot").getAttribute("data-marker"), "first", "updated in place");
    assert.match((await out.textContent()) ?? "", /done · 6 points/);
  });

  test("malformed and newer-version payloads show a readable message, not a blank", T, async () => {
    const bad = convlabOutput(b.page, STORED.length + 1);
    assert.match(
      (await bad.getByTestId("convlab-message").textContent()) ?? "",
      /could not be displayed.*expected payload\.data\.data/,
    );
    const newer = convlabOutput(b.page, STORED.length + 2);
    assert.match(
      (await newer.getByTestId("convlab-message").textContent()) ?? "",
      /newer convlab \(payload version 2\)/,
    );
    assert.equal(await newer.locator("img.jp-convlab-fallback").count(), 1);
    await shot(newer, "view-newer-version-message");
  });

  test("follows the dark theme", T, async () => {
    const run = (theme: string): Promise<unknown> =>
      b.page.evaluate(
        (t) =>
          (
            window as unknown as { jupyterapp: { commands: { execute(id: string, a: unknown): Promise<unknown> } } }
          ).jupyterapp.commands.execute("apputils:change-theme", { theme: t }),
        theme,
      );
    await run("JupyterLab Dark");
    await b.page.waitForFunction(() => document.body.dataset.jpThemeLight === "false");
    await b.page.waitForTimeout(500);
    const colour = await convlabOutput(b.page, at("feature_maps")).evaluate((e) => getComputedStyle(e).color);
    const [r] = colour.match(/\d+/g)?.map(Number) ?? [0];
    assert.ok(r > 150, `light text on the dark theme, got ${colour}`);
    await cell(b.page, at("feature_maps")).scrollIntoViewIfNeeded();
    await shot(b.page, "stored-notebook-dark");
    await shot(convlabOutput(b.page, at("spectrum")), "view-spectrum-dark");
    await run("JupyterLab Light");
    await b.page.waitForFunction(() => document.body.dataset.jpThemeLight === "true");
  });

  test("no console errors and no failed requests", T, () => {
    assert.deepEqual(b.problems, []);
  });
});

describe("negative control: the same notebook in a lab without the extension", { timeout: 120000 }, () => {
  test(
    "shows the kernel's static figure (the PNG; the SVG needs a trusted notebook) and no convlab view",
    T,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "convlab-nb-"));
      writeStoredNotebook(dir);
      const lab = await startLab({ rootDir: dir, labextensions: null });
      const b = await openBrowser();
      try {
        await openNotebook(b.page, lab, "stored.ipynb");
        await cell(b.page, 0).locator(".jp-OutputArea-output img").waitFor();
        assert.equal(await b.page.locator("[data-testid=convlab-output]").count(), 0);
        // every kernel bundle carries a PNG; the hand-made 40-map payload in this notebook has text/plain only
        // (the outputs render one after another: wait for them all before counting)
        await b.page
          .waitForFunction(
            (n) => document.querySelectorAll('.jp-OutputArea-output[data-mime-type="image/png"]').length >= n,
            STORED.length + 2,
            { timeout: 30000 },
          )
          .catch(() => undefined);
        assert.equal(
          await b.page.locator('.jp-OutputArea-output[data-mime-type="image/png"]').count(),
          STORED.length + 2,
        );
        assert.equal(await b.page.locator('.jp-OutputArea-output[data-mime-type="text/plain"]').count(), 1);
        // the new static figure: resvg's PNG at twice the SVG's pixels, shown at the SVG's size
        const first = cell(b.page, 0).locator(".jp-OutputArea-output img");
        const [natural, shown] = await first.evaluate((e) => [
          (e as HTMLImageElement).naturalWidth,
          e.getBoundingClientRect().width,
        ]);
        assert.ok(natural > 0 && Math.abs(natural - 2 * shown) <= 2, `PNG ${natural} px shown at ${shown} CSS px`);
        await shot(b.page, "negative-control-png-fallback");
        await shot(cell(b.page, at("spectrum")).locator(".jp-OutputArea-output"), "negative-control-spectrum");
        assert.deepEqual(b.problems, []);
      } finally {
        await b.close();
        await lab.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
