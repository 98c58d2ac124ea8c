/**
 * docs/webgpu.md's backend matrix against the kernel tables it describes: every primitive kernel of
 * src/core/kernels.ts has exactly one row, the cpu and webgpu tables hold exactly those kernels, a kernel
 * the webgpu table declares `{ notOnGpu }` is marked in its row (and the intro's "no notOnGpu entry" is
 * true only while there is none), the unary row's op count is the number of `UnaryOp`s, and every file
 * pattern in the file column matches a file under src/.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { cpuKernels } from "../../src/backends/cpu/cpu_kernels";
import { kernelsNotOnGpu, webgpuKernelTable } from "../../src/backends/webgpu/webgpu_kernels";
import { KERNEL_NAMES } from "../../src/core/kernels";

const root = join(__dirname, "..", "..");
const doc = readFileSync(join(root, "docs/webgpu.md"), "utf8");
const section = doc.slice(doc.indexOf("## Backend matrix")).split(/\n## /)[0];
const rows = section
  .split("\n")
  .filter((l) => l.startsWith("| ") && !l.startsWith("| kernel") && !l.startsWith("|---"))
  .map((l) => l.slice(2, -2).split(" | "));

test("the matrix has one row per primitive kernel, and both tables hold exactly those kernels", () => {
  const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
  assert.deepEqual(sorted(rows.map((r) => r[0])), sorted(KERNEL_NAMES), "rows of docs/webgpu.md's matrix");
  assert.deepEqual(sorted(Object.keys(cpuKernels)), sorted(KERNEL_NAMES), "cpu kernel table");
  assert.deepEqual(sorted(Object.keys(webgpuKernelTable)), sorted(KERNEL_NAMES), "webgpu kernel table");
});

test("what the matrix says is on webgpu matches the webgpu table, declared gaps included", () => {
  const gaps = new Set<string>(kernelsNotOnGpu().map((g) => g.kernel));
  for (const [kernel, wgsl] of rows)
    assert.equal(/not on (the )?GPU|notOnGpu|none/i.test(wgsl), gaps.has(kernel), `${kernel}: "${wgsl}"`);
  assert.equal(/declares \*\*no\*\* `notOnGpu`\s+entry/.test(section), gaps.size === 0, "the matrix's intro");
});

test("the unary row counts the UnaryOps", () => {
  const kernels = readFileSync(join(root, "src/core/kernels.ts"), "utf8");
  const union = /export type UnaryOp =([^;]+);/.exec(kernels)?.[1] ?? "";
  const ops = [...union.matchAll(/"(\w+)"/g)].length;
  const unary = rows.find((r) => r[0] === "unary")!;
  assert.equal(Number(/(\d+) ops/.exec(unary[1])?.[1]), ops, `unary row: "${unary[1]}"`);
});

test("every file pattern in the matrix matches a file under src/", () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(dir, e.name));
      else files.push(relative(join(root, "src"), join(dir, e.name)));
  };
  walk(join(root, "src/ops"));
  for (const [kernel, , file] of rows) {
    for (const [, pattern] of file.matchAll(/`([^`]+)`/g)) {
      const re = new RegExp(
        "^" +
          pattern
            .replace(/[.+^$()|[\]\\]/g, "\\$&")
            .replace(/\{([^}]+)\}/g, (_, alts: string) => `(${alts.split(",").join("|")})`)
            .replace(/\*/g, "[^/]*") +
          "$",
      );
      assert.ok(
        files.some((f) => re.test(f)),
        `${kernel}: no file under src/ matches ${pattern}`,
      );
    }
  }
});
