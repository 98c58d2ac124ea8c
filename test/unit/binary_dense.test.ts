/**
 * The cpu binary kernel's plain loops (binary_dense.cpu.ts: same shape, one value, per-channel blocks,
 * values cycling along the last dims) give the values of a broadcasting reference written out here, bit
 * for bit, NaN and ±∞ included; operands that fit no pattern (a broadcast a, a strided b) take the generic
 * loops and agree too. Large float32 operands take the f32x4 kernels (elementwise.wasm.ts) and agree the same
 * way (with CONVLAB_CPU_KERNELS=js the same cases check the TypeScript loops).
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
  const v = Float32Array.from(cl.randn(shape, { seed }).dataSync()); // dataSync() is a copy: edit it, then wrap it
  const specials = [NaN, Infinity, -Infinity, 0, -0];
  for (let i = 0; i < Math.min(v.length, 5); i++) v[(i * 7) % v.length] = specials[i];
  return cl.tensor(v, shape);
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

  it("large float32 operands (the f32x4 kernels): same shape, one value, per-channel bias, odd sizes", () => {
    const cases: [number[], number[]][] = [
      [
        [32, 6, 28, 28],
        [32, 6, 28, 28],
      ],
      [[32, 6, 28, 28], []],
      [
        [32, 6, 28, 28],
        [6, 1, 1],
      ],
      [
        [3, 7, 41, 43],
        [7, 1, 1],
      ], // runs of 1,763 values: not multiples of 4
      [[16411], [16411]],
    ];
    for (const [i, [sa, sb]] of cases.entries()) {
      const a = withSpecials(sa, 100 + 2 * i),
        b = withSpecials(sb, 101 + 2 * i);
      const shape = [...cl.add(a, b).shape];
      for (const op of OPS) {
        const got = cl[op](a, b).dataSync();
        assert.deepEqual(got, reference(op, a, b, shape), `${op} ${JSON.stringify(sa)} ${JSON.stringify(sb)}`);
      }
    }
    const x = withSpecials([32, 6, 28, 29], 120),
      xv = x.dataSync(),
      r = cl.relu(x).dataSync();
    assert.ok(
      r.every((v, i) => Object.is(v, xv[i] > 0 ? xv[i] : xv[i] !== xv[i] ? NaN : 0)),
      "relu of a large float32 tensor",
    );
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
