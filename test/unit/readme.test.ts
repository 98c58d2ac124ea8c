/**
 * The README's examples run as written (a README that lies is worse than none). Every ```ts block of
 * README.md is taken from the file itself, not retyped here: each is written to its own temporary ES
 * module (top-level await works as in a notebook cell), its `import * as cl from "convlab"` replaced by this
 * checkout's src/index.ts (or added when the block has none), and run with tsx in a child process, on the
 * default (cpu) backend; a block fails the test when it throws or exits non-zero, with its README line in the message.
 * A block that is a reference sheet rather than a program (free variables such as `x` or `ndarr`,
 * alternatives written as `"same" | "valid"`, `…`) is fenced ```ts no-run in the README and only counted.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8").split("\n");

interface Block {
  line: number;
  run: boolean;
  code: string;
}
const blocks: Block[] = [];
for (let i = 0; i < readme.length; i++) {
  const fence = /^```ts(?:\s+(.*))?$/.exec(readme[i]);
  if (!fence) continue;
  const end = readme.indexOf("```", i + 1);
  assert.ok(end > i, `README.md:${i + 1}: a ts block that is never closed`);
  blocks.push({ line: i + 1, run: fence[1]?.trim() !== "no-run", code: readme.slice(i + 1, end).join("\n") });
  i = end;
}

const dir = mkdtempSync(join(tmpdir(), "convlab-readme-"));
after(() => rmSync(dir, { recursive: true, force: true }));
// src/index.ts is CommonJS: Node's ESM namespace of it misses the re-exported names, its default (the whole
// module.exports) has them all
const clFromSource = `import cl_ from ${JSON.stringify(join(root, "src", "index.ts"))}; const cl = cl_;`;

describe("README.md's ts blocks", () => {
  it("has blocks to run, and every other one is marked no-run", () => {
    assert.ok(
      blocks.some((b) => b.run),
      "README.md: expected at least one runnable ts block",
    );
  });
  for (const b of blocks.filter((b) => b.run)) {
    it(`runs the block at README.md:${b.line}`, () => {
      const importLine = /^import \* as cl from "convlab";$/m;
      const code = importLine.test(b.code) ? b.code.replace(importLine, clFromSource) : `${clFromSource}\n${b.code}`;
      const file = join(dir, `block_${b.line}.mts`);
      writeFileSync(file, `${code}\nexport {};\n`);
      const r = spawnSync(process.execPath, ["--import", "tsx", file], {
        cwd: root,
        encoding: "utf8",
        timeout: 120_000,
      });
      assert.equal(r.status, 0, `README.md:${b.line}: the block failed (exit ${r.status})\n${r.stderr}${r.stdout}`);
    });
  }
});
