/**
 * gradcheck (float64 central differences on the cpu backend) on every primitive kernel's rule, called
 * through public ops or run1 directly; a deliberately wrong rule is caught and located; bad inputs
 * of the gradient API give clear errors.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { run1, runKernel } from "../../src/core/dispatch";
import type { UnaryOp, BinaryOp } from "../../src/core/kernels";
import { poolGeometry } from "../../src/ops/pool/geometry/pool_geometry";
import { convGeometry, unfoldGeometry } from "../../src/ops/conv/geometry/conv_geometry";
import { describeBackends } from "../helpers/backends";
import { assertThrowsWith } from "../helpers/allclose";

const f64 = (shape: number[], seed: number, shift = 0) => cl.add(cl.randn(shape, { seed, dtype: "float64" }), shift);
/** distinct values (no ties) so max-type kernels are differentiable at the test point */
const spread = (shape: number[], seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const p = new cl.Rng(seed).permutation(n);
  return cl.tensor(
    Float64Array.from(p, (v) => v * 0.37 - n * 0.1),
    shape,
    { dtype: "float64" },
  );
};

async function expectOk(
  label: string,
  f: cl.TensorFn,
  inputs: cl.Tensor[],
  opts: cl.GradcheckOptions = {},
): Promise<void> {
  const r = await cl.gradcheck(f, inputs, opts);
  assert.ok(r.ok, `${label}: gradcheck failed: ${JSON.stringify(r.perInput)}`);
}

