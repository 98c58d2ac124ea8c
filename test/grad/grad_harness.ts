/**
 * Shared driver of the gradient oracle tests: each case names a forward function known to
 * test/oracle/oracle_ops/grad_ops.py, its inputs (seeded, float32-rounded so both sides see the same
 * values) and which inputs to differentiate. convlab computes vjp(run) with a seeded random cotangent on
 * the current backend; PyTorch computes the same vector–Jacobian product with torch.autograd in float64.
 */
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { assertClose } from "../helpers/allclose";
import { arr, runOracle, type OracleArray } from "../helpers/oracle";
import { randF32 } from "../helpers/random_data";

export interface InputSpec {
  shape: number[];
  /** values (default: seeded normals) */
  data?: ArrayLike<number>;
  scale?: number;
}

export interface GradCase {
  label: string;
  fn: string;
  fa?: Record<string, unknown>;
  inputs: Record<string, InputSpec>;
  wrt: string[];
  run: (t: Record<string, cl.Tensor>) => cl.Tensor;
  /** tolerance multiplier over the backend's default (float32 accumulations in long sums) */
  tol?: number;
}

let seedCounter = 1000;

/** positive values in [0.5, 2.5) (log, sqrt, pow bases) */
export function positive(shape: number[], seed = seedCounter++): InputSpec {
  return { shape, data: randF32(shape, seed).map((v) => Math.fround(0.5 + (Math.abs(v) % 2))) };
}

/** a random permutation of distinct values (max/min/sort without ties) */
export function distinct(shape: number[], seed = seedCounter++): InputSpec {
  const n = shape.reduce((a, b) => a * b, 1);
  const p = new cl.Rng(seed).permutation(n);
  return { shape, data: Array.from(p, (v) => (v - n / 2) / 4) };
}

export function gauss(shape: number[], scale = 1): InputSpec {
  return { shape, scale };
}

export async function checkGradCases(cases: readonly GradCase[], ctx: { rtol: number; atol: number }): Promise<void> {
  const prepared = cases.map((c) => {
    const names = Object.keys(c.inputs);
    const data: Record<string, Float64Array> = {};
    for (const k of names) {
      const s = c.inputs[k];
      data[k] = s.data ? Float64Array.from(s.data) : randF32(s.shape, seedCounter++, s.scale ?? 1);
    }
    const tensors: Record<string, cl.Tensor> = {};
    for (const k of names) tensors[k] = cl.tensor(Float32Array.from(data[k]), c.inputs[k].shape);
    const wrtIdx = c.wrt.map((k) => names.indexOf(k));
    const [y, back] = cl.vjp(
      (...ts: cl.Tensor[]) => {
        const m: Record<string, cl.Tensor> = { ...tensors };
        wrtIdx.forEach((idx, j) => {
          m[names[idx]] = ts[j];
        });
        return c.run(m);
      },
      ...c.wrt.map((k) => tensors[k]),
    );
    const dy = randF32(y.shape, seedCounter++);
    const inputs: Record<string, OracleArray> = { dy: arr(dy, y.shape) };
    for (const k of names) inputs[k] = arr(data[k], c.inputs[k].shape);
    return { c, y, back, dy, oracle: { op: "grad", inputs, attrs: { fn: c.fn, fa: c.fa ?? {}, wrt: c.wrt } } };
  });
  const results = runOracle(prepared.map((p) => p.oracle));
  for (let i = 0; i < prepared.length; i++) {
    const { c, y, back, dy } = prepared[i];
    const r = results[i];
    if ("error" in r) assert.fail(`${c.label}: oracle error ${r.error}`);
    const tol = c.tol ?? 1;
    const opts = { rtol: ctx.rtol * 10 * tol, atol: ctx.atol * 10 * tol };
    await assertClose(y, r.outputs[0].data, { ...opts, shape: r.outputs[0].shape, label: `${c.label} (forward)` });
    const gs = back(cl.tensor(Float32Array.from(dy), y.shape));
    for (let j = 0; j < c.wrt.length; j++) {
      await assertClose(gs[j], r.outputs[j + 1].data, {
        ...opts,
        shape: r.outputs[j + 1].shape,
        label: `${c.label} d/d${c.wrt[j]}`,
      });
    }
  }
}
