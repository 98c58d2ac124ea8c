/** Dawn's start-up notices stay out of notebook output; every other stderr line passes through. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withoutDawnNoise } from "../../kernel/exec/exec_process";

it("drops Dawn's artificially-reduced notices only", () => {
  const noise =
    "Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.\n" +
    "Warning: maxDynamicStorageBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit dynamic offset allocation limit.\n";
  assert.equal(withoutDawnNoise(noise), "");
  assert.equal(withoutDawnNoise(`a\n${noise}Warning: something else\n`), "a\nWarning: something else\n");
});
