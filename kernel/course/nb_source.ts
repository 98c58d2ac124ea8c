/**
 * The plain-text notebook source (`.nb`): a sequence of cells, each opened by a header line
 *
 *   %% md                 a markdown cell
 *   %% code               a code cell
 *   %% code [template]    only in the student's version of an assignment
 *   %% code [solution]    only in the instructor's version (md cells take the same tags)
 *
 * A graded assignment (nbgrader's format, see kernel/grader/) gives cells a role and settings instead:
 *
 *   %% code locked id=setup                              read-only setup, restored when graded
 *   %% code solution id=correlate2d                      the student's answer, between // BEGIN/END SOLUTION
 *   %% code tests id=part1 points=3 timeout=60 forbid=conv,unfold    autograder tests (may hold hidden tests)
 *   %% md locked id=intro                                read-only text
 *
 * and holding the lines up to the next header, without leading and trailing blank lines. Text before the first
 * header and any other line starting with `%% ` are errors: a mistyped header must not become cell text.
 */
import { readFileSync } from "node:fs";

export type CellKind = "md" | "code";
export type Variant = "template" | "solution";

export type GradeRole = "tests" | "solution" | "locked";

export interface GradeSpec {
  role: GradeRole;
  id: string;
  points?: number;
  timeout?: number;
  forbid?: string[];
}

export interface SourceCell {
  kind: CellKind;
  /** null: in every version */
  variant: Variant | null;
  /** the cell's nbgrader role, for graded assignments */
  grade?: GradeSpec;
  text: string;
  /** 1-based line of the header, for messages */
  line: number;
}

const HEADER = /^%% (md|code)(?: \[(template|solution)\])?((?: [a-z]+(?:=\S+)?)*)\s*$/;
const ROLES: readonly GradeRole[] = ["tests", "solution", "locked"];

/** `tests id=part1 points=3 forbid=conv,unfold` → the spec; errors name the line. */
function gradeSpec(tokens: string, where: string): GradeSpec | undefined {
  const words = tokens.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const role = words[0] as GradeRole;
  if (!ROLES.includes(role))
    throw new Error(
      `${where}: expected a role (${ROLES.join(", ")}) after the cell kind, got ${JSON.stringify(words[0])}`,
    );
  const spec: Partial<GradeSpec> & { role: GradeRole } = { role };
  for (const w of words.slice(1)) {
    const [key, value = ""] = w.split("=", 2);
    const num = Number(value);
    if (key === "id" && /^[A-Za-z0-9_-]+$/.test(value)) spec.id = value;
    else if ((key === "points" || key === "timeout") && value !== "" && num >= 0 && Number.isFinite(num))
      spec[key] = num;
    else if (key === "forbid" && value !== "") spec.forbid = value.split(",");
    else throw new Error(`${where}: expected id=NAME, points=N, timeout=S or forbid=a,b, got ${JSON.stringify(w)}`);
  }
  if (!spec.id) throw new Error(`${where}: expected id=NAME on a ${role} cell, got none`);
  if (role === "tests" && spec.points === undefined)
    throw new Error(`${where}: expected points=N on a tests cell, got none`);
  if (role !== "tests" && (spec.points !== undefined || spec.timeout !== undefined || spec.forbid)) {
    throw new Error(`${where}: expected points, timeout and forbid on tests cells only, got them on a ${role} cell`);
  }
  return spec as GradeSpec;
}

export function parseSource(text: string, file: string): SourceCell[] {
  const cells: SourceCell[] = [];
  const bodies: string[][] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = HEADER.exec(line);
    if (m) {
      const grade = gradeSpec(m[3] ?? "", `convlab build: ${file}:${i + 1}`);
      cells.push({
        kind: m[1] === "md" ? "md" : "code",
        variant: m[2] === "template" || m[2] === "solution" ? m[2] : null,
        text: "",
        line: i + 1,
        ...(grade ? { grade } : {}),
      });
      bodies.push([]);
    } else if (line.startsWith("%% ") || line === "%%") {
      throw new Error(
        `convlab build: ${file}:${i + 1}: expected a cell header "%% md" or "%% code", optionally with [template] or [solution], got ${JSON.stringify(line)} (a graded cell: "%% code tests id=NAME points=N", docs/grading.md)`,
      );
    } else if (cells.length === 0) {
      if (line.trim())
        throw new Error(
          `convlab build: ${file}:${i + 1}: expected a cell header before any text, got ${JSON.stringify(line)}`,
        );
    } else {
      bodies[bodies.length - 1].push(line);
    }
  });
  cells.forEach((c, i) => {
    c.text = bodies[i].join("\n").replace(/^\n+|\n+$/g, "");
  });
  return cells;
}

export function readSource(path: string, shown = path): SourceCell[] {
  return parseSource(readFileSync(path, "utf8"), shown);
}

/** true when cells carry nbgrader roles: a graded assignment (built by kernel/grader's assign) */
export function isGraded(cells: readonly SourceCell[]): boolean {
  return cells.some((c) => c.grade !== undefined);
}

/** true when the source has [template]/[solution] cells, i.e. it builds a student and an instructor version */
export function hasVariants(cells: readonly SourceCell[]): boolean {
  return cells.some((c) => c.variant !== null);
}

/** The cells of one version: untagged cells plus the ones tagged for it. */
export function cellsFor(cells: readonly SourceCell[], variant: Variant): SourceCell[] {
  return cells.filter((c) => c.variant === null || c.variant === variant);
}
