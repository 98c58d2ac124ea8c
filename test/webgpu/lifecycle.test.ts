/**
 * Device lifecycle: backendInfo() describes the adapter; scripts exit on their own (no hang from Dawn);
 * shutdown() releases the device and a later setBackend("webgpu") starts a fresh one; a lost device is
 * announced and the cpu backend takes over.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as cl from "../../src/index";
import { shutdown } from "../../src/backends/select";
import { gpuRuntime } from "../../src/backends/webgpu/gpu_tensor";
import { webgpuSuite } from "./gpu_harness";

const ROOT = path.join(__dirname, "..", "..");

/** Runs a TypeScript snippet (with `cl` bound to the library) in a fresh node process. */
function runScript(code: string): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "convlab-exit-"));
  const file = path.join(dir, "script.ts");
  fs.writeFileSync(file, `import * as cl from ${JSON.stringify(path.join(ROOT, "src", "index"))};\n${code}\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, out: `${r.stdout}${r.stderr}${r.error ? String(r.error) : ""}` };
}

webgpuSuite("webgpu device lifecycle", () => {
  it("backendInfo() names the adapter, its driver and limits", () => {
    const info = cl.backendInfo();
    assert.equal(info.current, "webgpu");
    assert.equal(info.webgpu, true);
    assert.equal(info.reason, null);
    assert.ok(info.adapter && typeof info.adapter.name === "string" && typeof info.adapter.driver === "string");
    const limits = info.adapter.limits as Record<string, number>;
    assert.ok(limits.maxStorageBufferBindingSize >= 128 * 1024 * 1024);
    assert.ok(limits.maxComputeWorkgroupsPerDimension >= 65535);
  });

  it("a script that used webgpu exits by itself, without shutdown()", () => {
    const r = runScript(
      `(async () => { await cl.setBackend("webgpu"); console.log(await cl.sum(cl.conv2d(cl.ones([1, 1, 5, 5]), cl.ones([1, 1, 3, 3]))).item()); })();`,
    );
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /^81$/m);
  });

  it("a buffer larger than maxStorageBufferBindingSize is a clear error", () => {
    const max = gpuRuntime().dev.limits.maxStorageBufferBindingSize;
    assert.throws(() => cl.zeros([max / 4 + 1]), /at most \d+ bytes .*maxStorageBufferBindingSize/);
  });

  it("shutdown() releases the device; setBackend('webgpu') starts a new one", async () => {
    const a = cl.tensor([1, 2, 3]);
    await shutdown();
    assert.equal(cl.getBackend(), "cpu");
    assert.equal(cl.backendInfo().webgpu, false);
    assert.throws(() => cl.add(a, 1), /WebGPU backend/);
    await cl.setBackend("webgpu");
    assert.deepEqual(await cl.tensor([1, 2]).mul(3).toArray(), [3, 6]);
  });

  it("a lost device is announced and the cpu backend takes over", async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      gpuRuntime().dev.device.destroy(); // as a driver reset would
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      console.warn = warn;
    }
    assert.equal(cl.getBackend(), "cpu");
    assert.match(warnings.join("\n"), /WebGPU device was lost .*falling back to the cpu backend/);
    assert.match(cl.backendInfo().reason ?? "", /lost/);
    assert.deepEqual(await cl.tensor([1, 2]).add(1).toArray(), [2, 3]);
    await cl.setBackend("webgpu");
    assert.deepEqual(await cl.tensor([4]).add(1).toArray(), [5]);
  });
});
