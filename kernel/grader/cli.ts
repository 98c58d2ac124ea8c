/**
 * The grading commands of `npx convlab` (registered in kernel/cli.ts; flags as in the api contract):
 *   assign SOURCE... --out RELEASE [--check]     student versions + manifests (RELEASE/student/<id>.ipynb, RELEASE/<id>.grader.json)
 *   validate NOTEBOOK                            the student's own check of the visible tests
 *   autograde SUBMISSIONS --release RELEASE --out GRADED [--jobs N] [--cell-timeout S] [--notebook-timeout S] [--sandbox]
 *   feedback GRADED --out DIR                    HTML + Markdown per student
 *   gradescope RELEASE --out autograder.zip      a Gradescope autograder
 *   nbgrader-config                              the nbgrader_config.py for grading the same notebooks with nbgrader
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeNotebook } from "../runner/pyjson";
import { assignNotebook } from "./assign";
import { checkAssignment } from "./assign_check";
import { autograde, findSubmissions, writeTables } from "./autograde";
import { writeFeedback } from "./feedback";
import { gradeJobCommand } from "./grade_job";
import { gradescopeResults } from "./gradescope_results";
import { gradescopeZip } from "./gradescope_zip";
import type { IsolationOptions } from "./isolation";
import { manifestPath, manifestText, readRelease } from "./manifest";
import { nbgraderConfig } from "./nbgrader_config";
import { SandboxUnavailableError } from "./sandbox";
import { loadSource } from "./source";
import { validateNotebook, validationReport } from "./validate";

type Command = (argv: string[]) => Promise<number>;

const LIMIT_FLAGS = {
  "cell-timeout": { type: "string" },
  "notebook-timeout": { type: "string" },
  "memory-mb": { type: "string" },
  backend: { type: "string" },
  jobs: { type: "string" },
} as const;

function positive(cmd: string, flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(n > 0)) throw new Error(`convlab ${cmd}: expected --${flag} > 0, got ${v}`);
  return n;
}

function limits(
  cmd: string,
  v: Partial<Record<keyof typeof LIMIT_FLAGS, string>>,
  sandbox = false,
): IsolationOptions & { jobs: number } {
  return {
    cellTimeout: positive(cmd, "cell-timeout", v["cell-timeout"], 30),
    notebookTimeout: positive(cmd, "notebook-timeout", v["notebook-timeout"], 900),
    memoryMb: positive(cmd, "memory-mb", v["memory-mb"], 2048),
    jobs: Math.floor(positive(cmd, "jobs", v.jobs, 1)),
    sandbox,
    ...(v.backend ? { backend: v.backend } : {}),
  };
}

export const GRADER_COMMANDS: Record<string, Command> = {
  async assign(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" }, check: { type: "boolean" }, ...LIMIT_FLAGS },
    });
    if (!values.out) throw new Error("convlab assign: expected --out RELEASE, got none");
    if (positionals.length === 0)
      throw new Error("convlab assign: expected at least one SOURCE (.nb or .ipynb), got none");
    const opts = limits("assign", values);
    mkdirSync(join(values.out, "student"), { recursive: true });
    let failed = 0;
    for (const path of positionals) {
      const src = loadSource(path);
      const { student, manifest } = assignNotebook(src);
      writeFileSync(join(values.out, "student", `${src.id}.ipynb`), writeNotebook(student));
      let m = manifest;
      if (values.check) {
        const t0 = Date.now();
        const report = await checkAssignment(manifest, src.nb, student, opts);
        m = report.manifest;
        const cases = m.cells.flatMap((c) => c.cases ?? []);
        console.log(
          `${src.id}: solution ${report.solution.score}/${report.solution.max_score}, student version ${report.student.score}/${report.student.max_score}, ` +
            `${cases.length} cases (${cases.filter((c) => c.hidden).length} hidden), ${((Date.now() - t0) / 1000).toFixed(1)} s: ${report.problems.length ? "FAILED" : "ok"}`,
        );
        for (const p of report.problems) console.error(`  ${src.id}: ${p}`);
        if (report.problems.length) failed++;
      }
      writeFileSync(manifestPath(values.out, src.id), manifestText(m));
      console.log(
        `wrote ${join(values.out, "student", `${src.id}.ipynb`)} and ${manifestPath(values.out, src.id)} (${m.total_points} points)`,
      );
    }
    return failed ? 1 : 0;
  },

  async validate(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: LIMIT_FLAGS });
    if (positionals.length !== 1)
      throw new Error(`convlab validate: expected one NOTEBOOK.ipynb, got ${positionals.length}`);
    const r = await validateNotebook(positionals[0], limits("validate", values));
    for (const l of validationReport(r)) console.log(l);
    const hiddenOnly = (c: (typeof r.cells)[number]) => c.cases.length === 0 && c.status === "failed" && !c.message;
    return r.cells.every((c) => c.status === "passed" || hiddenOnly(c)) ? 0 : 1;
  },

  async autograde(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        release: { type: "string" },
        out: { type: "string" },
        sandbox: { type: "boolean" },
        student: { type: "string" },
        gradescope: { type: "string" },
        notebook: { type: "string", multiple: true },
        ...LIMIT_FLAGS,
      },
    });
    if (positionals.length !== 1 || !values.release || !values.out)
      throw new Error("convlab autograde: expected SUBMISSIONS --release RELEASE --out GRADED");
    const opts = limits("autograde", values, !!values.sandbox);
    const all = readRelease(values.release),
      only = values.notebook;
    const manifests = only ? all.filter((m) => only.includes(m.id)) : all;
    if (manifests.length === 0)
      throw new Error(
        `convlab autograde: expected --notebook among ${all.map((m) => m.id).join(", ")}, got ${only?.join(", ")}`,
      );
    const subs = findSubmissions(positionals[0], manifests, values.student);
    const t0 = Date.now();
    let results;
    try {
      results = await autograde(subs, {
        ...opts,
        release: values.release,
        out: values.out,
        ...(values.student ? { student: values.student } : {}),
        log: (l) => console.log(l),
      });
    } catch (e) {
      if (e instanceof SandboxUnavailableError) {
        console.error(e.message);
        return 2;
      }
      throw e;
    }
    writeTables(results, values.out);
    if (values.gradescope) writeFileSync(values.gradescope, JSON.stringify(gradescopeResults(results), null, 1) + "\n");
    const students = new Set(subs.map((s) => s.student)).size;
    console.log(
      `convlab autograde: ${results.length} notebook(s) of ${students} student(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s with --jobs ${opts.jobs}; ${join(values.out, "grades.csv")}`,
    );
    return 0;
  },

  async feedback(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" } },
    });
    if (positionals.length !== 1 || !values.out) throw new Error("convlab feedback: expected GRADED --out DIR");
    const written = writeFeedback(positionals[0], values.out);
    console.log(`convlab feedback: ${written.length / 2} report(s) (HTML and Markdown) in ${values.out}`);
    return 0;
  },

  async gradescope(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" }, notebook: { type: "string" }, ...LIMIT_FLAGS },
    });
    if (positionals.length !== 1 || !values.out)
      throw new Error("convlab gradescope: expected RELEASE --out autograder.zip");
    const o = limits("gradescope", values);
    const { zip, files } = gradescopeZip(positionals[0], {
      ...o,
      ...(values.notebook ? { notebook: values.notebook } : {}),
    });
    writeFileSync(values.out, zip);
    console.log(
      `convlab gradescope: wrote ${values.out} (${files} files, ${(zip.length / 1e6).toFixed(1)} MB) for ${readRelease(
        positionals[0],
      )
        .filter((m) => !values.notebook || m.id === values.notebook)
        .map((m) => m.id)
        .join(", ")}`,
    );
    return 0;
  },

  async "nbgrader-config"() {
    process.stdout.write(nbgraderConfig());
    return 0;
  },

  /** the grader's worker (isolation.ts) */
  async _grade(argv) {
    try {
      await gradeJobCommand(argv);
      process.exit(0);
    } catch (e) {
      // the parent keeps the scores of the cells graded so far (the progress file) and this message
      process.stderr.write(`convlab _grade: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    }
  },
};

export const GRADER_USAGE = `  assign SOURCE... --out RELEASE [--check]        student versions (RELEASE/student/) and manifests of graded
                                                   assignments; --check grades the solution and the student version
  validate NOTEBOOK                                run a notebook's visible tests, as the grader would
  autograde SUBMISSIONS --release RELEASE --out GRADED [--jobs N] [--cell-timeout S] [--notebook-timeout S]
            [--memory-mb MB] [--sandbox] [--backend B] [--notebook ID]... [--student ID] [--gradescope results.json]
                                                   grade SUBMISSIONS/<student>/<id>.ipynb: GRADED/grades.csv, per-student results
  feedback GRADED --out DIR                        HTML and Markdown feedback per student
  gradescope RELEASE --out autograder.zip [--notebook ID]   a Gradescope autograder
  nbgrader-config                                  print the nbgrader_config.py that grades the same notebooks`;
