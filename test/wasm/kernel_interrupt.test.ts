/**
 * A notebook interrupt during a long threaded conv on the wasm kernels (the kernel stops the cell with
 * terminateExecution while the main thread is inside a wasm kernel or waiting on a worker) leaves the
 * kernel usable: the next cells compute the same values as before the interrupt, on the thread pool.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KernelClient } from "../../kernel/runner/client";
import { ensureBuilt, resultOf, run, startKernel } from "../kernel/helpers";

describe(
  "notebook interrupt during a wasm conv",
  { skip: process.env.CONVLAB_CPU_KERNELS === "js" && "CONVLAB_CPU_KERNELS=js" },
  () => {
    let kc: KernelClient;
    before(async () => {
      ensureBuilt();
      kc = await startKernel();
    });
    after(async () => {
      await kc?.shutdown();
    });

    it("interrupts a loop of threaded convs and computes the same values afterwards", async () => {
      const setup = await run(
        kc,
        [
          'import * as cl from "convlab";',
          "const x = cl.randn([8, 32, 48, 48], { seed: 1 }), w = cl.randn([32, 32, 3, 3], { seed: 2 });",
          "const ref = cl.conv2d(x, w, { padding: 1 }).dataSync();",
          "cl.backendInfo().cpu.reason ?? cl.backendInfo().cpu.kernels",
        ].join("\n"),
      );
      assert.equal(resultOf(setup), "'wasm'", JSON.stringify(setup.reply.content));
      setTimeout(() => kc.interrupt(), 1500);
      const busy = await run(kc, "for (;;) cl.conv2d(x, w, { padding: 1 }).dataSync();");
      assert.equal(busy.reply.content.ename, "Interrupted");
      const again = await run(
        kc,
        [
          "const same = [0, 1, 2].every(() => { const y = cl.conv2d(x, w, { padding: 1 }).dataSync(); return y.every((v, i) => Object.is(v, ref[i])); });",
          "`${same} ${cl.backendInfo().cpu.workerShares > 0}`",
        ].join("\n"),
      );
      assert.equal(resultOf(again), "'true true'");
    });
  },
);