describeBackends("gradcheck on every gradient rule (float64)", () => {
  it("unary: every differentiable op", async () => {
    const ops: UnaryOp[] = [
      "neg",
      "exp",
      "log",
      "sqrt",
      "abs",
      "relu",
      "sigmoid",
      "tanh",
      "square",
      "reciprocal",
      "sin",
      "cos",
      "log1p",
      "expm1",
    ];
    for (const op of ops) {
      const x = ["log", "sqrt", "reciprocal", "log1p"].includes(op)
        ? cl.add(cl.abs(f64([3, 4], 1)), 0.5)
        : f64([3, 4], 1);
      await expectOk(op, (t) => run1("unary", [t], { op }), [x]);
    }
  });
  it("binary with broadcasting, and where", async () => {
    const ops: BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "minimum", "atan2"];
    for (const op of ops) await expectOk(op, (a, b) => cl[op](a, b), [f64([2, 3, 1], 2), f64([4], 3)]);
    await expectOk("pow", (a, b) => cl.pow(a, b), [cl.add(cl.abs(f64([3, 2], 4)), 0.5), f64([2], 5)]);
    await expectOk("where", (a, b) => cl.where(cl.gt(a, 0), a, b), [f64([3, 4], 6), f64([4], 7)]);
  });
  it("reduce (sum/max/min/prod), softmax, cast", async () => {
    for (const op of ["sum", "max", "min", "prod"] as const) {
      await expectOk(op, (x) => cl[op](x, { dim: [0, 2] }), [spread([3, 2, 4], 8)]);
    }
    await expectOk("logSoftmax", (x) => cl.logSoftmax(x, 1), [f64([3, 5], 9)]);
    await expectOk("softplus", (x) => cl.softplus(x, { beta: 2 }), [f64([3, 5], 9)]);
    await expectOk("cast", (x) => cl.cast(cl.cast(cl.mul(x, 3), "float32"), "float64"), [f64([5], 10)], {
      eps: 1e-2,
      atol: 1e-4,
    });
  });
  it("matmul (every transpose flag, broadcast batch)", async () => {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      const a = f64(ta ? [2, 4, 3] : [2, 3, 4], 11),
        b = f64(tb ? [5, 4] : [4, 5], 12);
      await expectOk(`matmul ${ta} ${tb}`, (x, y) => run1("matmul", [x, y], { transA: ta, transB: tb }), [a, b]);
    }
  });
  it("view (reshape, permute, slices with steps, flip, stride-0 broadcast), pad (every mode), concat", async () => {
    await expectOk(
      "views",
      (x) => cl.broadcastTo(cl.slice(cl.flip(cl.permute(x, [1, 0, 2]), 2), [[0, 3, 2], null, [1, 4]]), [2, 2, 3, 3]),
      [f64([3, 4, 5], 13)],
    );
    await expectOk("overlapping view", (x) => run1("view", [x], { shape: [3, 3], strides: [1, 1], offset: 0 }), [
      f64([5], 14),
    ]);
    for (const mode of ["constant", "reflect", "replicate", "circular"] as const) {
      await expectOk(
        `pad ${mode}`,
        (x) =>
          cl.pad(
            x,
            [
              [2, 1],
              [1, 3],
            ],
            { mode },
          ),
        [f64([2, 3, 4], 15)],
      );
    }
    await expectOk("concat", (a, b) => cl.concat([a, b, a], 1), [f64([2, 1], 16), f64([2, 3], 17)]);
  });
  it("gather and scatterAdd (repeated indices)", async () => {
    // created inside f: gradcheck evaluates f on the cpu backend for the finite differences
    const idx = () => cl.tensor(new Int32Array([0, 2, 2, 1, 0, 0]), [2, 3], { dtype: "int32" });
    await expectOk("gather", (x) => run1("gather", [x, idx()], { axis: 1 }), [f64([3, 4], 18)]);
    await expectOk("scatterAdd", (s) => run1("scatterAdd", [s, idx()], { axis: 1, size: 4 }), [f64([2, 3], 19)]);
  });
  it("conv, convTranspose, convWeightGrad, unfold, fold kernels (stride, dilation, groups, asymmetric padding)", async () => {
    for (const dims of [1, 2] as const) {
      const sp = new Array<number>(dims).fill(6),
        ks = new Array<number>(dims).fill(2);
      const x = f64([2, 4, ...sp], 40),
        w = f64([6, 2, ...ks], 41);
      const geom = convGeometry("test", x.shape, w.shape, {
        dims,
        stride: 2,
        dilation: 2,
        groups: 2,
        padding: new Array(dims).fill([1, 2]),
      });
      const dy = f64([2, 6, ...geom.outSize], 42);
      await expectOk(`conv ${dims}-D`, (a, b) => run1("conv", [a, b], { geom }), [x, w]);
      await expectOk(`convTranspose ${dims}-D`, (d, b) => run1("convTranspose", [d, b], { geom }), [dy, w]);
      await expectOk(`convWeightGrad ${dims}-D`, (a, d) => run1("convWeightGrad", [a, d], { geom }), [x, dy]);
      const ug = unfoldGeometry("test", x.shape, ks, { stride: 2, dilation: 2, padding: 1 });
      const cols = f64([2, 4 * 2 ** dims, ug.outSize.reduce((a, b) => a * b, 1)], 43);
      await expectOk(`unfold ${dims}-D`, (a) => run1("unfold", [a], { geom: ug }), [x]);
      await expectOk(`fold ${dims}-D`, (c) => run1("fold", [c], { geom: ug }), [cols]);
    }
  });
  it("fftConv (conv semantics through the FFT)", async () => {
    await expectOk("fftConv 1-D", (x, w) => cl.fftConv(x, w, { padding: "same", paddingMode: "circular" }), [
      f64([2, 2, 9], 44),
      f64([3, 2, 4], 45),
    ]);
    await expectOk("fftConv 2-D", (x, w) => cl.fftConv(x, w, { stride: 2, padding: 1 }), [
      f64([1, 2, 6, 5], 46),
      f64([2, 2, 3, 3], 47),
    ]);
  });
  it("pool (max with indices, avg with padding) and avgPoolGrad", async () => {
    const x = spread([1, 2, 5, 6], 20);
    const g = poolGeometry("test", x.shape, {
      dims: 2,
      kernelSize: [2, 3],
      stride: [2, 2],
      padding: [1, 1],
      ceilMode: true,
    });
    await expectOk("max pool", (t) => runKernel("pool", [t], { geom: g, kind: "max", countIncludePad: false })[0], [x]);
    for (const countIncludePad of [false, true]) {
      await expectOk(
        `avg pool cip=${countIncludePad}`,
        (t) => runKernel("pool", [t], { geom: g, kind: "avg", countIncludePad })[0],
        [x],
      );
      const dy = f64([1, 2, ...g.outSize], 21);
      await expectOk(
        `avgPoolGrad cip=${countIncludePad}`,
        (t) => run1("avgPoolGrad", [t], { geom: g, countIncludePad }),
        [dy],
      );
    }
  });
  it("fft kernel (forward and inverse), both outputs", async () => {
    for (const inverse of [false, true]) {
      await expectOk(
        `fft inverse=${inverse}`,
        (re, im) => cl.concat(runKernel("fft", [re, im], { axis: 1, inverse }), 0),
        [f64([2, 5], 22), f64([2, 5], 23)],
      );
    }
  });
});

