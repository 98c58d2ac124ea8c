/**
 * Tests are written once and run on every backend: `describeBackends("conv2d", (b) => { it(...) })`.
 * A backend that cannot start here is reported as a visible skip with its reason, never silently dropped.
 * CONVLAB_TEST_BACKENDS=cpu,webgpu restricts the set (scripts/test.sh runs both).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, before } from "node:test";
import * as cl from "../../src/index";

export type TestBackend = "cpu" | "webgpu";

export interface BackendCtx {
  name: TestBackend;
  /** relative / absolute tolerances suited to the backend's float32 arithmetic */
  rtol: number;
  atol: number;
}

const wanted = (process.env.CONVLAB_TEST_BACKENDS ?? "cpu,webgpu").split(",").map((s) => s.trim());

let unavailable: string | null | undefined;

/**
 * Why the webgpu backend cannot start here (null: it can). Known before any suite is declared, so that the
 * suite is skipped with its reason: from scripts/test.sh (CONVLAB_WEBGPU_UNAVAILABLE, probed once per run),
 * else probed in a child process (test/helpers/webgpu_probe.ts), once per test file.
 */
export function webgpuUnavailable(): string | null {
  if (unavailable !== undefined) return unavailable;
  const given = process.env.CONVLAB_WEBGPU_UNAVAILABLE;
  if (given !== undefined) return (unavailable = given.trim() || null);
  const probe = spawnSync(process.execPath, ["--import", "tsx", join(__dirname, "webgpu_probe.ts")], {
    encoding: "utf8",
    timeout: 120_000,
  });
  if (probe.status !== 0)
    return (unavailable = `the probe failed (${probe.error?.message ?? `exit ${probe.status}`}): ${probe.stderr.trim().slice(-300)}`);
  return (unavailable = probe.stdout.trim() || null);
}

/** false when the suite runs, else the reason it is skipped (a visible skip in the report). */
export function backendSkip(name: TestBackend): string | false {
  if (!wanted.includes(name)) return `CONVLAB_TEST_BACKENDS excludes ${name}`;
  const reason = name === "webgpu" ? webgpuUnavailable() : null;
  return reason === null ? false : `webgpu backend unavailable here: ${reason}`;
}

export function describeBackends(title: string, body: (ctx: BackendCtx) => void): void {
  for (const name of ["cpu", "webgpu"] as const) {
    if (!wanted.includes(name)) continue;
    const ctx: BackendCtx = { name, rtol: 1e-4, atol: 1e-5 };
    describe(`${title} [${name}]`, { skip: backendSkip(name) }, () => {
      before(async () => {
        await cl.setBackend(name);
      });
      body(ctx);
    });
  }
}
