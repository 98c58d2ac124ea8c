/**
 * setBackend("auto") does not prefer a software WebGPU adapter (lavapipe here) over the WebAssembly cpu
 * kernels, and cl.backendInfo().auto says what it chose and why; "webgpu" still takes the adapter.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";

it("auto: a software adapter is not preferred over the wasm cpu kernels; backendInfo says why", async (t) => {
  const chosen = await cl.setBackend("auto");
  const info = cl.backendInfo();
  assert.ok(info.auto, 'expected backendInfo().auto after setBackend("auto")');
  assert.equal(info.auto.chosen, chosen);
  if (!info.webgpu) {
    assert.equal(chosen, "cpu");
    assert.match(info.auto.why, /WebGPU unavailable/);
    t.diagnostic(`no WebGPU here: ${info.auto.why}`);
  } else if (info.adapter?.software === true && info.cpu.kernels === "wasm") {
    assert.equal(chosen, "cpu");
    assert.match(info.auto.why, /software/);
    assert.equal(await cl.setBackend("webgpu"), "webgpu", "an explicit webgpu still takes the software adapter");
  } else {
    assert.equal(chosen, "webgpu");
  }
  await cl.setBackend("cpu");
  await cl.shutdown();
});
