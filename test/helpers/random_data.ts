/** Seeded test data: the same seed gives the same inputs for convlab and the oracle. */
import * as cl from "../../src/index";
import { arr, type OracleArray } from "./oracle";

export function randData(shape: readonly number[], seed: number, scale = 1): Float64Array {
  const rng = new cl.Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal() * scale;
  return out;
}

/** float32-rounded values, so convlab (float32) and the oracle (float64) see identical inputs */
export function randF32(shape: readonly number[], seed: number, scale = 1): Float64Array {
  return Float64Array.from(Float32Array.from(randData(shape, seed, scale)));
}

/** A tensor on the current backend and the matching oracle array. */
export function pair(shape: readonly number[], seed: number, scale = 1): { t: cl.Tensor; o: OracleArray } {
  const d = randF32(shape, seed, scale);
  return { t: cl.tensor(Float32Array.from(d), shape), o: arr(d, shape) };
}
