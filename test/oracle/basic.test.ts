/** Elementwise, reduction, matmul, pad and view ops against PyTorch (float64), on every backend. */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { runOracle, type OracleCase } from "../helpers/oracle";
import { pair } from "../helpers/random_data";

interface Built {
  case: OracleCase;
  run: () => cl.Tensor;
  label: string;
}

function buildCases(): Built[] {
  const out: Built[] = [];
  let seed = 100;
  const unary = [
    "neg",
    "exp",
    "abs",
    "relu",
    "sigmoid",
    "tanh",
    "sign",
    "square",
    "sin",
    "cos",
    "floor",
    "ceil",
    "expm1",
  ] as const;
  for (const op of unary) {
    const x = pair([3, 5, 4], seed++, 2);
    out.push({
      label: op,
      case: { op: "unary", inputs: { x: x.o }, attrs: { op } },
      run: () => (cl[op] as (v: cl.Tensor) => cl.Tensor)(x.t),
    });
  }
  for (const op of ["log", "sqrt", "reciprocal", "log1p"] as const) {
    const x = pair([7, 3], seed++);
    const pos = x.t.abs().add(0.5);
    const po = { ...x.o, data: x.o.data.map((v) => Math.fround(Math.abs(v) + 0.5)) };
    out.push({
      label: op,
      case: { op: "unary", inputs: { x: po }, attrs: { op } },
      run: () => (cl[op] as (v: cl.Tensor) => cl.Tensor)(pos),
    });
  }
  const shapes: [number[], number[]][] = [
    [
      [4, 3],
      [4, 3],
    ],
    [
      [2, 1, 5],
      [3, 1],
    ],
    [[6], [2, 6]],
    [[], [3, 2]],
  ];
  for (const op of ["add", "sub", "mul", "div", "maximum", "minimum", "atan2"] as const) {
    for (const [sa, sb] of shapes) {
      const a = pair(sa, seed++),
        b = pair(sb, seed++);
      out.push({
        label: `${op} ${sa}|${sb}`,
        case: { op: "binary", inputs: { a: a.o, b: b.o }, attrs: { op } },
        run: () => cl[op](a.t, b.t),
      });
    }
  }
  for (const red of ["sum", "mean", "max", "min", "prod"] as const) {
    for (const dim of [undefined, 0, [1, 2], -1]) {
      for (const keepDim of [false, true]) {
        const x = pair([3, 4, 5], seed++);
        out.push({
          label: `${red} dim=${dim} keep=${keepDim}`,
          case: { op: "reduce", inputs: { x: x.o }, attrs: { op: red, dim: dim ?? null, keepDim } },
          run: () => cl[red](x.t, { dim, keepDim }),
        });
      }
    }
  }
  for (const dim of [0, 1, -1]) {
    for (const log of [false, true]) {
      const x = pair([4, 6], seed++, 5);
      out.push({
        label: `softmax log=${log} dim=${dim}`,
        case: { op: "softmax", inputs: { x: x.o }, attrs: { dim, log } },
        run: () => (log ? cl.logSoftmax : cl.softmax)(x.t, dim),
      });
    }
  }
  // softplus: wide values reach both tails and the threshold (β·x > threshold returns x)
  for (const attrs of [{}, { beta: 2, threshold: 5 }, { beta: 0.5 }] as const) {
    const x = pair([5, 8], seed++, 30);
    out.push({
      label: `softplus ${JSON.stringify(attrs)}`,
      case: { op: "softplus", inputs: { x: x.o }, attrs },
      run: () => cl.softplus(x.t, attrs),
    });
  }
  const mm: [number[], number[]][] = [
    [
      [5, 7],
      [7, 3],
    ],
    [[7], [7, 4]],
    [[3, 7], [7]],
    [
      [2, 5, 7],
      [7, 6],
    ],
    [
      [2, 1, 4, 3],
      [5, 3, 2],
    ],
    [
      [33, 65],
      [65, 17],
    ],
  ];
  for (const [sa, sb] of mm) {
    const a = pair(sa, seed++),
      b = pair(sb, seed++);
    out.push({
      label: `matmul ${sa}@${sb}`,
      case: { op: "matmul", inputs: { a: a.o, b: b.o } },
      run: () => cl.matmul(a.t, b.t),
    });
  }
  for (const mode of ["constant", "reflect", "replicate", "circular"] as const) {
    for (const pads of [
      [[1, 2]],
      [
        [2, 1],
        [0, 3],
      ],
      [
        [1, 1],
        [2, 2],
        [1, 0],
      ],
    ] as [number, number][][]) {
      const x = pair([2, 4, 5, 6].slice(4 - Math.max(pads.length + 1, 2)), seed++);
      out.push({
        label: `pad ${mode} ${JSON.stringify(pads)}`,
        case: { op: "pad", inputs: { x: x.o }, attrs: { pads, mode, value: 0.5 } },
        run: () => cl.pad(x.t, pads, { mode, value: mode === "constant" ? 0.5 : 0 }),
      });
    }
  }
  return out;
}

describeBackends("basic ops vs PyTorch", (ctx) => {
  it("matches the oracle on every case", async () => {
    const built = buildCases();
    const results = runOracle(built.map((b) => b.case));
    assert.ok(built.length > 100, `expected > 100 cases, got ${built.length}`);
    for (let i = 0; i < built.length; i++) {
      const r = results[i];
      if ("error" in r) assert.fail(`${built[i].label}: oracle error ${r.error}`);
      const y = built[i].run();
      await assertClose(y, r.outputs[0].data, {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 10,
        shape: r.outputs[0].shape,
        label: built[i].label,
      });
    }
  });
});
