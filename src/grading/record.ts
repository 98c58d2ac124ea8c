/**
 * A test case's record: one display per case, as it finishes, with the grade MIME type (read by the grader)
 * and a text/plain line (what a student sees in JupyterLab, and what prints outside a kernel). Records are
 * sent as the cases run, so a cell stopped half-way by a time limit still shows which cases passed. Nothing
 * goes to stderr: nbgrader scores any stderr output in a test cell as 0.
 */
import { emit } from "../display/sink";

export const GRADE_MIME = "application/vnd.convlab.grade+json";

export interface CaseRecord {
  /** the test group: the cell's grade_id */
  group: string;
  case: string;
  passed: boolean;
  /** why it failed ("" when it passed): a check's message or the error the student's code threw */
  message: string;
  /** the group's points: what the grader compares with the manifest */
  points: number;
  seconds: number;
}

export function caseLine(r: CaseRecord): string {
  return r.passed ? `✓ ${r.case}` : `✗ ${r.case}: ${r.message}`;
}

export function emitCase(r: CaseRecord): void {
  emit({ data: { [GRADE_MIME]: r, "text/plain": caseLine(r) }, metadata: {} });
}
