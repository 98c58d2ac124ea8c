/**
 * nbgrader's cell metadata, schema version 3 (nbgrader/nbgraderformat/v3.json), which is convlab's on-disk
 * format for graded notebooks: a cell's role lives in `metadata.nbgrader`, convlab's own settings (a test
 * cell's time limit, the ops the student may not call) in `metadata.convlab`, which nbgrader leaves alone
 * (it deletes unknown keys inside `nbgrader` only).
 *
 * Roles, as nbgrader's "Create Assignment" toolbar names them:
 *   tests    `{grade: true, points}`   autograder tests: scored, restored from the manifest, read-only
 *   solution `{solution: true}`        the student's answer: markers replaced by a stub
 *   locked   `{locked: true}`          read-only setup or instructions: restored from the manifest
 */
import type { NotebookJson } from "../runner/pyjson";

export type NbCell = NotebookJson["cells"][number];

export interface NbgraderMeta {
  schema_version: 3;
  grade: boolean;
  solution: boolean;
  locked: boolean;
  grade_id: string;
  points?: number;
  checksum?: string;
  cell_type?: string;
  task?: boolean;
}

export interface ConvlabMeta {
  /** seconds this cell may run (else the grader's --cell-timeout) */
  timeout?: number;
  /** ops and op families the student's code may not call while a test runs it (see cl.grading) */
  forbid?: string[];
}

export type Role = "tests" | "solution" | "locked";

export function nbgraderOf(cell: NbCell): NbgraderMeta | null {
  const m = cell.metadata?.nbgrader;
  return typeof m === "object" && m !== null ? (m as NbgraderMeta) : null;
}

export function convlabOf(cell: NbCell): ConvlabMeta {
  const m = cell.metadata?.convlab;
  return typeof m === "object" && m !== null ? m : {};
}

/** nbgrader's utils.is_grade / is_solution: the stored value, False when absent. */
export const isGrade = (m: NbgraderMeta | null): boolean => !!m && m.grade === true;
export const isSolution = (m: NbgraderMeta | null): boolean => !!m && m.solution === true;

/** nbgrader's utils.is_locked: grade cells are locked, solution cells never, others by their flag. */
export function isLocked(m: NbgraderMeta | null): boolean {
  if (!m) return false;
  if (isSolution(m)) return false;
  if (isGrade(m)) return true;
  return m.locked === true;
}

/** The role convlab grades by; null for ordinary cells and for the roles convlab does not grade. */
export function roleOf(m: NbgraderMeta | null): Role | null {
  if (!m || m.task) return null;
  if (isGrade(m) && isSolution(m)) return null; // a manually graded answer
  if (isGrade(m)) return "tests";
  if (isSolution(m)) return "solution";
  return m.locked ? "locked" : null;
}

/** The metadata of a role, as nbgrader's toolbar writes it. */
export function metaFor(role: Role, gradeId: string, points?: number): NbgraderMeta {
  return {
    schema_version: 3,
    grade: role === "tests",
    solution: role === "solution",
    locked: role !== "solution",
    grade_id: gradeId,
    ...(role === "tests" ? { points: points ?? 0 } : {}),
  };
}
