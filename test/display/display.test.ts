/**
 * Display helpers: bundle keys and schema, PNG pixels (viridis order, NaN/Inf marks), bounds for
 * large tensors, the stepper's arithmetic, in-place updates, and behaviour outside a kernel.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import ndarray from "ndarray";
import { PNG } from "pngjs";
import { cmapAt, NAN_COLOR, NEG_INF_COLOR, POS_INF_COLOR } from "../../src/display/colormap";
import { convolutionView } from "../../src/display/conv_view";
import { toHost } from "../../src/display/host";
import { arrayValues, CONVLAB_MIME, decodePayload, type ConvlabPayload } from "../../src/display/payload";
import { bundleOf, type MimeBundle } from "../../src/display/render";
import { installSink, type DisplayOptions } from "../../src/display/sink";
import { displayBundle, liveplot, payloadOf, progress, show, showFilters } from "../../src/display/index";
import { fixturePayloads } from "./make_payload_fixtures";

const pngOf = (b: MimeBundle) => PNG.sync.read(Buffer.from(String(b.data["image/png"]), "base64"));
const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];

describe("bundles", () => {
  it("carry the convlab JSON (valid v1), a PNG and a one-line text/plain for every view", async () => {
    for (const [name, p] of Object.entries(await fixturePayloads())) {
      const b = bundleOf(p);
      assert.deepEqual(Object.keys(b.data).sort(), [CONVLAB_MIME, "image/png", "text/plain"], name);
      const back = decodePayload(JSON.parse(JSON.stringify(b.data[CONVLAB_MIME])));
      assert.ok(back.ok, `${name}: ${back.ok ? "" : back.error}`);
      assert.deepEqual([...Buffer.from(String(b.data["image/png"]), "base64").subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], name);
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
    const bad = (v: unknown) => { const r = decodePayload(v); assert.ok(!r.ok); return r.error; };
    assert.match(bad({ version: 2 }), /expected payload.version to be 1, got 2/);
    assert.match(bad({ version: 1, kind: "pie", notes: [] }), /expected payload.kind to be one of heatmap\|grid/);
    const short = { version: 1, kind: "heatmap", notes: [], cmap: "viridis", vmin: 0, vmax: 1, data: { shape: [2, 2], encoding: "json", data: [1, 2, 3] } };
    assert.match(bad(short), /expected payload.data.data to be 4 values for shape \[2,2\], got "3"/);
    assert.match(bad({ ...short, cmap: "jet" }), /payload.cmap to be one of viridis\|gray\|coolwarm/);
  });
});

describe("PNG rendering", () => {
  it("draws a 2x2 [[0,1],[2,3]] as four distinct viridis colours in row-major order", async () => {
    const b = bundleOf(await payloadOf([[0, 1], [2, 3]]));
    const png = pngOf(b);
    const at = (i: number, j: number) => pixel(png, 8 + 48 * j + 24, 8 + 48 * i + 24); // PAD 8, 48-px blocks
    const got = [at(0, 0), at(0, 1), at(1, 0), at(1, 1)];
    assert.deepEqual(got, [0, 1 / 3, 2 / 3, 1].map((t) => cmapAt("viridis", t)));
    assert.deepEqual(got[0], [0x44, 0x01, 0x54]);
    assert.deepEqual(got[3], [0xfd, 0xe7, 0x25]);
    assert.equal(new Set(got.map(String)).size, 4);
    assert.deepEqual(at(0, 0), pixel(png, 8, 8), "nearest-neighbour: a block is one colour");
  });

  it("marks NaN, +Inf and -Inf and keeps them out of the colour range", async () => {
    const p = await payloadOf([[NaN, 1, Infinity], [-Infinity, 0, 2]]);
    assert.equal(p.kind === "heatmap" && [p.vmin, p.vmax].join(), "0,2");
    const png = pngOf(bundleOf(p));
    const at = (i: number, j: number) => pixel(png, 8 + 32 * j + 16, 8 + 32 * i + 16);
    assert.deepEqual([at(0, 0), at(0, 2), at(1, 0)], [NAN_COLOR, POS_INF_COLOR, NEG_INF_COLOR]);
    assert.ok(p.kind === "heatmap" && Number.isNaN(arrayValues(p.data)[0]), "NaN survives the f32-base64 payload");
  });

  it("uses a diverging map centred at 0 for filters", async () => {
    const p = await payloadOf(ndarray(new Float32Array([-2, 1, 0.5, -0.5]), [1, 1, 2, 2]));
    assert.ok(p.kind === "grid" && p.role === "filters");
    assert.equal(p.cmap, "coolwarm");
    assert.deepEqual([p.vmin, p.vmax, p.center], [-2, 2, 0]);
  });
});

describe("bounds", () => {
  it("downsamples a 64x512x512 tensor to a bounded grid with a note", async () => {
    const big = { shape: [64, 512, 512], dtype: "float32", backend: "cpu", toNdarray: async () => ndarray(new Float32Array(64 * 512 * 512).fill(1), [64, 512, 512]) };
    const b = await displayBundle(big);
    const p = b.data[CONVLAB_MIME] as ConvlabPayload;
    assert.ok(p.kind === "grid");
    assert.deepEqual(p.data.shape, [64, 64, 64]);
    assert.deepEqual(p.notes, ["each cell downsampled 512x512 -> 64x64 (stride 8, nearest)"]);
    assert.ok(JSON.stringify(b).length < 2_000_000, `bundle is ${JSON.stringify(b).length} bytes`);
    assert.equal(String(b.data["text/plain"]), "Tensor float32 [64,512,512] cpu · feature maps range 1..1 (each cell downsampled 512x512 -> 64x64 (stride 8, nearest))");
    const many = await payloadOf(ndarray(new Float32Array(100 * 4 * 4), [100, 4, 4]));
    assert.ok(many.kind === "grid" && many.data.shape[0] === 64 && many.notes.includes("showing 64 of 100 cells"));
    const long = await payloadOf(new Float32Array(10_000));
    assert.ok(long.kind === "plot" && long.series[0].y.length <= 4097 && long.notes.length === 1);
  });
});

describe("views", () => {
  it("showConvolution computes y with stride, padding and dilation", async () => {
    const x = await toHost([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const w = await toHost([[1, 0], [0, -1]]);
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
    const mag = arrayValues(p.magnitude), ph = arrayValues(p.phase);
    assert.deepEqual([mag[0], mag[1]], [5, 1]);
    assert.ok(Math.abs(ph[1] - Math.PI / 2) < 1e-6);
  });

  it("names the op, the expectation and the shape in errors", async () => {
    await assert.rejects(showFilters([[1, 2], [3, 4]]), /showFilters: expected weights of rank 4 \(O,I,kh,kw\), got shape \[2,2\]/);
    await assert.rejects(payloadOf([[[[[1]]]]]), /show: expected a tensor of rank 1 to 4/);
  });
});

describe("sending", () => {
  const sent: Array<{ bundle: MimeBundle; opts: DisplayOptions }> = [];
  const work: Array<Promise<unknown>> = [];
  const useSink = () => installSink({ display: (bundle, opts = {}) => sent.push({ bundle, opts }), clearOutput: () => {}, track: (p) => work.push(p) });
  afterEach(() => { installSink(undefined); sent.length = 0; work.length = 0; });

  it("prints the text/plain line outside a kernel", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    try { await show([[0, 1], [2, 3]], { title: "plain" }); } finally { console.log = log; }
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
    assert.deepEqual(sent.map((s) => !!s.opts.update), [false, ...Array(sent.length - 1).fill(true)]);
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
});
