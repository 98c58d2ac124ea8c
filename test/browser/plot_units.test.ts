// The extension's plotly views group series by unit as the static figures do (one PlotSpec for both,
// src/display/plot_spec.ts): a loss above an accuracy, three units on three stacked axes, a spectrum's
// magnitude above its phase with ±π ticks, a log axis where asked; in the real JupyterLab host from stored
// outputs, light and dark. Screenshots: artifacts/screenshots/view-plot-units-*.png.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Locator } from "playwright-core";
import type { ConvlabPayload, PlotView } from "../../src/display/payload";
import { bundleOf } from "../../src/display/render";
import { figureSamples } from "../display/figure_samples";
import { LABEXTENSIONS, openBrowser, startLab, type Browser, type LabServer } from "./harness";
import { convlabOutput, openNotebook, shot } from "./lab";
import { displayData, writeNotebook } from "./notebook";

const T = { timeout: 60000 };
const steps = Array.from({ length: 60 }, (_, i) => i);
const threeUnits: PlotView = {
  version: 1,
  kind: "plot",
  notes: [],
  title: "three units, three axes",
  xlabel: "epoch",
  series: [
    { name: "loss", y: steps.map((s) => 2 * Math.exp(-s / 20) + 0.1) },
    { name: "val loss", y: steps.map((s) => 2.1 * Math.exp(-s / 22) + 0.15) },
    { name: "learning rate", y: steps.map((s) => 0.1 * 0.5 ** Math.floor(s / 20)) },
    { name: "top1", y: steps.map((s) => 0.9 * (1 - Math.exp(-s / 15))), unit: "accuracy" },
  ],
};

interface AxisInfo {
  title: string;
  type: string;
  domain: number[];
  ticks: string[];
}

/** The y axes plotly laid out (top to bottom) with their drawn tick labels. */
async function axes(out: Locator): Promise<AxisInfo[]> {
  return out.locator(".js-plotly-plot").evaluate((div: HTMLElement) => {
    type Ax = { title?: { text?: string }; type: string; domain: number[]; _id: string };
    const full = (div as unknown as { _fullLayout: Record<string, Ax | unknown> })._fullLayout;
    return Object.keys(full)
      .filter((k) => /^yaxis\d*$/.test(k))
      .map((k) => full[k] as Ax)
      .map((a) => ({
        title: a.title?.text ?? "",
        type: a.type,
        domain: a.domain,
        ticks: Array.from(div.querySelectorAll(`.${a._id}tick text`), (t) => t.textContent ?? ""),
      }))
      .sort((a, b) => b.domain[0] - a.domain[0]);
  });
}

describe("plots grouped by unit in JupyterLab", { timeout: 200000 }, () => {
  let dir = "";
  let lab: LabServer;
  let b: Browser;
  let cells: ConvlabPayload[] = [];
  before(async () => {
    const s = await figureSamples();
    cells = [s.training, threeUnits, s.spectrum, s.plot_logy];
    dir = mkdtempSync(join(tmpdir(), "convlab-plots-"));
    writeNotebook(
      join(dir, "plots.ipynb"),
      cells.map((p, i) => {
        const bundle = bundleOf(p);
        return { source: `// stored plot ${i}`, outputs: [displayData(bundle.data, bundle.metadata)] };
      }),
    );
    lab = await startLab({ rootDir: dir, labextensions: LABEXTENSIONS });
    b = await openBrowser();
    await openNotebook(b.page, lab, "plots.ipynb");
  });
  after(async () => {
    await b?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const plot = async (i: number): Promise<Locator> => {
    const out = convlabOutput(b.page, i);
    await out.scrollIntoViewIfNeeded();
    await out.locator(".js-plotly-plot .main-svg").first().waitFor();
    return out;
  };

  test("a training loss above a test accuracy (0…1), sharing the step axis", T, async () => {
    const out = await plot(0);
    const [loss, acc] = await axes(out);
    assert.deepEqual([loss.title, acc.title], ["training loss", "test accuracy"]);
    assert.ok(loss.domain[0] > acc.domain[1], "loss above accuracy");
    assert.deepEqual(acc.ticks, ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    assert.equal(await out.locator(".xtick text").count(), 0, "the upper panel has no x tick labels");
    assert.ok((await out.locator(".x2tick text").count()) >= 5, "the bottom panel has them");
    await shot(out, "view-plot-units-training");
  });

  test("three units on three stacked axes, the two losses sharing one with a legend", T, async () => {
    const out = await plot(1);
    assert.deepEqual(
      (await axes(out)).map((a) => a.title),
      ["loss", "learning rate", "top1"],
    );
    assert.deepEqual(await out.locator(".legend .legendtext").allTextContents(), ["loss", "val loss"]);
    await shot(out, "view-plot-units-three");
  });

  test("a spectrum's magnitude (stems) above its phase in radians with ticks at multiples of π/2", T, async () => {
    const out = await plot(2);
    const [mag, phase] = await axes(out);
    assert.deepEqual([mag.title, phase.title], ["magnitude |X[k]|", "phase (rad)"]);
    assert.deepEqual(phase.ticks, ["−π", "−π/2", "0", "π/2", "π"]);
    assert.ok((await out.locator(".errorbar").count()) > 0, "stems");
    await shot(out, "view-plot-units-spectrum");
  });

  test("a log y axis where asked", T, async () => {
    const out = await plot(3);
    const [ms] = await axes(out);
    assert.deepEqual([ms.title, ms.type], ["ms", "log"]);
    await shot(out, "view-plot-units-logy");
  });

  test("dark theme redraws with the theme colours; no console errors or failed requests", T, async () => {
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
    await b.page.waitForTimeout(800);
    const out = await plot(0);
    const fill = await out
      .locator(".ytitle")
      .first()
      .evaluate((e) => getComputedStyle(e).fill);
    const [r] = fill.match(/\d+/g)?.map(Number) ?? [0];
    assert.ok(r > 150, `light axis titles on the dark theme, got ${fill}`);
    await shot(out, "view-plot-units-training-dark");
    await shot(await plot(2), "view-plot-units-spectrum-dark");
    await run("JupyterLab Light");
    await b.page.waitForFunction(() => document.body.dataset.jpThemeLight === "true");
    assert.deepEqual(b.problems, []);
  });
});
