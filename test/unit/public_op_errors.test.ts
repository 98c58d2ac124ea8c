/**
 * Errors name the public op the user called, what it expected and what it got — never a primitive kernel
 * (`gather`, `binary`) or a raw RangeError — and bad labels never give a silent loss: on webgpu the check
 * runs on the device and the next read throws the same message.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";

/** The error of fn, whether it throws at the call (cpu) or at the first read (webgpu). */
async function errorOf(fn: () => cl.Tensor): Promise<string> {
  try {
    await fn().data();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  assert.fail("expected an error, got none");
}

describeBackends("bad input names the public op", ({ name }) => {
  const ce = cl.nn.functional.crossEntropy;
  const int = (v: number[]) => cl.tensor(v, undefined, { dtype: "int32" });

  it("crossEntropy with a label out of range", async () => {
    const msg = await errorOf(() => ce(cl.zeros([3, 3]), int([0, 7, 1])));
    assert.match(msg, /^crossEntropy: expected labels in \[0, 3\), got 7 at index 1/);
    assert.doesNotMatch(msg, /gather/);
    // negative labels and the number-array form say the same
    assert.match(
      await errorOf(() => ce(cl.zeros([2, 3]), int([-1, 0]))),
      /^crossEntropy: expected labels in \[0, 3\), got -1 at index 0/,
    );
    assert.match(
      await errorOf(() => ce(cl.zeros([2, 3]), [0, 3])),
      /^crossEntropy: expected labels in \[0, 3\), got 3 at index 1/,
    );
  });

  it("crossEntropy with fractional labels", async () => {
    const msg = await errorOf(() => ce(cl.zeros([2, 3]), cl.tensor([0.5, 1])));
    assert.match(msg, /^crossEntropy: expected integer labels in \[0, 3\), got 0.5 at index 0/);
    assert.match(
      await errorOf(() => ce(cl.zeros([2, 3]), [1, 1.25])),
      /^crossEntropy: expected integer labels in \[0, 3\), got 1.25 at index 1/,
    );
    assert.match(
      await errorOf(() => cl.nn.functional.nllLoss(cl.zeros([1, 2]), cl.tensor([NaN]))),
      /^nllLoss: expected labels in \[0, 2\), got NaN/,
    );
  });

  it("after a bad call is reported, the next good one reads normally", async () => {
    await errorOf(() => ce(cl.zeros([2, 3]), int([0, 9])));
    const v = await ce(cl.zeros([2, 3]), int([0, 2])).item();
    assert.ok(Math.abs(v - Math.log(3)) < 1e-5, `got ${v}`);
  });

  it("softplus with an int32 tensor or bad options", () => {
    const bad = (opts: object): cl.Tensor => cl.softplus([1], opts);
    assert.throws(() => cl.softplus(int([1, 2])), /softplus: expected a float tensor, got int32/);
    assert.throws(() => bad({ beta: 0 }), /softplus: expected beta as a finite non-zero number, got 0/);
    assert.throws(() => bad({ beta: "2" }), /softplus: expected beta as a finite non-zero number, got the string "2"/);
    assert.throws(() => bad({ threshold: NaN }), /softplus: expected threshold as a number, got NaN/);
    assert.throws(
      () => bad({ betta: 2 }),
      /softplus: expected options among \{beta, threshold\}, got unknown option "betta"/,
    );
  });

  it("a disposed tensor used in add", () => {
    const a = cl.ones([2]);
    a.dispose();
    assert.throws(
      () => cl.add(a, 1),
      /^ConvlabError: add: expected a as a live tensor, got tensor #\d+ after dispose\(\)$/,
    );
    assert.throws(() => a.mul(2), /^ConvlabError: mul: expected a as a live tensor/);
    assert.throws(() => cl.sub(cl.ones([2]), a), /^ConvlabError: sub: expected b as a live tensor/);
    assert.throws(() => cl.conv2d(a, cl.ones([1, 1, 1, 1])), /conv2d: expected x as a live tensor/);
  });

  it("a conv whose output would need 10^10 elements says how many bytes", () => {
    const err = (() => {
      try {
        cl.conv2d(cl.zeros([1, 1, 10, 10]), cl.zeros([10000, 1, 1, 1]), { padding: 500 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(err instanceof cl.ConvlabError, `expected a ConvlabError, got ${String(err)}`);
    assert.match(
      err.message,
      new RegExp(
        `^conv2d: expected an output that fits in memory, got shape \\[1,10000,1010,1010\\]: ` +
          `1.02e\\+10 float32 values needing 40,804,000,000 bytes \\(40.8 GB\\), more than the .* one tensor can hold on the ${name} backend$`,
      ),
    );
  });
});
