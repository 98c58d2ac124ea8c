/**
 * Memory stays bounded on webgpu: a 1,000-step training loop (conv → relu → maxPool → linear → loss,
 * gradients, SGD update) inside tidy() keeps cl.memory() flat and GPU buffer allocation bounded once the
 * pool is warm; disposed tensors return their buffers to the pool.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { webgpuStats } from "../../src/backends/webgpu/webgpu_backend";
import { webgpuSuite } from "./gpu_harness";

webgpuSuite("memory on webgpu", () => {
  it("a 1,000-step training loop keeps cl.memory() flat", async () => {
    const x = cl.randn([4, 1, 8, 8], { seed: 1 });
    const target = cl.randn([4, 3], { seed: 2 });
    let w = cl.mul(cl.randn([2, 1, 3, 3], { seed: 3 }), 0.3);
    let v = cl.mul(cl.randn([18, 3], { seed: 4 }), 0.3);
    const loss = (wc: cl.Tensor, wl: cl.Tensor) => {
      const h = cl.maxPool2d(cl.relu(cl.conv2d(x, wc)), { kernelSize: 2 });
      const d = cl.sub(cl.matmul(cl.reshape(h, [4, 18]), wl), target);
      return cl.mean(cl.mul(d, d));
    };
    const step = () =>
      cl.tidy(() => {
        const [, g] = cl.valueAndGrad(loss, { argnums: [0, 1] })(w, v);
        const [gw, gv] = g;
        const nw = cl.sub(w, cl.mul(gw, 0.05)),
          nv = cl.sub(v, cl.mul(gv, 0.05));
        w.dispose();
        v.dispose();
        w = nw;
        v = nv;
        return [nw, nv];
      });
    const first = await loss(w, v).item();
    for (let i = 0; i < 20; i++) step();
    await w.data();
    const before = cl.memory(),
      pooled = webgpuStats().pooledBytes;
    for (let i = 0; i < 1000; i++) {
      step();
      if (i % 100 === 99) await w.data(); // a readback now and then, as a notebook would print the loss
    }
    await w.data();
    const after = cl.memory();
    // ≤ rather than =: garbage from before the loop may be collected (FinalizationRegistry) meanwhile
    assert.ok(
      after.tensors.webgpu <= before.tensors.webgpu,
      `live tensors grew: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    );
    assert.ok(
      after.bytes.webgpu <= before.bytes.webgpu,
      `live bytes grew: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    );
    // the pool may still settle by a few small buffers (size classes, releases pending until a submit),
    // but 1,000 steps must not add more than a fraction of the warm pool
    const grown = webgpuStats().pooledBytes - pooled;
    assert.ok(grown <= pooled / 4, `the GPU buffer pool grew by ${grown} bytes after warm-up (${pooled} bytes)`);
    const last = await loss(w, v).item();
    assert.ok(last < first, `training should lower the loss: ${first} → ${last}`);
  });

  it("a read started before dispose() sees the values it was asked for, even after 200 more kernels reuse buffers", async () => {
    const x = cl.arange(0, 1024);
    const y = cl.mul(x, 2);
    const pending = y.data();
    y.dispose();
    // more dispatches than one batch: submits happen and released buffers are handed out again
    let z = cl.zeros([1024]);
    for (let k = 0; k < 200; k++) {
      const next = cl.add(z, 1);
      z.dispose();
      z = next;
    }
    const [got, zs] = await Promise.all([pending, z.data()]);
    assert.deepEqual(Array.from(got.slice(0, 4)), [0, 2, 4, 6]);
    assert.equal(got[1023], 2046);
    assert.equal(zs[5], 200);
  });

  it("dispose() returns the buffer: the next tensor of that size reuses it", async () => {
    const a = cl.randn([1000], { seed: 1 });
    await a.data();
    let warm = 0;
    for (let i = 0; i < 50; i++) {
      const t = cl.tidy(() => cl.exp(cl.add(a, i)));
      await t.data();
      t.dispose();
      if (i === 4) warm = webgpuStats().pooledBytes;
    }
    assert.equal(webgpuStats().pooledBytes, warm, "50 alloc/dispose rounds must reuse the same buffers");
  });
});
