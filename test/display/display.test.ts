/**
 * Display helpers: bundle keys and schema, bounds for large tensors, the stepper's arithmetic, in-place
 * updates, and behaviour outside a kernel. The figures themselves (SVG structure, PNG pixels) are
 * tested in figures.test.ts.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import ndarray from "ndarray";
import { PNG } from "pngjs";
import { convolutionView } from "../../src/display/conv_view";
import { toHost } from "../../src/display/host";
import { arrayValues, CONVLAB_MIME, decodePayload, type ConvlabPayload } from "../../src/display/payload";
import { bundleOf, type MimeBundle } from "../../src/display/render";
import { installSink, type DisplayOptions } from "../../src/display/sink";
import { displayBundle, liveplot, payloadOf, plot, progress, show, showFilters } from "../../src/display/index";
import { fixturePayloads } from "./make_payload_fixtures";

const pngOf = (b: MimeBundle) => PNG.sync.read(Buffer.from(String(b.data["image/png"]), "base64"));

describe("bundles", () => {
  it("carry the convlab JSON (valid v1), a PNG and a one-line text/plain for every view", async () => {
    for (const [name, p] of Object.entries(await fixturePayloads())) {
      const b = bundleOf(p);
      assert.deepEqual(Object.keys(b.data).sort(), [CONVLAB_MIME, "image/png", "image/svg+xml", "text/plain"], name);
      assert.match(
        String(b.data["image/svg+xml"]),
        /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/,
        name,
      );
      const back = decodePayload(JSON.parse(JSON.stringify(b.data[CONVLAB_MIME])));
      assert.ok(back.ok, `${name}: ${back.ok ? "" : back.error}`);
      assert.deepEqual(
        [...Buffer.from(String(b.data["image/png"]), "base64").subarray(0, 8)],
        [137, 80, 78, 71, 13, 10, 26, 10],
        name,
      );
      // The PNG has twice the SVG's pixels and says so, so Jupyter shows it at the SVG's size.
      const png = pngOf(b),
        meta = b.metadata["image/png"] as { width: number; height: number };
      assert.deepEqual([png.width, png.height], [2 * meta.width, 2 * meta.height], name);
      assert.doesNotMatch(String(b.data["text/plain"]), /\n/, name);
    }
  });

  it("match the fixtures in test/fixtures/payloads (regenerate with make_payload_fixtures.ts)", async () => {
    const dir = join(__dirname, "..", "fixtures", "payloads");
    const fresh = await fixturePayloads();
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const saved = JSON.parse(readFileSync(join(dir, f), "utf8")) as MimeBundle;
      assert.deepEqual(saved.data[CONVLAB_MIME], JSON.parse(JSON.stringify(fresh[f.replace(".json", "")])), f);
    }
  });

  it("decodePayload explains what is wrong", () => {
    const bad = (v: unknown) => {
      const r = decodePayload(v);
      assert.ok(!r.ok);
      return r.error;
    };
    assert.match(bad({ version: 2 }), /expected payload.version to be 1, got 2/);
    assert.match(bad({ version: 1, kind: "pie", notes: [] }), /expected payload.kind to be one of heatmap\|grid/);
    const short = {
      version: 1,
      kind: "heatmap",
      notes: [],
      cmap: "viridis",
      vmin: 0,
      vmax: 1,
      data: { shape: [2, 2], encoding: "json", data: [1, 2, 3] },
    };
    assert.match(bad(short), /expected payload.data.data to be 4 values for shape \[2,2\], got "3"/);
    assert.match(bad({ ...short, cmap: "jet" }), /payload.cmap to be one of viridis\|gray\|coolwarm/);
  });
});

describe("bounds", () => {
  it("downsamples a 64x512x512 tensor to a bounded grid with a note", async () => {
    const big = {
      shape: [64, 512, 512],
      dtype: "float32",
      backend: "cpu",
      toNdarray: async () => ndarray(new Float32Array(64 * 512 * 512).fill(1), [64, 512, 512]),
    };
    const b = await displayBundle(big);
    const p = b.data[CONVLAB_MIME] as ConvlabPayload;
    assert.ok(p.kind === "grid");
    assert.deepEqual(p.data.shape, [64, 64, 64]);
    assert.deepEqual(p.notes, ["each cell downsampled 512x512 -> 64x64 (stride 8, nearest)"]);
    assert.ok(JSON.stringify(b).length < 2_000_000, `bundle is ${JSON.stringify(b).length} bytes`);
    assert.equal(
      String(b.data["text/plain"]),
      "Tensor float32 [64,512,512] cpu · feature maps range 1..1 (each cell downsampled 512x512 -> 64x64 (stride 8, nearest))",
    );
    const many = await payloadOf(ndarray(new Float32Array(100 * 4 * 4), [100, 4, 4]));
    assert.ok(many.kind === "grid" && many.data.shape[0] === 64 && many.notes.includes("showing 64 of 100 cells"));
    const long = await payloadOf(new Float32Array(10_000));
    assert.ok(long.kind === "plot" && long.series[0].y.length <= 4097 && long.notes.length === 1);
  });
});

describe("views", () => {
  it("showConvolution computes y with stride, padding and dilation", async () => {
    const x = await toHost([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const w = await toHost([
      [1, 0],
      [0, -1],
    ]);
    const plainConv = convolutionView(x, w);
    assert.deepEqual([...arrayValues(plainConv.output)], [-4, -4, -4, -4]);
    const padded = convolutionView(x, w, { padding: 1, stride: 2 });
    assert.deepEqual(padded.output.shape, [2, 2]);
    assert.deepEqual([...arrayValues(padded.output)], [-1, -3, -7, -4]);
    const dilated = convolutionView(x, w, { dilation: 2 });
    assert.deepEqual([...arrayValues(dilated.output)], [1 - 9]);
    assert.throws(() => convolutionView(x, w, { stride: 0 }), /showConvolution: expected stride, dilation >= 1/);
  });

  it("shows a Complex as magnitude and phase", async () => {
    const p = await payloadOf({ re: [3, 0], im: [4, 1] });
    assert.ok(p.kind === "spectrum");
    const mag = arrayValues(p.magnitude),
      ph = arrayValues(p.phase);
    assert.deepEqual([mag[0], mag[1]], [5, 1]);
    assert.ok(Math.abs(ph[1] - Math.PI / 2) < 1e-6);
  });

  it("names the op, the expectation and the shape in errors", async () => {
    await assert.rejects(
      showFilters([
        [1, 2],
        [3, 4],
      ]),
      /showFilters: expected weights of rank 4 \(O,I,kh,kw\), got shape \[2,2\]/,
    );
    await assert.rejects(payloadOf([[[[[1]]]]]), /show: expected a tensor of rank 1 to 4/);
  });
});

describe("sending", () => {
  const sent: Array<{ bundle: MimeBundle; opts: DisplayOptions }> = [];
  const work: Array<Promise<unknown>> = [];
  const useSink = () =>
    installSink({
      display: (bundle, opts = {}) => sent.push({ bundle, opts }),
      clearOutput: () => {},
      track: (p) => work.push(p),
    });
  afterEach(() => {
    installSink(undefined);
    sent.length = 0;
    work.length = 0;
  });

  it("prints the text/plain line outside a kernel", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    try {
      await show(
        [
          [0, 1],
          [2, 3],
        ],
        { title: "plain" },
      );
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, ["plain: heatmap float64 [2,2] range 0..3"]);
  });

  it("hands displays to the kernel sink and lets the kernel wait for them", async () => {
    useSink();
    const p = show([[1, 2]]);
    assert.equal(work.length, 1, "tracked");
    await p;
    assert.equal(sent.length, 1);
  });

  it("updates a liveplot and a progress bar in place under one display_id", async () => {
    useSink();
    const lp = liveplot({ title: "loss" });
    for (let i = 0; i < 50; i++) lp.push({ loss: 1 / (i + 1) });
    lp.done();
    const ids = new Set(sent.map((s) => s.opts.displayId));
    assert.equal(ids.size, 1);
    assert.deepEqual(
      sent.map((s) => !!s.opts.update),
      [false, ...Array(sent.length - 1).fill(true)],
    );
    const last = sent[sent.length - 1].bundle.data[CONVLAB_MIME] as ConvlabPayload;
    assert.ok(last.kind === "liveplot" && last.done && last.series[0].y.length === 50);
    sent.length = 0;
    const seen: number[] = [];
    for (const i of progress(5, { label: "epochs" })) seen.push(i);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    const final = sent[sent.length - 1].bundle.data[CONVLAB_MIME] as ConvlabPayload;
    assert.ok(final.kind === "progress" && final.done && final.value === 5);
    assert.equal(new Set(sent.map((s) => s.opts.displayId)).size, 1);
  });

  it("redraws a running liveplot's SVG every update but its PNG at most once a second, and always when done", async () => {
    useSink();
    const lp = liveplot({ title: "loss" });
    for (let i = 0; i < 3; i++) {
      lp.push({ loss: 1 / (i + 1) });
      await new Promise((r) => setTimeout(r, 130));
    }
    lp.done();
    const [first, second, third] = sent.map((s) => s.bundle.data);
    const final = sent[sent.length - 1].bundle.data;
    assert.ok(sent.length >= 4, `${sent.length} bundles`);
    assert.notEqual(second["image/svg+xml"], first["image/svg+xml"], "a fresh SVG per update");
    assert.equal(second["image/png"], first["image/png"], "the PNG of the last second is reused");
    assert.equal(third["image/png"], first["image/png"]);
    assert.notEqual(final["image/png"], first["image/png"], "the final state is rasterised");
    for (const s of sent)
      assert.deepEqual(Object.keys(s.bundle.data).sort(), [CONVLAB_MIME, "image/png", "image/svg+xml", "text/plain"]);
  });

  it("passes the theme to the figure and units to the payload", async () => {
    useSink();
    await show(
      [
        [0, 1],
        [2, 3],
      ],
      { theme: "dark" },
    );
    assert.match(String(sent[0].bundle.data["image/svg+xml"]), /data-theme="dark"/);
    await plot({ "val loss": [3, 2, 1], top1: [0.2, 0.5, 0.7] }, { units: { top1: "accuracy" }, logy: true });
    const p = sent[1].bundle.data[CONVLAB_MIME] as ConvlabPayload;
    assert.ok(p.kind === "plot" && p.logY);
    assert.deepEqual(
      p.series.map((s) => s.unit),
      [undefined, "accuracy"],
    );
    assert.match(String(sent[1].bundle.data["image/svg+xml"]), /data-theme="light"/);
    await assert.rejects(
      show([1, 2], { theme: "sepia" as "dark" }),
      /display: expected theme "light" or "dark", got "sepia"/,
    );
  });
});
