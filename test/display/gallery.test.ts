/**
 * The figure gallery (docs/gallery.ipynb: every view, light and dark) executed by the headless
 * runner as CI and the course website do. Every display output must carry the payload, an SVG and the
 * PNG drawn from it at twice its size; each figure is written to artifacts/figures/gallery/ so a person
 * can look at them (and the browser tests show them in a lab).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { PNG } from "pngjs";
import { CONVLAB_MIME, decodePayload } from "../../src/display/payload";
import { ensureBuilt, ROOT, tempDir } from "../kernel/helpers";
import { byClass, parseSvg } from "./svg_tree";

interface Output {
  output_type: string;
  data?: Record<string, string | string[] | object>;
  metadata?: Record<string, { width?: number; height?: number }>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id: string;
  outputs?: Output[];
}

const ARTIFACTS = join(ROOT, "artifacts", "figures", "gallery");
const joined = (v: string | string[] | object | undefined) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

describe("docs/gallery.ipynb", { timeout: 300_000 }, () => {
  let dir = "",
    cells: Cell[] = [],
    log = "";
  before(() => {
    ensureBuilt();
    dir = tempDir("convlab-gallery-");
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, "bin", "convlab.js"),
        "run",
        join(ROOT, "docs", "gallery.ipynb"),
        "--output",
        dir,
        "--timeout",
        "240",
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 280_000,
      },
    );
    log = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, log);
    cells = (JSON.parse(readFileSync(join(dir, "gallery.ipynb"), "utf8")) as { cells: Cell[] }).cells;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs without errors and every display carries the payload, an SVG and its 2x PNG", () => {
    assert.deepEqual(
      cells.flatMap((c) =>
        (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `${c.id}: ${o.ename} ${o.evalue}`),
      ),
      [],
    );
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const kinds = new Map<string, Set<string>>();
    let n = 0;
    for (const c of cells) {
      (c.outputs ?? [])
        .filter((o) => o.output_type === "display_data" && o.data?.[CONVLAB_MIME])
        .forEach((o, k) => {
          const where = `${c.id}[${k}]`;
          const data = o.data ?? {};
          const decoded = decodePayload(data[CONVLAB_MIME]);
          assert.ok(decoded.ok, `${where}: ${decoded.ok ? "" : decoded.error}`);
          const svg = joined(data["image/svg+xml"]);
          const png = Buffer.from(joined(data["image/png"]), "base64");
          assert.match(svg, /^<svg /, `${where}: image/svg+xml`);
          assert.ok(joined(data["text/plain"]).length > 0, `${where}: text/plain`);
          const root = parseSvg(svg),
            img = PNG.sync.read(png);
          const size = o.metadata?.["image/png"];
          assert.deepEqual(
            [img.width, img.height],
            [2 * Number(root.attrs.width), 2 * Number(root.attrs.height)],
            `${where}: PNG at 2x`,
          );
          assert.deepEqual(
            [size?.width, size?.height],
            [Number(root.attrs.width), Number(root.attrs.height)],
            `${where}: PNG shown at the SVG's size`,
          );
          const theme = root.attrs["data-theme"];
          kinds.set(decoded.payload.kind, (kinds.get(decoded.payload.kind) ?? new Set()).add(theme));
          const name = `${String(++n).padStart(2, "0")}_${c.id}_${decoded.payload.kind}_${theme}`;
          writeFileSync(join(ARTIFACTS, `${name}.png`), png);
          writeFileSync(join(ARTIFACTS, `${name}.svg`), svg);
          if (decoded.payload.kind === "liveplot")
            assert.equal(decoded.payload.done, true, `${where}: the saved liveplot is its final state`);
          assert.ok(byClass(root, "title").length + byClass(root, "label").length > 0, `${where}: a title`);
        });
    }
    for (const kind of [
      "heatmap",
      "grid",
      "plot",
      "spectrum",
      "matrix",
      "convolution",
      "convolutionGrad",
      "liveplot",
      "progress",
    ]) {
      assert.deepEqual([...(kinds.get(kind) ?? [])].sort(), ["dark", "light"], `${kind} in both themes`);
    }
    assert.ok(n >= 30, `${n} figures`);
  });
});
