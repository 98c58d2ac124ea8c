/**
 * Seeded PyTorch-style default initialisation. Conv and Linear weights: kaiming_uniform_(a = √5), i.e.
 * U(−b, b) with b = gain·√(3/fan_in), gain = √(2/(1+a²)) = √(1/3), so b = 1/√fan_in; biases: U(−1/√fan_in,
 * 1/√fan_in). fan_in = (in_channels/groups)·Πk for a conv, in_features for a Linear.
 * Values are generated on the host by cl.Rng, so a seed gives the same model on every backend.
 */
import { fromHost } from "../core/dispatch";
import { nextDefaultSeed, Rng } from "../core/random";
import { sizeOf } from "../core/shape";
import type { Tensor } from "../core/tensor";

/** A parameter: float32, requiresGrad, values from fill(rng). */
export function parameter(shape: readonly number[], fill: (rng: Rng) => number, rng: Rng): Tensor {
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = fill(rng);
  const t = fromHost(data, shape, "float32");
  t.requiresGrad = true;
  return t;
}

export function uniformParameter(shape: readonly number[], bound: number, rng: Rng): Tensor {
  return parameter(shape, (r) => (2 * r.uniform() - 1) * bound, rng);
}

export function constantParameter(shape: readonly number[], value: number): Tensor {
  return parameter(shape, () => value, new Rng(0));
}

/** The Rng of one module: its own seed, or the next one of cl.manualSeed's sequence. */
export function moduleRng(seed: number | undefined): Rng {
  return new Rng(seed ?? nextDefaultSeed());
}
