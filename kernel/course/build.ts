/**
 * `convlab build [--check] [--root DIR]`: builds the course from notebooks/course.json and instructor/src
 * (see layout.ts) — every notebook, the solutions, notebooks/index.ipynb and docs/notebooks.md. Only files whose
 * text changes are written. `--check` writes nothing and exits 1 when a committed file differs from what the
 * sources build, or when a notebook lies in notebooks/ or instructor/solutions/ that the map does not list
 * (CI runs it). No Python: the JSON is written the way nbformat writes it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { kernelRoot } from "../paths";
import { COURSE_MAP, INDEX, NOTEBOOKS, SOLUTIONS } from "./layout";
import { filesUnder, planCourse } from "./plan";

export interface BuildReport {
  written: string[];
  /** files that differ from the build (in --check mode nothing is written) */
  stale: string[];
  /** .ipynb files in notebooks/ or instructor/solutions/ that the build does not produce */
  strays: string[];
}

export function buildCourse(root: string, opts: { check?: boolean } = {}): BuildReport {
  const plan = planCourse(root);
  const report: BuildReport = { written: [], stale: [], strays: [] };
  for (const f of plan.files) {
    const abs = join(root, f.path);
    if (existsSync(abs) && readFileSync(abs, "utf8") === f.text) continue;
    report.stale.push(f.path);
    if (opts.check) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.text);
    report.written.push(f.path);
  }
  const built = new Set(plan.files.map((f) => f.path));
  // notebooks/**/*.ipynb also finds executed copies beside a notebook (NAME.executed.ipynb): strays as well
  for (const nb of [...filesUnder(root, NOTEBOOKS, ".ipynb"), ...filesUnder(root, SOLUTIONS, ".ipynb")]) {
    if (!built.has(nb)) report.strays.push(nb);
  }
  return report;
}

/** The nearest folder at or above dir that holds a course map, else the convlab checkout itself. */
function courseRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, COURSE_MAP))) return d;
    if (dirname(d) === d) return kernelRoot();
  }
}

export async function buildCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: "boolean" }, root: { type: "string" } } });
  const root = resolve(values.root ?? courseRoot(process.cwd()));
  const r = buildCourse(root, { check: values.check });
  for (const p of r.written) console.log(`wrote ${p}`);
  for (const p of r.strays)
    console.error(
      `${values.check ? "error" : "warning"}: ${p} is not built from the course map (remove it, or add it to notebooks/course.json)`,
    );
  if (values.check) {
    for (const p of r.stale) console.error(`error: ${p} differs from what its source builds`);
    if (r.stale.length || r.strays.length) {
      console.error("convlab build --check: run `npx convlab build` and commit the result");
      return 1;
    }
    console.log(`convlab build --check: ${INDEX} and every notebook are up to date`);
    return 0;
  }
  console.log(`convlab build: ${r.written.length} file(s) written in ${root}, every other file up to date`);
  return 0;
}
