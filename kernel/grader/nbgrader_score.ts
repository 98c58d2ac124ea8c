/**
 * nbgrader's per-cell scoring rule (utils.determine_grade and get_partial_grade), ported so that a notebook
 * scores the same under `nbgrader autograde` and `convlab autograde`:
 *   - a code grade cell whose outputs contain an `error`, or a `stderr` stream, before any execute_result: 0;
 *   - else its first `execute_result` decides: text/plain parsed as Python's float() is the score
 *     (above the maximum: an error; negative, NaN or not a number: full points with a warning);
 *   - else (no result at all): full points.
 * A grade cell that is also a solution cell (manually graded) is unscored (null) unless left as released (0).
 */
import { computeChecksum } from "./checksum";
import { isGrade, isSolution, nbgraderOf, type NbCell } from "./nbgrader_cell";

export interface NbgraderGrade {
  score: number | null;
  max: number;
  warning?: string;
}

/** Python's float(str), or null where Python raises ValueError. */
export function pythonFloat(text: string): number | null {
  const s = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  const digits = String.raw`\d(?:_?\d)*`;
  const re = new RegExp(`^[+-]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][+-]?${digits})?$`);
  return re.test(s) ? Number(s.replace(/_/g, "")) : null;
}

/** get_partial_grade: throws where nbgrader raises (no text/plain, a score above the maximum). */
export function partialGrade(output: Record<string, unknown>, max: number): NbgraderGrade {
  const data = (output.data ?? {}) as Record<string, unknown>;
  let grade = data["text/plain"];
  if (!grade || (Array.isArray(grade) && grade.length === 0))
    throw new Error("determine_grade: expected output['data']['text/plain'], got none");
  if (Array.isArray(grade)) {
    if (grade.length > 1)
      return {
        score: max,
        max,
        warning: `the result is ${grade.length} lines, not one number: full credit (nbgrader's rule)`,
      };
    grade = grade[0];
  }
  const v = pythonFloat(String(grade));
  if (v === null)
    return {
      score: max,
      max,
      warning: `the result ${JSON.stringify(String(grade))} is not a number: full credit (nbgrader's rule)`,
    };
  if (v >= 0) {
    if (v > max) throw new Error(`determine_grade: expected partial credit <= ${max}, got ${v}`);
    return { score: v, max };
  }
  return {
    score: max,
    max,
    warning: `the result ${String(grade)} is below 0 or not a number: full credit (nbgrader's rule)`,
  };
}

export function determineGrade(cell: NbCell): NbgraderGrade {
  const m = nbgraderOf(cell);
  if (!isGrade(m)) throw new Error("determine_grade: expected a grade cell, got another cell");
  const max = Number(m?.points ?? 0);
  if (isSolution(m)) {
    return m?.checksum !== undefined && m.checksum === computeChecksum(cell) ? { score: 0, max } : { score: null, max };
  }
  if (cell.cell_type !== "code") return { score: null, max };
  for (const o of cell.outputs ?? []) {
    if (o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr")) return { score: 0, max };
    if (o.output_type === "execute_result") return partialGrade(o, max);
  }
  return { score: max, max };
}
