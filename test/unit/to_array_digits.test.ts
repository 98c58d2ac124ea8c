/** t.toArray({digits}): values rounded for printing, nested like toArray(), on every backend. */
import assert from "node:assert/strict";
import { it } from "node:test";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";

describeBackends("toArray({digits})", () => {
  it("rounds float32 values to plain decimals, keeps the nesting, never prints -0", async () => {
    assert.deepEqual(
      await cl
        .tensor([
          [0.1, 2 / 3],
          [-0.00001, 5],
        ])
        .toArray({ digits: 4 }),
      [
        [0.1, 0.6667],
        [0, 5],
      ],
    );
    assert.equal(await cl.tensor(1 / 3).toArray({ digits: 2 }), 0.33);
    assert.notEqual(((await cl.tensor([0.1]).toArray()) as number[])[0], 0.1); // what digits is for
  });
  it("rejects a bad digits", async () => {
    await assert.rejects(
      () => cl.tensor([1]).toArray({ digits: 1.5 }),
      /toArray: expected digits as an integer in 0..15, got 1.5/,
    );
  });
});
