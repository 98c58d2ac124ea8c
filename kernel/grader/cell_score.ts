/**
 * The score of one test cell after it ran. Two sources, in this order:
 *   1. the case records that cl.grading sent (record.ts), matched against the manifest's list of cases:
 *      points × passed / cases, so a case that never ran (a time limit, an error half-way) counts as failed
 *      and the denominator never shrinks;
 *   2. without records, nbgrader's rule on the outputs (nbgrader_score.ts); a cell that timed out, or whose
 *      kernel died, scores 0.
 * The maximum is the manifest's, always.
 */
import { GRADE_MIME, caseLine, type CaseRecord } from "../../src/grading/record";
import type { ManifestCell } from "./manifest";
import type { NbCell } from "./nbgrader_cell";
import { determineGrade } from "./nbgrader_score";
import { roundScore, type CaseResult, type CellResult, type CellStatus } from "./result";

export type RunStatus = "ok" | "error" | "timeout" | "died" | "not run";

const joined = (t: unknown): string => (Array.isArray(t) ? t.join("") : String(t ?? ""));

export function caseRecords(cell: NbCell, group: string): CaseRecord[] {
  const out: CaseRecord[] = [];
  for (const o of cell.outputs ?? []) {
    const r = (o.data as Record<string, unknown> | undefined)?.[GRADE_MIME] as CaseRecord | undefined;
    if (r && typeof r.case === "string" && r.group === group) out.push(r);
  }
  return out;
}

/** The text a student may see: stdout and case lines; errors as "ename: evalue" only. */
export function visibleOutput(cell: NbCell): string {
  const parts: string[] = [];
  for (const o of cell.outputs ?? []) {
    if (o.output_type === "stream") parts.push(joined(o.text));
    else if (o.output_type === "error") parts.push(`${String(o.ename)}: ${String(o.evalue)}\n`);
    else if (o.output_type === "display_data" || o.output_type === "execute_result") {
      const data = (o.data ?? {}) as Record<string, unknown>;
      const rec = data[GRADE_MIME] as CaseRecord | undefined;
      if (rec) parts.push(caseLine(rec) + "\n");
      else if (o.output_type === "execute_result") parts.push(`Result: ${joined(data["text/plain"])}\n`);
    }
  }
  return parts.join("");
}

function firstError(cell: NbCell): string | undefined {
  const e = (cell.outputs ?? []).find((o) => o.output_type === "error");
  return e ? `${String(e.ename)}: ${String(e.evalue)}` : undefined;
}

export function scoreCell(mc: ManifestCell, cell: NbCell, run: RunStatus, seconds: number, why?: string): CellResult {
  const max = mc.points ?? 0;
  const warnings: string[] = [];
  const records = caseRecords(cell, mc.grade_id);
  const hidden = new Set((mc.cases ?? []).filter((c) => c.hidden).map((c) => c.name));
  let score: number,
    cases: CaseResult[] = [];
  if (records.length > 0 || (mc.cases?.length && run !== "ok")) {
    const names = mc.cases?.map((c) => c.name) ?? [...new Set(records.map((r) => r.case))];
    if (!mc.cases)
      warnings.push("the manifest lists no cases (run convlab assign --check): cases that never ran are not counted");
    const last = new Map(records.map((r) => [r.case, r] as const));
    cases = names.map((name) => {
      const r = last.get(name);
      return { name, passed: !!r?.passed, message: r ? r.message : "did not run", hidden: hidden.has(name) };
    });
    score = cases.length ? (max * cases.filter((c) => c.passed).length) / cases.length : 0;
  } else if (run === "ok" || run === "error") {
    try {
      const g = determineGrade(cell);
      score = g.score ?? 0;
      if (g.warning) warnings.push(g.warning);
    } catch (e) {
      score = 0;
      warnings.push((e as Error).message);
    }
  } else score = 0;
  if ((cell.outputs ?? []).some((o) => o.output_type === "stream" && o.name === "stderr")) {
    warnings.push("the cell wrote to stderr (nbgrader scores such a cell 0)");
  }
  score = roundScore(Math.min(max, Math.max(0, score)));
  const status: CellStatus =
    run === "timeout"
      ? "timeout"
      : run === "not run"
        ? "not run"
        : run === "died"
          ? "error"
          : score >= max
            ? "passed"
            : score > 0
              ? "partial"
              : run === "error"
                ? "error"
                : "failed";
  const message = why ?? firstError(cell);
  return {
    grade_id: mc.grade_id,
    score,
    max_score: max,
    status,
    ...(message ? { message } : {}),
    cases,
    output: visibleOutput(cell),
    seconds,
    warnings,
  };
}
