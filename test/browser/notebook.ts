/** Notebooks for the browser tests: stored outputs built from the kernel side's payload fixtures. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONVLAB_MIME, PAYLOAD_SCHEMA_VERSION, type GridView } from "../../src/display/payload";
import { fixtureBundle } from "../extension/fixtures";

export interface Cell {
  source: string;
  outputs: unknown[];
}

/** One display_data output from a MIME bundle (the metadata gives the PNG's display size). */
export const displayData = (data: Record<string, unknown>, metadata: Record<string, unknown> = {}): unknown => ({
  output_type: "display_data",
  data,
  metadata,
});

/** Writes an nbformat 4.5 notebook; `kernel` names its kernelspec (null: none recorded). */
export function writeNotebook(path: string, cells: Cell[], kernel: string | null = "convlab"): void {
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: kernel
      ? {
          kernelspec: { name: kernel, display_name: "TypeScript (convlab)", language: "typescript" },
          language_info: { name: "typescript" },
        }
      : {},
    cells: cells.map((c, i) => ({
      cell_type: "code",
      id: `cell-${i}`,
      execution_count: c.outputs.length ? i + 1 : null,
      metadata: {},
      source: c.source,
      outputs: c.outputs,
    })),
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
}

/** The fixtures shown in the stored-outputs notebook, in cell order. */
export const STORED = [
  "heatmap_2x2",
  "feature_maps",
  "filters",
  "matrix",
  "convolution",
  "plot",
  "spectrum",
  "liveplot",
  "progress",
  "heatmap_nonfinite",
  "heatmap_downsampled",
] as const;

/** 40 feature maps of 4x4 (more than one page of 32), map c holding the values c + i/16: tests paging. */
export function manyMapsPayload(): GridView {
  const cells = 40;
  return {
    version: PAYLOAD_SCHEMA_VERSION,
    kind: "grid",
    role: "featureMaps",
    title: "40 channels",
    notes: [],
    cmap: "viridis",
    vmin: 0,
    vmax: 40,
    rows: 5,
    cols: 8,
    cellLabels: Array.from({ length: cells }, (_, c) => `c${c}`),
    data: {
      shape: [cells, 4, 4],
      encoding: "json",
      data: Array.from({ length: cells * 16 }, (_, i) => Math.floor(i / 16) + (i % 16) / 16),
    },
  };
}

/** A notebook whose outputs are the fixtures' full bundles, plus a malformed and a newer-version payload. */
export function writeStoredNotebook(dir: string, name = "stored.ipynb"): string {
  const cells: Cell[] = STORED.map((f) => ({
    source: `// stored output: ${f}`,
    outputs: [displayData(fixtureBundle(f).data, fixtureBundle(f).metadata)],
  }));
  const good = fixtureBundle("heatmap_2x2").data;
  const meta = fixtureBundle("heatmap_2x2").metadata;
  const payload = good[CONVLAB_MIME] as Record<string, unknown>;
  cells.push({
    source: "// 40 maps: paging",
    outputs: [displayData({ [CONVLAB_MIME]: manyMapsPayload(), "text/plain": "grid of 40 maps" })],
  });
  cells.push({
    source: "// malformed payload",
    outputs: [
      displayData(
        { ...good, [CONVLAB_MIME]: { ...payload, data: { shape: [2, 2], encoding: "json", data: [1] } } },
        meta,
      ),
    ],
  });
  cells.push({
    source: "// payload from a newer convlab",
    outputs: [displayData({ ...good, [CONVLAB_MIME]: { ...payload, version: 2 } }, meta)],
  });
  const path = join(dir, name);
  writeNotebook(path, cells);
  return path;
}
