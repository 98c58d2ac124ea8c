/** unary, binary, where and cast on webgpu (f32) against the cpu kernels in float64, on seeded inputs. */
import { it } from "node:test";
import type { BinaryOp, UnaryOp } from "../../src/core/kernels";
import { checkKernel, intInput, randInput, webgpuSuite, type Input } from "./gpu_harness";

const UNARY: UnaryOp[] = [
  "neg",
  "exp",
  "log",
  "sqrt",
  "abs",
  "relu",
  "sigmoid",
  "tanh",
  "sign",
  "square",
  "reciprocal",
  "sin",
  "cos",
  "floor",
  "ceil",
  "round",
  "isfinite",
  "log1p",
  "expm1",
];
const POSITIVE = new Set<UnaryOp>(["log", "sqrt", "reciprocal"]);
const BINARY: BinaryOp[] = [
  "add",
  "sub",
  "mul",
  "div",
  "pow",
  "maximum",
  "minimum",
  "atan2",
  "gt",
  "ge",
  "lt",
  "le",
  "eq",
  "ne",
];

/** ±0, ±∞, NaN, halves (round), tiny and huge values appended to random ones */
function withSpecials(x: Input): Input {
  const specials = [0, -0, Infinity, -Infinity, NaN, 0.5, 1.5, -2.5, 1e-7, -1e-6, 30, -30, 100, -100];
  const data = Float64Array.from([...x.data, ...specials]);
  return { data, shape: [data.length] };
}

webgpuSuite("elementwise kernels vs cpu float64", () => {
  it("unary: every op, odd sizes and special values", async () => {
    let seed = 1;
    for (const op of UNARY) {
      const x = POSITIVE.has(op) ? randInput([3, 67], seed++, 1, 3) : randInput([3, 67], seed++, 3);
      // transcendental functions on lavapipe: a few ulp, looser near zero crossings
      await checkKernel("unary", [x], { op }, { rtol: 2e-5, atol: 2e-6 }, `unary ${op}`);
      if (!POSITIVE.has(op) && op !== "log1p")
        await checkKernel("unary", [withSpecials(x)], { op }, { rtol: 2e-5, atol: 2e-6 }, `unary ${op} specials`);
    }
    await checkKernel(
      "unary",
      [randInput([500], 99, 0.9)],
      { op: "log1p" },
      { rtol: 2e-6, atol: 0 },
      "log1p relative accuracy",
    );
    await checkKernel("unary", [intInput([5, 7], 3, -50, 50)], { op: "neg" }, {}, "unary int32");
  });

  it("unary over more elements than one dispatch dimension holds (65535 workgroups)", async () => {
    await checkKernel("unary", [randInput([65535 * 64 + 999], 5)], { op: "relu" });
  });

  it("binary: every op, broadcast and same-shape operands, int32", async () => {
    let seed = 100;
    const shapes: [number[], number[], number[]][] = [
      [
        [5, 1, 7],
        [3, 7],
        [5, 3, 7],
      ],
      [
        [33, 65],
        [33, 65],
        [33, 65],
      ],
      [[], [4], [4]],
      [[2, 3], [], [2, 3]],
    ];
    for (const op of BINARY) {
      for (const [sa, sb, shape] of shapes) {
        const a = op === "pow" ? randInput(sa, seed++, 1, 2) : randInput(sa, seed++, 2);
        const b = op === "pow" ? randInput(sb, seed++, 1.5) : randInput(sb, seed++, 2);
        await checkKernel("binary", [a, b], { op, shape }, { rtol: 3e-5, atol: 1e-6 }, `binary ${op} ${sa}|${sb}`);
      }
    }
    const nan: Input = { data: Float64Array.from([NaN, 1, NaN, -Infinity]), shape: [4] };
    const other: Input = { data: Float64Array.from([1, NaN, NaN, 0]), shape: [4] };
    for (const op of ["maximum", "minimum", "eq", "ne", "lt"] as const)
      await checkKernel("binary", [nan, other], { op, shape: [4] }, {}, `binary ${op} NaN`);
    const neg: Input = { data: Float64Array.from([-2, -2, -8, 0, 0, 2]), shape: [6] };
    const exps: Input = { data: Float64Array.from([3, 2, 1 / 3, -1, 0, 0.5]), shape: [6] };
    await checkKernel("binary", [neg, exps], { op: "pow", shape: [6] }, {}, "pow of negative and zero bases");
    await checkKernel(
      "binary",
      [intInput([4, 5], 7, -9, 9), intInput([5], 8, -9, 9)],
      { op: "mul", shape: [4, 5] },
      {},
      "binary int32",
    );
    await checkKernel(
      "binary",
      [intInput([4, 5], 7, -9, 9), randInput([4, 5], 9)],
      { op: "add", shape: [4, 5] },
      {},
      "binary int32 + float32",
    );
  });

  it("where with broadcast condition and operands", async () => {
    const cond: Input = { data: Float64Array.from([1, 0, 0, 1, 1, 0, 1]), shape: [7] };
    await checkKernel("where", [cond, randInput([3, 1], 1), randInput([2, 3, 7], 2)], { shape: [2, 3, 7] });
    await checkKernel("where", [intInput([2, 3, 7], 3, 0, 2), randInput([2, 3, 7], 4), intInput([7], 5, -3, 3)], {
      shape: [2, 3, 7],
    });
  });

  it("cast float32 ↔ int32 (truncation toward zero)", async () => {
    await checkKernel("cast", [randInput([9, 11], 3, 10)], { dtype: "int32" });
    await checkKernel("cast", [intInput([9, 11], 4, -1000, 1000)], { dtype: "float32" });
    await checkKernel("cast", [randInput([4], 5)], { dtype: "float32" });
  });
});
