/**
 * What grading one submission produces: `GRADED/<student>/<id>.json` (format convlab-grade/1), beside the
 * executed notebook. Feedback, grades.csv and Gradescope's results.json are all written from it.
 */
import type { Restoration } from "./restore";

export type CellStatus = "passed" | "partial" | "failed" | "error" | "timeout" | "not run";

export interface CaseResult {
  name: string;
  passed: boolean;
  /** "" when passed; "did not run" for a case the cell never reached */
  message: string;
  hidden: boolean;
}

export interface CellResult {
  grade_id: string;
  score: number;
  max_score: number;
  status: CellStatus;
  /** the cell's error ("ename: evalue", never its traceback: that may quote hidden tests), or why it stopped */
  message?: string;
  cases: CaseResult[];
  /** the cell's visible output (stdout and the case lines), for feedback */
  output: string;
  seconds: number;
  warnings: string[];
}

export interface GradeResult {
  format: "convlab-grade/1";
  student: string;
  notebook: string;
  title: string;
  score: number;
  max_score: number;
  /** "graded", or "missing" (no such notebook was submitted) or "unreadable" (not a notebook) */
  submission: "graded" | "missing" | "unreadable";
  timestamp: string;
  seconds: number;
  restored: Restoration[];
  /** kernel restarts (the execution process or the kernel died) and the cells replayed after each */
  restarts: Array<{ at: string; reason: string; replayed: number }>;
  cells: CellResult[];
  notes: string[];
}

export const RESULT_FORMAT = "convlab-grade/1";

/** Rounded like the scores students see: 1e-6, no float noise (2.0000000000000004 → 2). */
export const roundScore = (x: number): number => Math.round(x * 1e6) / 1e6;
