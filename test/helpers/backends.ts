/**
 * Tests are written once and run on every backend: `describeBackends("conv2d", (b) => { it(...) })`.
 * A backend that cannot start here is reported as a visible skip with its reason, never silently dropped.
 * CONVLAB_TEST_BACKENDS=cpu,webgpu restricts the set (scripts/test.sh runs both).
 */
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

let webgpuReason: string | null | undefined;
async function webgpuAvailable(): Promise<string | null> {
  if (webgpuReason === undefined) {
    try {
      await cl.setBackend("webgpu");
      webgpuReason = null;
    } catch (e) {
      webgpuReason = e instanceof Error ? e.message : String(e);
    }
    await cl.setBackend("cpu");
  }
  return webgpuReason;
}

export function describeBackends(title: string, body: (ctx: BackendCtx) => void): void {
  for (const name of ["cpu", "webgpu"] as const) {
    if (!wanted.includes(name)) continue;
    const ctx: BackendCtx = { name, rtol: 1e-4, atol: 1e-5 };
    describe(`${title} [${name}]`, () => {
      before(async () => {
        if (name === "webgpu") {
          const reason = await webgpuAvailable();
          if (reason !== null) throw new Error(`webgpu backend unavailable: ${reason}`);
        }
        await cl.setBackend(name);
      });
      body(ctx);
    });
  }
}
