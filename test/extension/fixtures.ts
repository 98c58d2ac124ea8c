/** Loads the kernel side's display fixtures (test/fixtures/payloads/*.json) through the shared decoder. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CONVLAB_MIME, decodePayload, type ConvlabPayload } from "../../src/display/payload";

export const FIXTURE_DIR = join(__dirname, "..", "fixtures", "payloads");

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** The raw bundle `{data: {mime: ...}, metadata}` of a fixture. */
export function fixtureBundle(name: string): { data: Record<string, unknown>; metadata?: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), "utf8"));
}

/** A fixture's payload, decoded (throws with the decoder's message when it does not decode). */
export function fixturePayload<K extends ConvlabPayload["kind"]>(
  name: string,
  kind: K,
): Extract<ConvlabPayload, { kind: K }> {
  const r = decodePayload(fixtureBundle(name).data[CONVLAB_MIME]);
  if (!r.ok) throw new Error(`fixture ${name}: ${r.error}`);
  if (r.payload.kind !== kind) throw new Error(`fixture ${name}: expected kind ${kind}, got ${r.payload.kind}`);
  return r.payload as Extract<ConvlabPayload, { kind: K }>;
}
