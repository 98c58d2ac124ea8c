// The gradient stepper (cl.showConvolutionGrad's payload, kind convolutionGrad) in the real JupyterLab host,
// from stored outputs (no kernel): stepping, scrubbing and playing move the window and the written-out sums of
// dL/dw and dL/dx; hovering and clicking choose the tap and the input cell; at the last step the running sums
// equal the library's gradients; 1-D and 2-D, light and dark. Screenshots: artifacts/screenshots/view-grad-*.png.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { dwTerms, geometryOf, stepCount, sumOf, valuesOf } from "../../src/display/conv_grad_steps";
import { arrayValues } from "../../src/display/payload";
import { fixtureBundle, fixturePayload } from "../extension/fixtures";
import { LABEXTENSIONS, openBrowser, startLab, type Browser, type LabServer } from "./harness";
import { canvasPixels, convlabOutput, hoverValue, openNotebook, shot } from "./lab";
import { displayData, writeNotebook } from "./notebook";

const T = { timeout: 60000 };
const CELLS = ["convolution_grad", "convolution_grad_1d", "convolution"] as const;

describe("the gradient stepper in JupyterLab", { timeout: 240000 }, () => {
  let dir = "";
  let lab: LabServer;
  let b: Browser;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "convlab-grad-"));
    writeNotebook(
      join(dir, "grad.ipynb"),
      CELLS.map((f) => ({
        source: `// stored output: ${f}`,
        outputs: [displayData(fixtureBundle(f).data, fixtureBundle(f).metadata)],
      })),
    );
    lab = await startLab({ rootDir: dir, labextensions: LABEXTENSIONS });
    b = await openBrowser();
    await openNotebook(b.page, lab, "grad.ipynb");
  });
  after(async () => {
    await b?.close();
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const out = (i: number) => convlabOutput(b.page, i);
  const text = async (i: number, id: string): Promise<string> =>
    (await out(i).getByTestId(`convlab-grad-${id}`).innerText()).replace(/\s*\n\s*/g, " ").trim();

  test("step 1 writes the first products out; next moves the window and adds the next ones", T, async () => {
    await out(0).locator("[data-testid=convlab-grad-dx]").waitFor();
    assert.equal(await out(0).getAttribute("data-convlab-kind"), "convolutionGrad");
    assert.equal(
      await text(0, "step"),
      "step 1: dy[0, 0] = 1 · dL/dw += 1·x[window] · dL/dx[window] += 1·w (taps on the zero padding add nothing to dL/dx)",
    );
    assert.equal(await text(0, "dw-sum"), "dL/dw[0, 0] = dy[0, 0]·x[-1, -1] dL/dw[0, 0] = 1·0 = 0");
    // tap [0, 0] reads the padding in window 1: the dL/dx sum is that of the first input cell the window reads
    assert.equal(await text(0, "dx-sum"), "dL/dx[0, 0] = dy[0, 0]·w[1, 1] dL/dx[0, 0] = 1·0 = 0");
    const dw0 = await canvasPixels(out(0).getByTestId("convlab-grad-dw"));
    const x0 = await canvasPixels(out(0).getByTestId("convlab-grad-x"));
    await out(0).getByTestId("convlab-next").click();
    assert.equal(await out(0).getAttribute("data-step"), "1");
    assert.equal(
      await text(0, "step"),
      "step 2: dy[0, 1] = -0.5 · dL/dw += -0.5·x[window] · dL/dx[window] += -0.5·w (taps on the zero padding add nothing to dL/dx)",
    );
    assert.equal(
      await text(0, "dw-sum"),
      "dL/dw[0, 0] = dy[0, 0]·x[-1, -1] + dy[0, 1]·x[-1, 1] dL/dw[0, 0] = 1·0 + (-0.5)·0 = 0",
    );
    assert.notDeepEqual(await canvasPixels(out(0).getByTestId("convlab-grad-dw")), dw0, "dL/dw changed");
    assert.notDeepEqual(await canvasPixels(out(0).getByTestId("convlab-grad-x")), x0, "the window moved");
    await shot(out(0), "view-grad-stepper");
  });

  test("hovering a tap of w writes its dL/dw sum; clicking an input cell keeps its dL/dx sum", T, async () => {
    const o = out(0);
    await o.getByTestId("convlab-scrub").fill("4");
    await hoverValue(o.getByTestId("convlab-grad-w"), 1, 1, 3, 3);
    // tap [1, 1] of windows 1..5 (stride 2, padding 1) reads x[2·oh, 2·ow]: x[0,0], x[0,2], x[0,4], x[2,0], x[2,2] = 0, 2, 1, 2, 1
    assert.equal(
      await text(0, "dw-sum"),
      "dL/dw[1, 1] = dy[0, 0]·x[0, 0] + dy[0, 1]·x[0, 2] + dy[0, 2]·x[0, 4] + dy[1, 0]·x[2, 0] + dy[1, 1]·x[2, 2] " +
        "dL/dw[1, 1] = 1·0 + (-0.5)·2 + 2·1 + 0.5·2 + 1·1 = 3",
    );
    assert.equal((await o.locator(".jp-convlab-readout").textContent()) ?? "", "w[1, 1] = 0 (click to keep this tap)");
    // the dL/dx cell follows the tap: in window 5 it reads x[2, 2], which only that window covers
    assert.equal(await text(0, "dx-sum"), "dL/dx[2, 2] = dy[1, 1]·w[1, 1] dL/dx[2, 2] = 1·0 = 0");
    await shot(o, "view-grad-stepper-hover");
    // click x[1, 3] on dL/dx (padded cell [2, 4] of 7x7), then leave: that cell is kept, the tap goes back to [0, 0]
    const dx = o.getByTestId("convlab-grad-dx");
    const box = await dx.boundingBox();
    assert.ok(box);
    await dx.click({ position: { x: (4.5 * box.width) / 7, y: (2.5 * box.height) / 7 } });
    await b.page.mouse.move(0, 0);
    // of windows 1..5, x[1, 3] is read by window 2 (tap [2, 2]), 3 (tap [2, 0]) and 5 (tap [0, 2])
    assert.equal(
      await text(0, "dx-sum"),
      "dL/dx[1, 3] = dy[0, 1]·w[2, 2] + dy[0, 2]·w[2, 0] + dy[1, 1]·w[0, 2] dL/dx[1, 3] = (-0.5)·(-1) + 2·1 + 1·(-1) = 1.5",
    );
    assert.match(await text(0, "dw-sum"), /^dL\/dw\[0, 0\] = /, "leaving w goes back to the kept tap");
  });

  test("at the last step the written sums reach the library gradients (cl.vjp) the payload carries", T, async () => {
    const o = out(0);
    await o.getByRole("button", { name: "last", exact: true }).click();
    const p = fixturePayload("convolution_grad", "convolutionGrad");
    const g = geometryOf(p),
      v = valuesOf(p);
    assert.equal(await o.getAttribute("data-step"), String(stepCount(g) - 1));
    assert.match(
      await text(0, "check"),
      /^all 9 steps done: dL\/dw and dL\/dx equal the library's gradients \(cl\.vjp\), largest difference /,
    );
    const dw00 = arrayValues(p.dw)[0];
    assert.equal(sumOf(dwTerms(g, v.x, v.dy, 0, 0, 9)), dw00);
    assert.match(await text(0, "dw-sum"), new RegExp(`= ${dw00}$`));
    await shot(o, "view-grad-stepper-last");
    await o.getByRole("button", { name: "first", exact: true }).click();
    assert.equal(await text(0, "check"), "");
    await o.getByRole("button", { name: "play", exact: true }).click();
    await b.page.waitForFunction(
      () => Number(document.querySelector<HTMLElement>("[data-convlab-kind=convolutionGrad]")?.dataset.step) >= 2,
      null,
      { timeout: 5000 },
    );
    await o
      .getByRole("button", { name: "pause", exact: true })
      .click()
      .catch(() => undefined);
  });

  test("a signal steps along one axis with one index per value", T, async () => {
    const o = out(1);
    await o.locator("[data-testid=convlab-grad-dx]").waitFor();
    assert.equal(
      await text(1, "step"),
      "step 1: dy[0] = 1 · dL/dw += 1·x[window] · dL/dx[window] += 1·w (taps on the zero padding add nothing to dL/dx)",
    );
    await o.getByTestId("convlab-next").click();
    await o.getByTestId("convlab-next").click();
    assert.equal(
      await text(1, "dw-sum"),
      "dL/dw[0] = dy[0]·x[-1] + dy[1]·x[1] + dy[2]·x[3] dL/dw[0] = 1·0 + 2·2 + (-1)·4 = 0",
    );
    assert.equal(await text(1, "dx-sum"), "dL/dx[3] = dy[1]·w[2] + dy[2]·w[0] dL/dx[3] = 2·2 + (-1)·1 = 3");
    await o.getByRole("button", { name: "last", exact: true }).click();
    assert.equal(
      await text(1, "dw-sum"),
      "dL/dw[0] = dy[0]·x[-1] + dy[1]·x[1] + dy[2]·x[3] + dy[3]·x[5] dL/dw[0] = 1·0 + 2·2 + (-1)·4 + 0.5·6 = 3",
    );
    assert.match(await text(1, "check"), /equal the library's gradients/);
    await shot(o, "view-grad-stepper-1d");
  });

  test("the forward stepper still steps (shared controls)", T, async () => {
    const o = out(2);
    await o.getByTestId("convlab-next").click();
    assert.match((await o.getByTestId("convlab-sum").textContent()) ?? "", /^y\[0, 1\] = /);
  });

  test("dark theme, and no console errors or failed requests", T, async () => {
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
    await out(0).getByTestId("convlab-next").click();
    await b.page.waitForTimeout(300);
    await shot(out(0), "view-grad-stepper-dark");
    await run("JupyterLab Light");
    await b.page.waitForFunction(() => document.body.dataset.jpThemeLight === "true");
    assert.deepEqual(b.problems, []);
  });
});
