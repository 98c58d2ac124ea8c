/** Gradients of the elementwise, reduction, matmul and shape ops against torch.autograd. */
import { it } from "node:test";
import * as cl from "../../src/index";
import { run1 } from "../../src/core/dispatch";
import { describeBackends } from "../helpers/backends";
import { checkGradCases, distinct, gauss, positive, type GradCase } from "./grad_harness";

type Un = (x: cl.Tensor) => cl.Tensor;
type Bin = (a: cl.Tensor, b: cl.Tensor) => cl.Tensor;

function elementwiseCases(): GradCase[] {
  const out: GradCase[] = [];
  for (const op of [
    "neg",
    "exp",
    "abs",
    "relu",
    "sigmoid",
    "tanh",
    "square",
    "sin",
    "cos",
    "expm1",
    "sign",
    "floor",
  ] as const) {
    out.push({
      label: op,
      fn: "unary",
      fa: { op },
      inputs: { x: gauss([3, 4]) },
      wrt: ["x"],
      run: (t) => (cl[op] as Un)(t.x),
    });
  }
  for (const op of ["log", "sqrt", "reciprocal", "log1p"] as const) {
    out.push({
      label: op,
      fn: "unary",
      fa: { op },
      inputs: { x: positive([5, 2]) },
      wrt: ["x"],
      run: (t) => (cl[op] as Un)(t.x),
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
    [[3, 1], []],
  ];
  for (const op of ["add", "sub", "mul", "div", "maximum", "minimum", "atan2"] as const) {
    for (const [sa, sb] of shapes) {
      out.push({
        label: `${op} ${sa}|${sb}`,
        fn: "binary",
        fa: { op },
        inputs: { a: gauss(sa), b: gauss(sb) },
        wrt: ["a", "b"],
        run: (t) => (cl[op] as Bin)(t.a, t.b),
      });
    }
  }
  // ties: maximum/minimum split the gradient evenly (PyTorch 1.13)
  for (const op of ["maximum", "minimum"] as const) {
    out.push({
      label: `${op} ties`,
      fn: "binary",
      fa: { op },
      inputs: { a: { shape: [4], data: [1, 2, 3, 4] }, b: { shape: [4], data: [1, 0, 3, 5] } },
      wrt: ["a", "b"],
      run: (t) => (cl[op] as Bin)(t.a, t.b),
    });
  }
  out.push({
    label: "pow",
    fn: "binary",
    fa: { op: "pow" },
    inputs: { a: positive([3, 4]), b: gauss([4]) },
    wrt: ["a", "b"],
    run: (t) => cl.pow(t.a, t.b),
  });
  out.push({
    label: "where",
    fn: "where",
    inputs: { cond: { shape: [3, 1], data: [1, 0, 1] }, a: gauss([3, 4]), b: gauss([4]) },
    wrt: ["a", "b"],
    run: (t) => cl.where(t.cond, t.a, t.b),
  });
  // softplus: its gradient is sigmoid(β·x), ½ at x = 0 exactly, 1 above the threshold
  for (const fa of [{}, { beta: 2, threshold: 3 }] as const) {
    out.push({
      label: `softplus ${JSON.stringify(fa)}`,
      fn: "softplus",
      fa,
      inputs: { x: { shape: [2, 4], data: [-3, -0.5, 0, 0, 0.25, 1, 2.5, 4] } },
      wrt: ["x"],
      run: (t) => cl.softplus(t.x, fa),
    });
  }
  return out;
}

function reductionCases(): GradCase[] {
  const out: GradCase[] = [];
  for (const op of ["sum", "mean", "max", "min", "prod"] as const) {
    for (const dim of [undefined, 0, [1, 2], -1]) {
      for (const keepDim of [false, true]) {
        const x = op === "max" || op === "min" ? distinct([3, 4, 2]) : gauss([3, 4, 2]);
        out.push({
          label: `${op} dim=${dim} keep=${keepDim}`,
          fn: "reduce",
          fa: { op, dim: dim ?? null, keepDim },
          inputs: { x },
          wrt: ["x"],
          run: (t) => cl[op](t.x, { dim, keepDim }),
        });
      }
    }
  }
  // ties share the gradient evenly, as torch.amax/amin do
  for (const op of ["max", "min"] as const) {
    out.push({
      label: `${op} ties`,
      fn: "reduce",
      fa: { op, dim: 1, keepDim: false },
      inputs: { x: { shape: [2, 4], data: [3, 1, 3, 3, -2, -2, 0, -2] } },
      wrt: ["x"],
      run: (t) => cl[op](t.x, { dim: 1 }),
    });
  }
  out.push({
    label: "prod with zeros",
    fn: "reduce",
    fa: { op: "prod", dim: 1, keepDim: false },
    inputs: { x: { shape: [3, 3], data: [0, 2, 3, 0, 0, 4, 1, 2, 3] } },
    wrt: ["x"],
    run: (t) => cl.prod(t.x, { dim: 1 }),
  });
  for (const dim of [0, -1]) {
    for (const log of [false, true]) {
      out.push({
        label: `softmax log=${log} dim=${dim}`,
        fn: "softmax",
        fa: { dim, log },
        inputs: { x: gauss([4, 5], 3) },
        wrt: ["x"],
        run: (t) => (log ? cl.logSoftmax : cl.softmax)(t.x, dim),
      });
    }
  }
  return out;
}

function matmulAndShapeCases(): GradCase[] {
  const out: GradCase[] = [];
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
  ];
  for (const [sa, sb] of mm) {
    out.push({
      label: `matmul ${sa}@${sb}`,
      fn: "matmul",
      inputs: { a: gauss(sa), b: gauss(sb) },
      wrt: ["a", "b"],
      run: (t) => cl.matmul(t.a, t.b),
    });
  }
  out.push({
    label: "matmul aᵀ@bᵀ",
    fn: "matmul",
    fa: { transA: true, transB: true },
    inputs: { a: gauss([4, 3]), b: gauss([5, 4]) },
    wrt: ["a", "b"],
    run: (t) => cl.matmul(cl.transpose(t.a), cl.transpose(t.b)),
  });
  // the kernel's own transpose flags (used by the matmul rule itself)
  for (const [transA, transB] of [
    [true, false],
    [false, true],
    [true, true],
  ]) {
    const sa = transA ? [2, 4, 3] : [2, 3, 4],
      sb = transB ? [5, 4] : [4, 5];
    out.push({
      label: `matmul kernel transA=${transA} transB=${transB}`,
      fn: "matmul",
      fa: { transA, transB },
      inputs: { a: gauss(sa), b: gauss(sb) },
      wrt: ["a", "b"],
      run: (t) => run1("matmul", [t.a, t.b], { transA, transB }),
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
      const shape = [2, 4, 5, 6].slice(4 - Math.max(pads.length + 1, 2));
      out.push({
        label: `pad ${mode} ${JSON.stringify(pads)}`,
        fn: "pad",
        fa: { pads, mode, value: 0.5 },
        inputs: { x: gauss(shape) },
        wrt: ["x"],
        run: (t) => cl.pad(t.x, pads, { mode, value: mode === "constant" ? 0.5 : 0 }),
      });
    }
  }
  out.push({
    label: "permute",
    fn: "permute",
    fa: { dims: [2, 0, 1] },
    inputs: { x: gauss([2, 3, 4]) },
    wrt: ["x"],
    run: (t) => cl.permute(t.x, [2, 0, 1]),
  });
  out.push({
    label: "flip",
    fn: "flip",
    fa: { dims: [0, 2] },
    inputs: { x: gauss([2, 3, 4]) },
    wrt: ["x"],
    run: (t) => cl.flip(t.x, [0, 2]),
  });
  out.push({
    label: "slice step",
    fn: "slice",
    fa: { spec: [[1, 3], 2, [0, 4, 2]] },
    inputs: { x: gauss([3, 4, 5]) },
    wrt: ["x"],
    run: (t) => cl.slice(t.x, [[1, 3], 2, [0, 4, 2]]),
  });
  out.push({
    label: "reshape",
    fn: "reshape",
    fa: { shape: [4, 6] },
    inputs: { x: gauss([2, 3, 4]) },
    wrt: ["x"],
    run: (t) => cl.reshape(t.x, [4, 6]),
  });
  out.push({
    label: "broadcastTo (overlapping stride-0 view)",
    fn: "broadcastTo",
    fa: { shape: [4, 2, 3] },
    inputs: { x: gauss([2, 1]) },
    wrt: ["x"],
    run: (t) => cl.broadcastTo(t.x, [4, 2, 3]),
  });
  out.push({
    label: "transpose",
    fn: "permute",
    fa: { dims: [1, 0] },
    inputs: { x: gauss([3, 5]) },
    wrt: ["x"],
    run: (t) => cl.transpose(t.x),
  });
  out.push({
    label: "concat",
    fn: "concat",
    fa: { n: 3, axis: 1 },
    inputs: { x0: gauss([2, 1, 3]), x1: gauss([2, 4, 3]), x2: gauss([2, 2, 3]) },
    wrt: ["x0", "x1", "x2"],
    run: (t) => cl.concat([t.x0, t.x1, t.x2], 1),
  });
  out.push({
    label: "stack",
    fn: "concat",
    fa: { n: 2, axis: 2, stack: true },
    inputs: { x0: gauss([2, 3]), x1: gauss([2, 3]) },
    wrt: ["x0", "x1"],
    run: (t) => cl.stack([t.x0, t.x1], 2),
  });
  out.push({
    label: "chain: tanh(x@w+b) → logSoftmax + relu mean",
    fn: "chain",
    inputs: { x: gauss([4, 3]), w: gauss([3, 5]), b: gauss([5]) },
    wrt: ["x", "w", "b"],
    run: (t) =>
      cl.add(
        cl.sum(cl.logSoftmax(cl.mul(cl.tanh(cl.add(cl.matmul(t.x, t.w), t.b)), 2), -1)),
        cl.mean(cl.relu(cl.tanh(cl.add(cl.matmul(t.x, t.w), t.b)))),
      ),
  });
  return out;
}

describeBackends("gradients of elementwise ops vs torch.autograd", (ctx) => {
  it("unary, binary (broadcast, ties), pow, where", async () => checkGradCases(elementwiseCases(), ctx));
});
describeBackends("gradients of reductions vs torch.autograd", (ctx) => {
  it("sum/mean/max/min/prod over every dim choice, ties, zeros; softmax/logSoftmax", async () =>
    checkGradCases(reductionCases(), ctx));
});
describeBackends("gradients of matmul and shape ops vs torch.autograd", (ctx) => {
  it("matmul (batched, broadcast, vectors, transposed), pad (every mode), views, concat/stack", async () =>
    checkGradCases(matmulAndShapeCases(), ctx));
});
