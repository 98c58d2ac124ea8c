// The payload schema has one source (src/display/payload.ts): every fixture the kernel side writes must
// decode with it, and every kind the extension renders must be covered by a fixture.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CONVLAB_MIME, arrayValues, decodePayload } from "../../src/display/payload";
import { fixtureBundle, fixtureNames } from "./fixtures";

test("every kernel fixture decodes and carries the PNG and text fallbacks", () => {
  const kinds = new Set<string>();
  for (const name of fixtureNames()) {
    const b = fixtureBundle(name);
    const r = decodePayload(b.data[CONVLAB_MIME]);
    assert.ok(r.ok, `${name}: ${r.ok ? "" : r.error}`);
    kinds.add(r.payload.kind);
    assert.equal(typeof b.data["image/png"], "string", `${name}: image/png fallback`);
    assert.equal(typeof b.data["text/plain"], "string", `${name}: text/plain summary`);
  }
  for (const k of [
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
    assert.ok(kinds.has(k), `a fixture of kind ${k}`);
  }
});

test("malformed and newer payloads are rejected with a message naming the field", () => {
  const good = fixtureBundle("heatmap_2x2").data[CONVLAB_MIME] as Record<string, unknown>;
  const newer = decodePayload({ ...good, version: 2 });
  assert.ok(!newer.ok && /payload\.version/.test(newer.error), JSON.stringify(newer));
  const badShape = decodePayload({ ...good, data: { shape: [2, 2], encoding: "json", data: [1, 2, 3] } });
  assert.ok(!badShape.ok && /payload\.data/.test(badShape.error));
  assert.ok(!decodePayload("not an object").ok);
  assert.ok(!decodePayload({ ...good, kind: "hologram" }).ok);
});

test("the 2x2 heatmap fixture decodes to [[0,1],[2,3]]", () => {
  const r = decodePayload(fixtureBundle("heatmap_2x2").data[CONVLAB_MIME]);
  assert.ok(r.ok && r.payload.kind === "heatmap");
  assert.deepEqual(Array.from(arrayValues(r.payload.data)), [0, 1, 2, 3]);
});
