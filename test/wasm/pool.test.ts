/**
 * The wasm thread pool: a share that throws on a worker or on the main thread surfaces as an error that
 * names the op and leaves the pool usable; a share no worker has started is taken back and run by the main
 * thread; cl.shutdown() ends every worker (a later call starts a fresh pool). The notebook interrupt during
 * a long conv is kernel_interrupt.test.ts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as os from "node:os";
import * as cl from "../../src/index";
import { wasmRuntime } from "../../src/backends/cpu/wasm/wasm_module";
import { freshArena } from "../../src/backends/cpu/wasm/wasm_heap";
import { liveWorkers, poolStats, runShares } from "../../src/backends/cpu/wasm/wasm_pool";
import { withThreads } from "./wasm_harness";

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";
const oneCore = os.availableParallelism() < 2;

describe("wasm thread pool", { skip: (jsOnly && "CONVLAB_CPU_KERNELS=js") || (oneCore && "one core: no pool") }, () => {
  const conv = () =>
    cl.conv2d(cl.randn([4, 16, 32, 32], { seed: 1 }), cl.randn([16, 16, 3, 3], { seed: 2 }), { padding: 1 }).dataSync();

  it("a share that traps on a worker is an error naming the op; the pool keeps working", async () => {
    const rt = wasmRuntime();
    if (!rt) return assert.fail("wasm kernels unavailable");
    const ref = await withThreads(2, conv);
    // padPlanes reading from just below 4 GiB: out of bounds of any memory
    const bad = { fn: "padPlanes" as const, args: [0xfffff000, 1 << 16, 0, 1, 1, 1, 1024, 1, 1, 1024, 0, 0, 0] };
    const ok = { fn: "padPlanes" as const, args: [1 << 16, 1 << 17, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0] };
    await withThreads(2, () => {
      assert.throws(() => runShares(rt, "conv2d", [ok, bad]), /^(?:\w+: )?conv2d: .*out of bounds/);
      assert.throws(() => runShares(rt, "maxPool2d", [bad, ok]), /maxPool2d: .*out of bounds/);
    });
    assert.deepEqual(await withThreads(2, conv), ref);
  });

  it("a posted share that no worker has started is taken back and run by the main thread", async () => {
    const rt = wasmRuntime();
    if (!rt) return assert.fail("wasm kernels unavailable");
    const W = 64,
      ar = freshArena(rt),
      src = ar.putF32(Float32Array.from({ length: 2 * W }, (_, i) => i + 1)),
      dst = ar.alloc(4 * 2 * W);
    // two one-row copies (padPlanes without padding): the main thread's share takes ~1 µs, far less than a
    // sleeping worker's wake-up, so the main thread reaches the worker's share first in most calls
    const copy = (q: number) => ({ fn: "padPlanes" as const, args: [src, dst, q, q + 1, 1, 1, W, 1, 1, W, 0, 0, 0] });
    const before = { ...poolStats };
    await withThreads(2, () => {
      for (let call = 0; call < 200; call++) {
        ar.f32(dst, 2 * W).fill(0);
        runShares(rt, "test copy", [copy(0), copy(1)]);
        assert.deepEqual(ar.f32(dst, 2 * W), ar.f32(src, 2 * W), `call ${call}`);
      }
    });
    assert.ok(poolStats.posted - before.posted >= 200, "expected every call to post its second share");
    assert.ok(poolStats.takenBack > before.takenBack, "expected the main thread to take back some shares");
    assert.equal(cl.backendInfo().cpu.takenBack, poolStats.takenBack);
  });

  it("cl.shutdown() ends every worker; the next parallel call starts a fresh pool", async () => {
    const ref = await withThreads(2, conv);
    assert.ok(liveWorkers() >= 1);
    await cl.shutdown();
    assert.equal(liveWorkers(), 0);
    assert.equal(cl.backendInfo().cpu.workers, 0);
    assert.deepEqual(await withThreads(2, conv), ref);
    await cl.shutdown();
  });
});
