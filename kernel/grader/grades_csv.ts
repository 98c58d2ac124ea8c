/**
 * `grades.csv` with `nbgrader export`'s columns (nbgrader/plugins/export.py, CsvExportPlugin), so scripts that
 * import nbgrader's export read convlab's unchanged: one row per assignment and student, the assignment being
 * the notebook's id, numbers written as Python's str(float) writes them ("7.0", "2.5"). convlab knows no
 * names, e-mails or due dates: those columns stay empty, and no late penalty is applied.
 */
import { pyFloat } from "../runner/pyjson";
import type { GradeResult } from "./result";

export const NBGRADER_EXPORT_COLUMNS = [
  "assignment",
  "duedate",
  "timestamp",
  "student_id",
  "last_name",
  "first_name",
  "email",
  "raw_score",
  "late_submission_penalty",
  "score",
  "max_score",
] as const;

/** A CSV field: quoted only when it must be (nbgrader writes raw; quoting keeps odd student ids parseable). */
function field(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function gradesCsv(results: readonly GradeResult[]): string {
  const rows = [...results].sort((a, b) => a.notebook.localeCompare(b.notebook) || a.student.localeCompare(b.student));
  const lines = [NBGRADER_EXPORT_COLUMNS.join(",")];
  for (const r of rows) {
    const row: Record<(typeof NBGRADER_EXPORT_COLUMNS)[number], string> = {
      assignment: r.notebook,
      duedate: "",
      timestamp: r.timestamp,
      student_id: r.student,
      last_name: "",
      first_name: "",
      email: "",
      raw_score: pyFloat(r.score),
      late_submission_penalty: pyFloat(0),
      score: pyFloat(r.score),
      max_score: pyFloat(r.max_score),
    };
    lines.push(NBGRADER_EXPORT_COLUMNS.map((k) => field(row[k])).join(","));
  }
  return lines.join("\n") + "\n";
}

/** One row per test cell: what a spreadsheet needs to see where a class lost points. */
export function gradesByCellCsv(results: readonly GradeResult[]): string {
  const lines = ["student_id,notebook,grade_id,score,max_score,status,seconds"];
  for (const r of results)
    for (const c of r.cells) {
      lines.push(
        [r.student, r.notebook, c.grade_id, pyFloat(c.score), pyFloat(c.max_score), c.status, c.seconds.toFixed(1)]
          .map(field)
          .join(","),
      );
    }
  return lines.join("\n") + "\n";
}
