/**
 * A busy kernel killed from outside takes its execution process with it: jupyter_client's
 * shutdown_kernel(now=True) on a `while (true) {}` cell (the execution process runs in its own process group,
 * so killing the kernel's does not reach it; it notices the kernel is gone and exits itself).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { ensureBuilt, PYTHON, ROOT, tempDir } from "./helpers";

it("the execution process exits when a busy kernel is shut down with now=True", () => {
  ensureBuilt();
  const data = tempDir("convlab-jdata-"),
    nb = tempDir("convlab-nb-");
  const env = { ...process.env, JUPYTER_DATA_DIR: data, JUPYTER_PATH: "", CONVLAB_FROM_SOURCE: "1" };
  try {
    const inst = spawnSync(process.execPath, [join(ROOT, "bin", "convlab.js"), "install", "--user", "--from-source"], {
      env,
      encoding: "utf8",
    });
    assert.equal(inst.status, 0, inst.stderr);
    const r = spawnSync(PYTHON, [join(__dirname, "busy_shutdown.py"), nb], { env, encoding: "utf8", timeout: 180_000 });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as {
      exec_pid: number;
      busy_before: boolean;
      alive_after: boolean;
    };
    assert.ok(report.exec_pid > 0 && report.busy_before, r.stdout);
    assert.equal(
      report.alive_after,
      false,
      `execution process ${report.exec_pid} still running after shutdown_kernel(now=True)`,
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
    rmSync(nb, { recursive: true, force: true });
  }
});
