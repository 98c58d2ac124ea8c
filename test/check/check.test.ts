/**
 * cl.check: one `✓ <what>` line per passing check, and failures that name the worst index, both values and
 * the tolerance; tensors are read on every backend (webgpu values come back through an async readback).
 */
import assert from "node:assert/strict";
import { it, mock } from "node:test";
import ndarray from "ndarray";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";

/** Runs fn with console.log captured; returns the printed lines. */
async function printed(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const spy = mock.method(console, "log", (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  try {
    await fn();
  } finally {
    spy.mock.restore();
  }
  return lines;
}

/** The CheckError fn throws (sync or async), checked for class and message fragments. */
async function failsWith(fn: () => unknown, ...fragments: string[]): Promise<cl.CheckError> {
  let caught: unknown = null;
  const lines = await printed(async () => {
    try {
      await fn();
    } catch (e) {
      caught = e;
    }
  });
  assert.ok(caught instanceof cl.CheckError, `expected a CheckError, got ${String(caught)}`);
  for (const f of fragments)
    assert.ok(caught.message.includes(f), `expected ${JSON.stringify(f)} in ${JSON.stringify(caught.message)}`);
  assert.deepEqual(lines, [], "a failing check prints nothing");
  return caught;
}

describeBackends("cl.check with tensors", (b) => {
  it("close and equal print one line per passing check", async () => {
    const lines = await printed(async () => {
      await cl.check.close("eq. 1.6 worked by hand", cl.convolve([1, 2, 3], [0, 1, 0.5]), [0, 1, 2.5, 4, 1.5]);
      await cl.check.equal("argmax", cl.tensor([1, 9, 3]).argmax(), 1);
      cl.check.shape("conv2d output", cl.zeros([1, 6, 28, 28]), [1, 6, 28, 28]);
      cl.check.isTrue("a true statement", 2 > 1);
    });
    assert.deepEqual(lines, ["✓ eq. 1.6 worked by hand", "✓ argmax", "✓ conv2d output", "✓ a true statement"]);
    assert.equal(cl.getBackend(), b.name);
  });

  it("a failure names the worst index in the tensor's shape, both values and the tolerance", async () => {
    const got = cl.tensor([
      [2, 7, -4, 9],
      [1, 14, -4, 12],
    ]);
    const err = await failsWith(
      () =>
        cl.check.close("Output 1", got, [
          [2, 7, -4, 9],
          [1, 14, -9, 12],
        ]),
      "Output 1: not close (atol 0.00001, rtol 0.0000013): 1 of 8 elements differs; worst at [1, 2]: got -4, expected -9, |diff| 5 > allowed 0.0000217",
    );
    assert.deepEqual(err.details.index, [1, 2]);
    assert.equal(err.details.actual, -4);
    assert.equal(err.details.expected, -9);
  });

  it("compares tensors with tensors, ndarrays and numbers; length-1 axes do not matter", async () => {
    const x = cl.randn([3, 4], { seed: 1 });
    const lines = await printed(async () => {
      await cl.check.close("tensor vs itself reshaped", x.reshape([1, 3, 1, 4]), x);
      await cl.check.close("tensor vs its ndarray", x, await x.toNdarray());
      await cl.check.close("a constant everywhere", cl.ones([2, 3]).mul(3), 3);
      await cl.check.close("sum of a 0-d tensor", cl.tensor([0.5, 0.25]).sum(), 0.75);
    });
    assert.equal(lines.length, 4);
    await failsWith(
      () => cl.check.close("transposed", x.transpose(), x),
      "transposed: expected shape [3,4], got shape [4,3]",
    );
  });

  it("complex values compare re and im and say which part failed", async () => {
    const z = cl.fft([1, 0, 0, 0]); // all ones, im 0
    assert.deepEqual(
      await printed(() => cl.check.close("fft of an impulse", z, { re: [1, 1, 1, 1], im: [0, 0, 0, 0] })),
      ["✓ fft of an impulse"],
    );
    assert.deepEqual(await printed(() => cl.check.close("a real expected value has im 0", z, [1, 1, 1, 1])), [
      "✓ a real expected value has im 0",
    ]);
    const err = await failsWith(
      () => cl.check.close("phase", z, { re: [1, 1, 1, 1], im: [0, 0, 0.5, 0] }),
      "worst at [2] (im): got 0, expected 0.5",
    );
    assert.equal(err.details.part, "im");
  });
});

it("tolerances: |a − e| <= atol + rtol·|e|, defaults rtol 1.3e-6 and atol 1e-5", async () => {
  assert.equal(cl.check.DEFAULT_RTOL, 1.3e-6);
  assert.equal(cl.check.DEFAULT_ATOL, 1e-5);
  const ok = await printed(async () => {
    await cl.check.close("inside atol", 1 + 0.9e-5, 1, { rtol: 0 });
    await cl.check.close("inside rtol", 1000.001, 1000, { atol: 0, rtol: 1e-6 + 1e-12 });
    await cl.check.close("default: float32 rounding of 1.2", Math.fround(1.2), 1.2);
    await cl.check.close("a looser stated tolerance", [0.97, 0.6], [0.97, 0.605], { atol: 1e-2 });
  });
  assert.equal(ok.length, 4);
  await failsWith(
    () => cl.check.close("outside atol", 1 + 2e-5, 1, { rtol: 0 }),
    "(atol 0.00001, rtol 0)",
    "got 1.00002, expected 1",
  );
  await failsWith(
    () => cl.check.close("outside rtol", 1000.01, 1000, { atol: 0, rtol: 1e-6 }),
    "|diff| 0.01 > allowed 0.001",
  );
  await failsWith(
    () => cl.check.close("worst, not first", [1.1, 5, 1], [1, 1, 1]),
    "2 of 3 elements differ",
    "worst at [1]: got 5, expected 1",
  );
});

it("NaN matches NaN unless equalNan is false; a NaN nobody expected is the worst element; infinities", async () => {
  assert.deepEqual(await printed(() => cl.check.close("NaN where NaN is expected", [NaN, 1], [NaN, 1])), [
    "✓ NaN where NaN is expected",
  ]);
  await failsWith(() => cl.check.close("strict NaN", [NaN], [NaN], { equalNan: false }), "got NaN, expected NaN");
  await failsWith(
    () => cl.check.close("unexpected NaN", [1.5, NaN, 2], [1, 1, 2]),
    "2 of 3 elements differ",
    "worst at [1]: got NaN, expected 1",
  );
  assert.deepEqual(
    await printed(() => cl.check.close("equal infinities", [Infinity, -Infinity], [Infinity, -Infinity])),
    ["✓ equal infinities"],
  );
  await failsWith(() => cl.check.close("inf vs large", [Infinity], [1e30]), "got Infinity, expected 1e+30");
});

it("equal is exact; it also compares strings and booleans", async () => {
  assert.deepEqual(
    await printed(async () => {
      await cl.check.equal(
        "integers",
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      );
      await cl.check.equal("a label", "cat", "cat");
    }),
    ["✓ integers", "✓ a label"],
  );
  await failsWith(
    () => cl.check.equal("float32 0.1", cl.tensor([0.1]), 0.1),
    "float32 0.1: not equal: at [0]: got 0.100000001, expected 0.1",
  );
  await failsWith(() => cl.check.equal("a label", "dog", "cat"), 'a label: not equal: got "dog", expected "cat"');
});

it("reads strided ndarrays and typed arrays row-major", async () => {
  const base = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
  const lines = await printed(async () => {
    await cl.check.equal("transposed view", base.transpose(1, 0), [
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    await cl.check.equal("reversed view", base.step(-1, -1), [
      [6, 5, 4],
      [3, 2, 1],
    ]);
    await cl.check.close("typed array", new Float32Array([0.5, 1.5]), [0.5, 1.5]);
  });
  assert.equal(lines.length, 3);
});

it("isTrue and shape", async () => {
  await failsWith(
    () => cl.check.isTrue("the peak is at 37", false, "peak at 12"),
    "the peak is at 37: does not hold: peak at 12",
  );
  await failsWith(
    () => cl.check.shape("C1", cl.zeros([1, 6, 24, 24]), [1, 6, 28, 28]),
    "C1: expected shape [1,6,28,28], got shape [1,6,24,24]",
  );
  await failsWith(() => cl.check.shape("ragged", [[1, 2], [3]], [2, 2]), "ragged: expected a Tensor");
  assert.deepEqual(await printed(() => cl.check.shape("nested", [[1, 2, 3]], [1, 3])), ["✓ nested"]);
});

it("a bad actual value fails the check; a bad expected value or option is the notebook's mistake", async () => {
  await failsWith(
    () => cl.check.close("student's answer", undefined as unknown as number, [1, 2]),
    "student's answer: expected actual as a Tensor",
    "got undefined",
  );
  await failsWith(
    () => cl.check.close("forgot await", Promise.resolve(1) as unknown as number, 1),
    "a Promise (missing await?)",
  );
  await failsWith(
    () =>
      cl.check.close(
        "ragged answer",
        [[1, 2], [3]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    "ragged answer: actual could not be read",
  );
  await assert.rejects(
    () => cl.check.close("bad expected", 1, "one" as unknown as number),
    (e: Error) =>
      e instanceof cl.ConvlabError && e.message.startsWith("check.close: bad expected: expected expected as a Tensor"),
  );
  await assert.rejects(() => cl.check.close("x", 1, 1, { atol: -1 }), /check.close: expected atol >= 0, got -1/);
  await assert.rejects(
    () => cl.check.close("", 1, 1),
    /check.close: expected a description as the first argument, got ""/,
  );
});

it("README: the Course layout section's examples run as written", async () => {
  const f = [1, 2, 3],
    h = [0, 1, 0.5];
  const x = cl.randn([1, 2, 16, 16], { seed: 3 }),
    w = cl.randn([3, 2, 5, 5], { seed: 4 });
  const out = cl.tensor([
    [2, 7, -4, 9],
    [1, 14, -9, 12],
  ]);
  const c1 = cl.zeros([1, 6, 28, 28]);
  const best = 37;
  const lines = await printed(async () => {
    await cl.check.close("eq. 1.6 worked by hand", cl.convolve(f, h), [0, 1, 2.5, 4, 1.5]);
    await cl.check.close("fftConv = conv2d", cl.fftConv(x, w), cl.conv2d(x, w), { atol: 1e-3 });
    await cl.check.equal("Output 1", out, [
      [2, 7, -4, 9],
      [1, 14, -9, 12],
    ]);
    cl.check.shape("C1 output", c1, [1, 6, 28, 28]);
    cl.check.isTrue("peak at 37", best === 37, `peak at ${best}`);
  });
  assert.equal(lines.length, 5);
});
