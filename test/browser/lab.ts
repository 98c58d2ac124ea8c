/** Page-level helpers for JupyterLab: open a notebook, find a cell's output, read canvases, screenshots. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { SCREENSHOTS, type LabServer } from "./harness";

/** Open `path` (relative to the server root), wait for the app to be restored and the cells to exist.
 * The URL carries the token, as the one `npm start` prints; the server answers with a login cookie. */
export async function openNotebook(
  page: Page,
  lab: LabServer,
  path: string,
  kernel: "none" | "wait" = "none",
): Promise<void> {
  await page.goto(`${lab.url}/lab/tree/${path}?reset&token=${lab.token}`, { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => document.body.dataset.convlabRestored === "true", null, { timeout: 60000 });
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor();
  if (kernel === "none") {
    // The notebook names the convlab kernel; where none is installed JupyterLab asks: answer "No Kernel".
    // (A convlab kernelspec in a system-wide Jupyter path would start instead; stored outputs render either way.)
    const noKernel = page.locator(".jp-Dialog button", { hasText: "No Kernel" });
    if (
      await noKernel.click({ timeout: 15000 }).then(
        () => true,
        () => false,
      )
    ) {
      await page.locator(".jp-Dialog").waitFor({ state: "detached" });
    }
  } else {
    await page.waitForFunction(
      () => {
        const w = (
          window as unknown as {
            jupyterapp: {
              shell: { currentWidget: { sessionContext?: { session?: { kernel?: { status: string } } } } };
            };
          }
        ).jupyterapp.shell.currentWidget;
        return w.sessionContext?.session?.kernel?.status === "idle";
      },
      null,
      { timeout: 60000 },
    );
  }
}

export const cell = (page: Page, i: number): Locator => page.locator(".jp-Notebook .jp-Cell").nth(i);
export const convlabOutput = (page: Page, i: number): Locator =>
  cell(page, i).locator("[data-testid=convlab-output]").first();

/** RGBA pixels of a canvas (its intrinsic resolution). */
export async function canvasPixels(c: Locator): Promise<number[]> {
  return c.evaluate((e: HTMLCanvasElement) => {
    const ctx = e.getContext("2d");
    return ctx ? Array.from(ctx.getImageData(0, 0, e.width, e.height).data) : [];
  });
}

/** Number of distinct RGB colours among the pixels. */
export function distinctColours(px: number[]): number {
  const s = new Set<string>();
  for (let i = 0; i < px.length; i += 4) s.add(`${px[i]},${px[i + 1]},${px[i + 2]}`);
  return s.size;
}

/** Move the mouse to the centre of value (row, col) of a canvas map that is h x w values. */
export async function hoverValue(c: Locator, row: number, col: number, h: number, w: number): Promise<void> {
  await c.scrollIntoViewIfNeeded();
  const box = await c.boundingBox();
  if (!box) throw new Error("hoverValue: canvas has no box");
  // position is relative to the element; playwright re-scrolls and waits for it to be stable (cells above
  // may still be laying out in JupyterLab's windowed notebook, moving the canvas after the first scroll)
  await c.hover({ position: { x: ((col + 0.5) * box.width) / w, y: ((row + 0.5) * box.height) / h } });
}

export async function shot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
