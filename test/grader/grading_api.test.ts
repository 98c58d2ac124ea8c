/**
 * cl.grading in plain Node (outside a kernel the case records print their text line): forbidden ops while the
 * student's code runs — public ops by name, families, a primitive kernel reached another way, async code,
 * nothing forbidden outside `t.call` — and test groups: records, points, failing checks.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as cl from "../../src/index";
import { GRADE_MIME, type CaseRecord } from "../../src/grading/record";
import { installSink } from "../../src/display/sink";

describe("forbidden ops", () => {
  const x = cl.ones([1, 1, 4, 4]),
    w = cl.ones([1, 1, 2, 2]);

  it("conv2d inside the student's code throws the named error; outside it works", () => {
    assert.throws(() => cl.grading.forbid(["conv"], () => cl.conv2d(x, w)), {
      name: "ForbiddenOpError",
      message: "conv2d is not allowed in this exercise",
    });
    assert.deepEqual(cl.conv2d(x, w).shape, [1, 1, 3, 3]);
  });

  it("covers a family's other ops, methods and layers", () => {
    assert.throws(() => cl.grading.forbid(["conv"], () => cl.convolve([1, 2, 3], [1, 1])), /convolve is not allowed/);
    assert.throws(() => cl.grading.forbid(["conv"], () => cl.fftConv(x, w)), /fftConv is not allowed/);
    assert.throws(() => cl.grading.forbid(["conv"], () => new cl.nn.Conv2d(1, 1, 2)(x)), /conv2d is not allowed/);
    assert.throws(
      () => cl.grading.forbid(["pool"], () => cl.maxPool2d(x, { kernelSize: 2 })),
      /maxPool2d is not allowed/,
    );
    assert.throws(() => cl.grading.forbid(["unfold"], () => cl.unfold(x, [2, 2])), /unfold is not allowed/);
    assert.throws(() => cl.grading.forbid(["fft"], () => cl.rfft([1, 2, 3, 4])), /rfft is not allowed/);
    assert.doesNotThrow(
      () => cl.grading.forbid(["conv"], () => cl.rfft([1, 2, 3, 4])),
      "the FFT stays allowed when conv is forbidden",
    );
  });

  it("stops a primitive kernel whatever public op reaches it", () => {
    assert.throws(() => cl.grading.forbid(["reduce"], () => cl.ones([3]).sum()), {
      message: "the reduce kernel is not allowed in this exercise",
    });
  });

  it("stays in force until an async student function settles, then lifts", async () => {
    await assert.rejects(
      cl.grading.forbid(["conv"], async () => {
        await new Promise((r) => setTimeout(r, 5));
        return cl.conv2d(x, w);
      }),
      /conv2d is not allowed/,
    );
    assert.deepEqual(cl.conv2d(x, w).shape, [1, 1, 3, 3]);
  });
});

describe("test groups", () => {
  it("records each case, counts points, and fails a case (not the cell) on a wrong value or the student's error", async () => {
    const records: CaseRecord[] = [];
    installSink({
      display: (b) => {
        records.push(b.data[GRADE_MIME] as CaseRecord);
      },
      clearOutput() {},
      track() {},
    });
    try {
      const t = cl.grading.tests("part1", { points: 3, forbid: ["conv"] });
      assert.equal(
        await t.case("right", () =>
          t.close(
            t.call(() => [1, 2]),
            [1, 2.000001],
          ),
        ),
        true,
      );
      assert.equal(
        await t.case("wrong", () =>
          t.equal(
            t.call(() => [1, 3]),
            [1, 2],
          ),
        ),
        false,
      );
      assert.equal(await t.case("forbidden", () => t.call(() => cl.conv2d([[[[1]]]], [[[[1]]]]))), false);
      assert.equal(t.points(), 1);
      assert.deepEqual(
        records.map((r) => [r.group, r.case, r.passed, r.points]),
        [
          ["part1", "right", true, 3],
          ["part1", "wrong", false, 3],
          ["part1", "forbidden", false, 3],
        ],
      );
      assert.match(
        records[1].message,
        /^result: not equal: 1 of 2 elements differs; worst at \[1\]: got 3, expected 2/,
      );
      assert.equal(records[2].message, "ForbiddenOpError: conv2d is not allowed in this exercise");
      await assert.rejects(
        t.case("right", () => undefined),
        /unique case names/,
      );
    } finally {
      installSink(undefined);
    }
  });
});