describeBackends("gradcheck catches a wrong rule", () => {
  it("a sigmoid rule missing the (1 − y) factor fails and names the input", async () => {
    const wrong: cl.GradRule<"unary"> = ({ node, dys }) => {
      if (node.attrs.op !== "sigmoid") return [cl.mul(dys[0] ?? 0, cl.sub(1, cl.square(node.outputs[0])))];
      return [cl.mul(dys[0] ?? 0, node.outputs[0])];
    };
    const f = (a: cl.Tensor, b: cl.Tensor) => cl.sum(cl.mul(cl.sigmoid(a), cl.tanh(b)));
    const inputs = [f64([4], 30), f64([4], 31)];
    const r = await cl.withGradRule("unary", wrong, () => cl.gradcheck(f, inputs));
    assert.equal(r.ok, false);
    assert.equal(r.perInput[0].ok, false, "the sigmoid input is wrong");
    assert.equal(r.perInput[1].ok, true, "the tanh input is right");
    assert.ok(r.perInput[0].maxRelError > 0.1, `relative error ${r.perInput[0].maxRelError}`);
    assert.ok((await cl.gradcheck(f, inputs)).ok, "the built-in rule is restored afterwards");
  });
});

describeBackends("gradcheck catches a wrong conv weight rule", () => {
  it("a weight gradient that forgets to sum over the batch (weight sharing) fails on w only", async () => {
    const wrong: cl.GradRule<"conv"> = ({ node, dys }) => {
      const [x, w] = node.inputs,
        dy = dys[0] as cl.Tensor;
      const first = (t: cl.Tensor) => cl.slice(t, [[0, 1]]);
      const { geom } = node.attrs;
      return [
        run1("convTranspose", [dy, w], { geom }),
        run1("convWeightGrad", [first(x), first(dy)], { geom: { ...geom, batch: 1 } }),
      ];
    };
    const f = (x: cl.Tensor, w: cl.Tensor) => cl.conv1d(x, w, { padding: 1 });
    const r = await cl.withGradRule("conv", wrong, () => cl.gradcheck(f, [f64([3, 2, 7], 50), f64([2, 2, 3], 51)]));
    assert.equal(r.perInput[0].ok, true, "dx is right");
    assert.equal(r.perInput[1].ok, false, "dw misses the other batch elements");
    assert.equal(r.perInput[1].worstIndex.length, 3, "the worst element is named by its (o, c, k) index");
  });
});

describeBackends("gradient API errors", () => {
  it("grad of a non-scalar function", () => {
    assertThrowsWith(
      () => cl.grad((x) => cl.mul(x, 2))(cl.ones([3])),
      "grad: expected f to return a scalar",
      "got shape [3]",
    );
  });
  it("a function that does not use its input", () => {
    assertThrowsWith(
      () => cl.grad((x, y) => cl.sum(y), { argnums: [0, 1] })(cl.ones([2]), cl.ones([2])),
      "grad: expected f's output to depend on argument 0",
    );
    assertThrowsWith(
      () => cl.grad(() => cl.sum(cl.ones([2])))(cl.ones([2])),
      "grad: expected f's output to depend on argument 0",
    );
    assertThrowsWith(() => cl.grad((x) => cl.cast(cl.argmax(x), "float32"))(cl.ones([2])), "depend on argument 0");
  });
  it("backward() twice through a freed graph, and with retainGraph", async () => {
    const p = cl.ones([2]);
    p.requiresGrad = true;
    const loss = cl.sum(cl.mul(p, p));
    loss.backward();
    assertThrowsWith(() => loss.backward(), "backward: expected a live autograd graph", "retainGraph");
    const l2 = cl.sum(cl.mul(p, 3));
    l2.backward(undefined, { retainGraph: true });
    l2.backward();
    assert.deepEqual(Array.from(await p.grad!.data()), [8, 8]);
  });
  it("backward() of a non-scalar without a gradient, of an untracked tensor, mismatched cotangents", () => {
    const p = cl.ones([2, 2]);
    p.requiresGrad = true;
    assertThrowsWith(
      () => cl.mul(p, 2).backward(),
      "backward: expected a scalar or an explicit gradient, got shape [2,2]",
    );
    assertThrowsWith(
      () => cl.mul(p, 2).backward(cl.ones([3])),
      "backward: expected a gradient of shape [2,2], got [3]",
    );
    assertThrowsWith(() => cl.ones([1]).backward(), "backward: expected a tensor with autograd history");
    const [, back] = cl.vjp((x) => cl.mul(x, 2), cl.ones([2, 3]));
    assertThrowsWith(() => back(cl.ones([3, 2])), "vjp: expected a cotangent of the output's shape [2,3], got [3,2]");
  });
  it("argnums out of range, non-function f, grad inside noGrad", () => {
    assertThrowsWith(() => cl.grad((x) => cl.sum(x), { argnums: 2 })(cl.ones([2])), "grad: expected argnums in [0, 1)");
    assertThrowsWith(
      () => cl.noGrad(() => cl.grad((x) => cl.sum(x))(cl.ones([2]))),
      "grad: expected gradient recording on",
    );
  });
});
