/**
 * What a student's feedback says, computed once for both renderings (HTML and Markdown): the total, one
 * section per test cell (points, status, the visible output, each case with pass/fail and message, hidden
 * cases by name only — their code is never shown, nbgrader #917/#1363), what the grader restored, and the
 * student's own answer cells. Test-cell errors appear as "ename: evalue" without tracebacks, which could
 * quote hidden test code.
 */
import { existsSync, readFileSync } from "node:fs";
import { rejoinLines, type NotebookJson } from "../runner/pyjson";
import { nbgraderOf, roleOf } from "./nbgrader_cell";
import type { CellResult, GradeResult } from "./result";

export interface FeedbackPart {
  id: string;
  score: number;
  max: number;
  status: string;
  message?: string;
  visible: Array<{ name: string; passed: boolean; message: string }>;
  hidden: Array<{ name: string; passed: boolean; message: string }>;
  /** what else the test cell printed (its case lines are listed above it), errors as "ename: evalue" */
  output: string;
}

export interface Feedback {
  student: string;
  notebook: string;
  title: string;
  score: number;
  max: number;
  submission: string;
  restored: string[];
  notes: string[];
  parts: FeedbackPart[];
  answers: Array<{ id: string; source: string; output: string }>;
}

const RESTORED: Record<string, string> = {
  edited: "was edited; the original was run instead",
  missing: "was missing; it was put back and run",
  duplicate: "appeared twice; the copy was run as an ordinary cell",
  retyped: "had its cell type changed; it was changed back",
  unanswered: "was left as the stub (no answer)",
};

function part(c: CellResult): FeedbackPart {
  const cases = (hidden: boolean) =>
    c.cases.filter((k) => k.hidden === hidden).map((k) => ({ name: k.name, passed: k.passed, message: k.message }));
  return {
    id: c.grade_id,
    score: c.score,
    max: c.max_score,
    status: c.status,
    ...(c.message ? { message: c.message } : {}),
    visible: cases(false),
    hidden: cases(true),
    output: c.output
      .split("\n")
      .filter((l) => !/^[✓✗] /.test(l))
      .join("\n")
      .trim(),
  };
}

/** The student's answer cells (solution role) from the graded notebook, with their text output. */
function answers(graded: string | null): Feedback["answers"] {
  if (!graded || !existsSync(graded)) return [];
  const nb = rejoinLines(JSON.parse(readFileSync(graded, "utf8")) as NotebookJson);
  return nb.cells
    .filter((c) => roleOf(nbgraderOf(c)) === "solution")
    .map((c) => ({
      id: String(nbgraderOf(c)?.grade_id),
      source: String(c.source),
      output: (c.outputs ?? [])
        .map((o) =>
          o.output_type === "stream"
            ? String(o.text)
            : o.output_type === "error"
              ? `${String(o.ename)}: ${String(o.evalue)}\n`
              : "",
        )
        .join(""),
    }));
}

export function feedbackOf(r: GradeResult, gradedNotebook: string | null): Feedback {
  return {
    student: r.student,
    notebook: r.notebook,
    title: r.title,
    score: r.score,
    max: r.max_score,
    submission: r.submission,
    restored: r.restored.map((x) => `${x.grade_id} ${RESTORED[x.what] ?? x.what}`),
    notes: r.notes,
    parts: r.cells.map(part),
    answers: answers(gradedNotebook),
  };
}
