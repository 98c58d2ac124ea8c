/**
 * Notebooks in any folder: `import * as cl from "convlab"` type-checks and runs outside the
 * repository, Node's types are there, ESM-only and CommonJS packages next to the notebook load,
 * and rich values display (a Tensor like cl.show, objects with Symbol.for("Jupyter.display")).
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KernelClient } from "../../kernel/runner/client";
import { CONVLAB_MIME } from "../../src/display/payload";
import { ensureBuilt, resultOf, run, startKernel, tempDir } from "./helpers";

function writePackage(dir: string, name: string, pkg: object, files: Record<string, string>): void {
  const root = join(dir, "node_modules", name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name, version: "1.0.0", ...pkg }));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(root, f), text);
}

describe("notebooks outside the repository", () => {
  let kc: KernelClient;
  let dir: string;
  before(async () => {
    ensureBuilt();
    dir = tempDir("convlab-anywhere-");
    // An ESM-only package with top-level await (require() cannot load it) and a CommonJS one.
    writePackage(
      dir,
      "esm-tla",
      { type: "module", main: "index.js", types: "index.d.ts" },
      {
        "index.js":
          "await Promise.resolve();\nexport const kind = 'esm';\nexport default function twice(n) { return 2 * n; }\n",
        "index.d.ts": "export declare const kind: string;\nexport default function twice(n: number): number;\n",
      },
    );
    writePackage(
      dir,
      "old-cjs",
      { main: "index.js", types: "index.d.ts" },
      {
        "index.js": "exports.kind = 'cjs';\n",
        "index.d.ts": "export declare const kind: string;\n",
      },
    );
    kc = await startKernel(dir);
  });
  after(async () => {
    await kc?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports convlab with types and has Node's types", async () => {
    const r = await run(
      kc,
      'import * as cl from "convlab";\nconst t = cl.tensor([[0, 1], [2, 3]]);\nconsole.log(process.version.length > 0, t.shape.join("x"))',
    );
    assert.equal(r.reply.content.status, "ok", JSON.stringify(r.reply.content));
    assert.equal(r.outputs[0].content.text, "true 2x2\n");
    const typo = await run(kc, "const s: string = t.shape;");
    assert.match(String(typo.reply.content.evalue), /1:7 - Type 'number\[\]' is not assignable to type 'string'/);
  });

  it("shows a Tensor as the last expression like cl.show", async () => {
    const r = await run(kc, "t");
    const res = r.outputs.find((o) => o.type === "execute_result");
    const data = res?.content.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(data).sort(), [CONVLAB_MIME, "image/png", "image/svg+xml", "text/plain"]);
    assert.match(String(data["text/plain"]), /^Tensor float32 \[2,2\] cpu/);
  });

  it('uses Symbol.for("Jupyter.display") and awaits a promised bundle', async () => {
    const r = await run(
      kc,
      'class Card { async [Symbol.for("Jupyter.display")]() { return { "text/html": "<b>card</b>" }; } }\nnew Card()',
    );
    const data = r.outputs.find((o) => o.type === "execute_result")?.content.data as Record<string, string>;
    assert.equal(data["text/html"], "<b>card</b>");
    assert.match(data["text/plain"], /Card/);
  });

  it("imports an ESM-only package with top-level await and a CommonJS package", async () => {
    const r = await run(
      kc,
      'import twice, { kind } from "esm-tla";\nimport { kind as old } from "old-cjs";\n`${kind} ${old} ${twice(21)}`',
    );
    assert.equal(resultOf(r), "'esm cjs 42'", JSON.stringify(r.reply.content));
  });
});
