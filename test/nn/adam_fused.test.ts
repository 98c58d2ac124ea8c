/**
 * Adam's fused cpu update (adam_fused.cpu.ts) gives the same bits as the composed ops it replaces
 * (adam.ts's update(), which the webgpu backend and float64 parameters run), step after step, with and
 * without weight decay; a parameter that is a strided view keeps the composed path.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import type { Tensor } from "../../src/core/tensor";

/** Adam without the fused path: every step through update() and assignInPlace. */
class ComposedAdam extends cl.optim.Adam {
  protected override updateInPlace(): boolean {
    return false;
  }
}

function params(seed: number): Tensor[] {
  return [[6, 1, 5, 5], [6], [10, 37]].map((shape, i) => {
    const p = cl.randn(shape, { seed: seed + i });
    p.requiresGrad = true;
    return p;
  });
}

function train(make: (ps: Tensor[]) => cl.optim.Adam, steps: number): Float32Array[] {
  const ps = params(3),
    opt = make(ps);
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    // a loss whose gradients change every step and reach all sizes of values
    const loss = ps.reduce(
      (acc, p, i) => cl.add(acc, cl.sum(cl.mul(cl.sin(cl.mul(p, 1.7 + 0.1 * s)), i + 1))),
      cl.tensor(0),
    );
    loss.backward();
    opt.step();
  }
  return ps.map((p) => p.dataSync() as Float32Array);
}

describe("Adam: the fused cpu update == the composed ops, bit for bit", () => {
  for (const [label, opts] of [
    ["defaults", { lr: 0.01 }],
    ["betas, eps, weight decay", { lr: 0.03, betas: [0.8, 0.99] as const, eps: 1e-6, weightDecay: 0.05 }],
  ] as const) {
    it(label, () => {
      const fused = train((ps) => new cl.optim.Adam(ps, opts), 25),
        composed = train((ps) => new ComposedAdam(ps, opts), 25);
      fused.forEach((f, i) => assert.deepEqual(f, composed[i], `parameter ${i}`));
      assert.notDeepEqual(fused[0], params(3)[0].dataSync(), "the parameters moved");
    });
  }
});
