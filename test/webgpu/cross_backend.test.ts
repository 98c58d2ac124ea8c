/**
 * Cross-backend properties: seeded random op chains conv → pool → relu → fft (→ a scalar loss) give the
 * same values and the same gradients (dL/dx, dL/dw, dL/db) on webgpu (float32) as on the cpu in float64.
 * Also: a tensor made on the cpu is uploaded on demand when a webgpu op meets it.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { assertClose } from "../helpers/allclose";
import { randInput, webgpuSuite } from "./gpu_harness";

interface Chain {
  x: number[];
  w: number[];
  b: number[];
  stride: number;
  padding: number;
  dilation: number;
  groups: number;
  pool: "max" | "avg";
  poolK: number;
}

function randomChain(rng: cl.Rng): Chain {
  const groups = 1 + rng.int(2),
    C = groups * (1 + rng.int(2)),
    O = groups * (1 + rng.int(3));
  const k = 1 + rng.int(3),
    H = 6 + rng.int(6),
    W = 6 + rng.int(7);
  return {
    x: [1 + rng.int(2), C, H, W],
    w: [O, C / groups, k, k],
    b: [O],
    stride: 1 + rng.int(2),
    padding: rng.int(2),
    dilation: 1 + rng.int(2),
    groups,
    pool: rng.int(2) ? "max" : "avg",
    poolK: 2,
  };
}

/** L = Σ |rfft(relu(pool(conv(x, w) + b)))|² + Σ relu(…)·sin(relu(…)): every kernel family on the path */
function loss(c: Chain) {
  return (x: cl.Tensor, w: cl.Tensor, b: cl.Tensor): cl.Tensor => {
    const y = cl.conv2d(x, w, {
      bias: b,
      stride: c.stride,
      padding: c.padding,
      dilation: c.dilation,
      groups: c.groups,
    });
    const p =
      c.pool === "max"
        ? cl.maxPool2d(y, { kernelSize: c.poolK, ceilMode: true })
        : cl.avgPool2d(y, { kernelSize: c.poolK, ceilMode: true });
    const r = cl.relu(p);
    const f = cl.rfft(r);
    return cl.add(cl.sum(cl.add(cl.mul(f.re, f.re), cl.mul(f.im, f.im))), cl.sum(cl.mul(r, cl.sin(r))));
  };
}

async function evaluate(
  backend: "cpu" | "webgpu",
  c: Chain,
  seed: number,
): Promise<{ value: number; grads: Float64Array[] }> {
  await cl.setBackend(backend);
  const dtype = backend === "cpu" ? "float64" : "float32";
  const args = [c.x, c.w, c.b].map((s, k) => cl.tensor(randInput(s, seed * 3 + k).data, s, { dtype }));
  const [value, grads] = cl.valueAndGrad(loss(c), { argnums: [0, 1, 2] })(...args);
  const gs = grads;
  return {
    value: await value.item(),
    grads: await Promise.all(gs.map(async (g) => Float64Array.from(await g.data()))),
  };
}

webgpuSuite("cross-backend op chains (values and gradients)", () => {
  it("8 random conv → pool → relu → rfft chains agree with the cpu in float64", async () => {
    const rng = new cl.Rng(2024);
    for (let s = 0; s < 8; s++) {
      const c = randomChain(rng);
      const want = await evaluate("cpu", c, s);
      const got = await evaluate("webgpu", c, s);
      const label = `chain ${s} ${JSON.stringify(c)}`;
      await assertClose(got.value, want.value, { rtol: 1e-4, atol: 1e-4, label: `${label} value` });
      for (let k = 0; k < 3; k++) {
        const scale = Math.max(1, ...Array.from(want.grads[k], Math.abs));
        await assertClose(got.grads[k], want.grads[k], {
          rtol: 1e-4,
          atol: 1e-5 * scale,
          label: `${label} grad ${"xwb"[k]}`,
        });
      }
    }
    await cl.setBackend("webgpu");
  });

  it("cpu tensors meeting a webgpu tensor are uploaded; results stay on webgpu; t.to() moves both ways", async () => {
    await cl.setBackend("cpu");
    const host = cl.tensor([
      [1, 2],
      [3, 4],
    ]);
    await cl.setBackend("webgpu");
    const dev = cl.tensor([10, 20]);
    const y = cl.add(host, dev);
    assert.equal(y.backend, "webgpu");
    assert.deepEqual(await y.toArray(), [
      [11, 22],
      [13, 24],
    ]);
    const back = await y.to("cpu");
    assert.equal(back.backend, "cpu");
    assert.deepEqual(Array.from(back.dataSync()), [11, 22, 13, 24]);
    const again = await back.to("webgpu");
    assert.equal(again.backend, "webgpu");
    assert.deepEqual(await again.toArray(), [
      [11, 22],
      [13, 24],
    ]);
  });
});
