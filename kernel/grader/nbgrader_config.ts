/**
 * `convlab nbgrader-config`: the nbgrader_config.py lines that let nbgrader grade convlab's notebooks too
 * (one source, either grader): the TypeScript stub nbgrader lacks (without it generate_assignment raises
 * "language 'typescript' has not been specified in ClearSolutions.code_stub"), the stub and markers exactly
 * as `convlab assign` writes them, nbgrader's 30 s per cell, and re-adding deleted test cells.
 */
import { CODE_STUB } from "./markers";

export function nbgraderConfig(): string {
  return `# nbgrader_config.py — grade convlab (TypeScript) notebooks with nbgrader, written by \`npx convlab nbgrader-config\`.
# The grading machine needs the kernel: \`npx convlab install\` (kernelspec "convlab", language "typescript").
c = get_config()

# The stub that replaces // BEGIN SOLUTION … // END SOLUTION (the same as \`convlab assign\` writes)
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE\\nraise NotImplementedError()",
    "typescript": ${JSON.stringify(CODE_STUB)},
}
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Per-cell time limit (convlab's --cell-timeout default; metadata.convlab.timeout is convlab's only)
c.ExecutePreprocessor.timeout = 30

# Deleted test cells come back (convlab always does this)
c.OverwriteCells.add_missing_cells = True
`;
}
