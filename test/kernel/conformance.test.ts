/**
 * Debian's jupyter_kernel_test (KernelTests) against the kernel, launched through a kernelspec
 * installed by `convlab install` into a temporary JUPYTER_DATA_DIR.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { ensureBuilt, PYTHON, ROOT, tempDir } from "./helpers";

it("passes jupyter_kernel_test", () => {
  ensureBuilt();
  const data = tempDir("convlab-jdata-");
  const nb = tempDir("convlab-nb-");
  const env = {
    ...process.env,
    JUPYTER_DATA_DIR: data,
    JUPYTER_PATH: "",
    PYTHONUSERBASE: data,
    CONVLAB_FROM_SOURCE: "1",
  };
  try {
    const inst = spawnSync(process.execPath, [join(ROOT, "bin", "convlab.js"), "install", "--user", "--from-source"], {
      env,
      encoding: "utf8",
    });
    assert.equal(inst.status, 0, inst.stderr);
    // The suite starts the kernel in its working directory: a folder outside the repository.
    const r = spawnSync(PYTHON, ["-m", "unittest", "-v", "conformance"], {
      cwd: nb,
      env: { ...env, PYTHONPATH: join(ROOT, "test", "kernel") },
      encoding: "utf8",
      timeout: 150_000,
    });
    const report = r.stderr
      .split("\n")
      .filter((l) => /\.\.\. |^Ran |^OK|^FAILED|Error|assert/i.test(l))
      .join("\n");
    assert.equal(r.status, 0, `jupyter_kernel_test failed:\n${r.stderr.slice(-4000)}`);
    assert.match(r.stderr, /^OK/m, report);
    // Only the pager test may skip: the kernel has no help pages (execute_reply payloads).
    const skipped = r.stderr.split("\n").filter((l) => /\.\.\. skipped/.test(l));
    assert.deepEqual(
      skipped.map((l) => l.split(" ")[0]),
      ["test_pager"],
      report,
    );
    assert.match(r.stderr, /^Ran 12 tests/m, report);
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(nb, { recursive: true, force: true });
  }
});
