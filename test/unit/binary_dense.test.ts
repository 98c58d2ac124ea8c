/**
 * The cpu binary kernel's plain loops (binary_dense.cpu.ts: same shape, one value, per-channel blocks,
 * values cycling along the last dims) give the values of a broadcasting reference written out here, bit
 * for bit, NaN and ±∞ included; operands that fit no pattern (a broadcast a, a strided b) take the generic
 * loops and agree too.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";

const OPS = ["add", "sub", "mul", "div", "gt"] as const;

/** a op b with NumPy broadcasting, each value as float64 arithmetic stored to float32. */
function reference(op: (typeof OPS)[number], a: cl.Tensor, b: cl.Tensor, shape: number[]): Float32Array {
  const out = new Float32Array(shape.reduce((p, d) => p * d, 1));
  const A = a.dataSync(),
    B = b.dataSync();
  const at = (t: cl.Tensor, idx: number[]) => {
    const off = shape.length - t.shape.length;
    return t.shape.reduce((f, d, i) => f * d + (d === 1 ? 0 : idx[off + i]), 0);
  };
  for (let k = 0; k < out.length; k++) {
    const idx: number[] = [];
    for (let r = shape.length - 1, q = k; r >= 0; r--) {
      idx.unshift(q % shape[r]);
      q = Math.floor(q / shape[r]);
    }
    const x = A[at(a, idx)],
      y = B[at(b, idx)];
    out[k] = op === "add" ? x + y : op === "sub" ? x - y : op === "mul" ? x * y : op === "div" ? x / y : +(x > y);
  }
  return out;
}

function withSpecials(shape: number[], seed: number): cl.Tensor {
  const t = cl.randn(shape, { seed });
  const v = t.dataSync();
  const specials = [NaN, Infinity, -Infinity, 0, -0];
  for (let i = 0; i < Math.min(v.length, 5); i++) v[(i * 7) % v.length] = specials[i];
  return t;
}

describe("cpu binary kernel: plain loops == broadcasting reference", () => {
  it("same shape, one value, per-channel blocks, cycling rows, and the generic fallbacks", () => {
    const cases: [number[], number[]][] = [
      [
        [32, 6, 7, 7],
        [32, 6, 7, 7],
      ],
      [[32, 6, 7, 7], []],
      [[32, 6, 7, 7], [1]],
      [
        [32, 6, 7, 7],
        [6, 1, 1],
      ],
      [
        [4, 6, 5, 3],
        [1, 6, 1, 1],
      ],
      [[4, 6, 5, 3], [3]],
      [
        [4, 6, 5, 3],
        [5, 3],
      ],
      [[32, 84], [84]],
      [
        [32, 10],
        [32, 1],
      ],
      [
        [4, 6, 5, 3],
        [6, 1, 3],
      ],
      [
        [6, 1, 1],
        [4, 6, 5, 3],
      ],
      [[], []],
    ];
    for (const [i, [sa, sb]] of cases.entries()) {
      const a = withSpecials(sa, 2 * i),
        b = withSpecials(sb, 2 * i + 1);
      const shape = [...cl.add(a, b).shape];
      for (const op of OPS) {
        const got = cl[op](a, b).dataSync();
        assert.deepEqual(got, reference(op, a, b, shape), `${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
      }
    }
    // a strided (transposed) operand takes the generic loops
    const a = withSpecials([8, 9], 50),
      b = cl.transpose(withSpecials([9, 8], 51), [1, 0]);
    for (const op of OPS) {
      assert.deepEqual(cl[op](a, b).dataSync(), reference(op, a, cl.mul(b, 1), [8, 9]), `${op} strided`);
    }
  });

  it("relu: 0 for negatives, −0 and −∞, NaN kept", () => {
    const x = cl.tensor([-2, -0, 0, 3, NaN, Infinity, -Infinity, 1e-40]);
    const got = [...cl.relu(x).dataSync()];
    assert.deepEqual(got, [0, 0, 0, 3, NaN, Infinity, 0, Math.fround(1e-40)]);
    assert.ok(
      got.slice(0, 3).every((v) => Object.is(v, 0)),
      "relu(−2), relu(−0) are +0",
    );
  });
});
