/**
 * `cl.grading`: what a graded assignment's test cells use (kernel/grader grades them; docs/grading.md).
 * Test groups with named cases, checks that fail a case instead of the cell, points earned as the cell's
 * numeric result, and forbidden ops while the student's code runs.
 */
export { tests, TestGroup, type TestsOptions } from "./test_group";
export { forbid, expandForbid, FAMILIES } from "./forbid";
export { GRADE_MIME, caseLine, type CaseRecord } from "./record";
export { ForbiddenOpError } from "../core/forbid";
