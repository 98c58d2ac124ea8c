/**
 * Gradescope's results.json (gradescope-autograders.readthedocs.io, "Autograder Specifications"): the total
 * `score`, `execution_time`, an `output` summary, and one test per test cell with `score`, `max_score`,
 * `status`, `name`, `output` and `visibility`. A cell's hidden cases get an entry of their own (names,
 * pass/fail and messages, never code) shown `after_published`, as otter does for hidden tests.
 */
import type { GradeResult } from "./result";

export interface GradescopeTest {
  name: string;
  score?: number;
  max_score?: number;
  status?: "passed" | "failed";
  output: string;
  visibility: "visible" | "hidden" | "after_due_date" | "after_published";
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  visibility: "visible";
  stdout_visibility: "hidden";
  tests: GradescopeTest[];
}

export function gradescopeResults(results: readonly GradeResult[]): GradescopeResults {
  const tests: GradescopeTest[] = [];
  const lines: string[] = [];
  for (const r of results) {
    lines.push(
      `${r.title}: ${r.score} / ${r.max_score}${r.submission === "graded" ? "" : ` (${r.notes[0] ?? r.submission})`}`,
    );
    for (const x of r.restored)
      lines.push(
        `  ${x.grade_id}: ${x.what} (${x.what === "unanswered" ? "still the stub" : "restored from the release"})`,
      );
    for (const c of r.cells) {
      const visible = c.cases
        .filter((k) => !k.hidden)
        .map((k) => (k.passed ? `✓ ${k.name}` : `✗ ${k.name}: ${k.message}`));
      const head = `${c.status}${c.message ? `: ${c.message}` : ""}`;
      tests.push({
        name: `${results.length > 1 ? `${r.notebook} · ` : ""}${c.grade_id}`,
        score: c.score,
        max_score: c.max_score,
        status: c.score >= c.max_score ? "passed" : "failed",
        output: [head, ...(visible.length ? visible : [c.output.trim()])].filter(Boolean).join("\n"),
        visibility: "visible",
      });
      const hidden = c.cases.filter((k) => k.hidden);
      if (hidden.length) {
        tests.push({
          name: `${c.grade_id} · hidden tests`,
          output: hidden.map((k) => (k.passed ? `✓ ${k.name}` : `✗ ${k.name}: ${k.message}`)).join("\n"),
          visibility: "after_published",
        });
      }
    }
  }
  return {
    score: results.reduce((s, r) => s + r.score, 0),
    execution_time: Math.round(results.reduce((s, r) => s + r.seconds, 0)),
    output: lines.join("\n"),
    visibility: "visible",
    stdout_visibility: "hidden",
    tests,
  };
}
