/**
 * Prints why the webgpu backend cannot start here, or nothing when it can. scripts/test.sh runs it once and
 * passes the answer to every test file (CONVLAB_WEBGPU_UNAVAILABLE); a file run alone runs it itself
 * (test/helpers/backends.ts), so that a machine without WebGPU skips the webgpu suites visibly, with this reason.
 */
import * as cl from "../../src/index";

cl.setBackend("webgpu").then(
  async () => {
    await cl.shutdown();
    process.exit(0);
  },
  (e: unknown) => {
    process.stdout.write((e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").trim() || "unknown reason");
    process.exit(0);
  },
);
