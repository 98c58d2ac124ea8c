/**
 * `cl.grading.tests(id, {points, forbid})`: a test cell's group of named cases. Each case runs, is recorded
 * (record.ts) and counts; the cell ends with `t.points()`, the points earned as a number — its numeric
 * result is nbgrader's partial credit, and convlab's grader recomputes the same value from the records and
 * the manifest (so cases that never ran count as failed).
 *
 *   const t = cl.grading.tests("part1", { points: 3, forbid: ["conv"] });
 *   await t.case("5x5 image, 3x3 kernel", async () => {
 *     const got = t.call(() => correlate2d(image, kernel));   // the student's code, conv ops forbidden
 *     await t.close(got, cl.conv2d(x, w));                    // the reference, computed outside t.call
 *   });
 *   t.points()
 */
import { compare } from "../check/compare";
import { CheckError } from "../check/error";
import { readValue, type CheckValue } from "../check/values";
import { DEFAULT_ATOL, DEFAULT_RTOL, type CloseOptions } from "../check/index";
import { liftForbidden } from "../core/forbid";
import { forbid } from "./forbid";
import { emitCase, type CaseRecord } from "./record";

export interface TestsOptions {
  /** the cell's points (its nbgrader metadata says the same; assign --check compares them) */
  points: number;
  /** ops or op families the student's code may not call inside `t.call` */
  forbid?: readonly string[];
}

export class TestGroup {
  private readonly records: CaseRecord[] = [];
  private readonly names = new Set<string>();

  constructor(
    readonly id: string,
    readonly opts: TestsOptions,
  ) {
    if (!(opts.points >= 0))
      throw new TypeError(`grading.tests: expected points >= 0, got ${JSON.stringify(opts.points)}`);
    liftForbidden();
  }

  /** Runs one named case; a throw (a failed check, the student's error) fails it. Never throws itself. */
  async case(name: string, fn: () => unknown): Promise<boolean> {
    if (this.names.has(name))
      throw new TypeError(
        `grading.tests("${this.id}").case: expected unique case names, got ${JSON.stringify(name)} twice`,
      );
    this.names.add(name);
    liftForbidden(); // a case never runs inside the student's code: anything still forbidden was left by an interrupt
    const t0 = performance.now();
    let passed = true,
      message = "";
    try {
      await fn();
    } catch (e) {
      passed = false;
      message = e instanceof Error ? (e instanceof CheckError ? e.message : `${e.name}: ${e.message}`) : String(e);
    }
    const r: CaseRecord = {
      group: this.id,
      case: name,
      passed,
      message,
      points: this.opts.points,
      seconds: (performance.now() - t0) / 1000,
    };
    this.records.push(r);
    emitCase(r);
    return passed;
  }

  /** Calls the student's code with the group's forbidden ops in force. */
  call<T>(fn: () => T): T {
    return this.opts.forbid?.length ? forbid(this.opts.forbid, fn) : fn();
  }

  /** Fails the case unless `actual` is within |a − e| <= atol + rtol·|e| of `expected` (cl.check.close's rule). */
  async close(actual: CheckValue, expected: CheckValue, opts: CloseOptions = {}): Promise<void> {
    const [a, e] = await Promise.all([
      readValue("close", "result", "actual", actual),
      readValue("close", "result", "expected", expected),
    ]);
    compare("close", "result", a, e, {
      atol: opts.atol ?? DEFAULT_ATOL,
      rtol: opts.rtol ?? DEFAULT_RTOL,
      equalNan: opts.equalNan ?? true,
    });
  }

  /** Fails the case unless the values are equal (numbers element by element, or two strings / booleans). */
  async equal(actual: CheckValue | string | boolean, expected: CheckValue | string | boolean): Promise<void> {
    if (typeof expected === "string" || typeof expected === "boolean") {
      if (actual !== expected)
        throw new CheckError("result", `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      return;
    }
    const [a, e] = await Promise.all([
      readValue("equal", "result", "actual", actual),
      readValue("equal", "result", "expected", expected),
    ]);
    compare("equal", "result", a, e, { atol: 0, rtol: 0, equalNan: true });
  }

  /** Fails the case unless `condition` holds; `detail` says what was found. */
  isTrue(condition: boolean, detail = "the condition does not hold"): void {
    if (condition !== true) throw new CheckError("result", detail);
  }

  /** Points earned so far: points × passed / cases run (rounded to 1e-6 so it prints cleanly). */
  points(): number {
    if (this.records.length === 0) return 0;
    const passed = this.records.filter((r) => r.passed).length;
    return Math.round(((this.opts.points * passed) / this.records.length) * 1e6) / 1e6;
  }

  /** passed/total per case, for a summary line */
  summary(): { passed: number; total: number; failed: string[] } {
    return {
      passed: this.records.filter((r) => r.passed).length,
      total: this.records.length,
      failed: this.records.filter((r) => !r.passed).map((r) => r.case),
    };
  }
}

export function tests(id: string, opts: TestsOptions): TestGroup {
  if (typeof id !== "string" || id === "")
    throw new TypeError(`grading.tests: expected the cell's grade_id, got ${JSON.stringify(id)}`);
  return new TestGroup(id, opts);
}
