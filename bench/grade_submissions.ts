/**
 * How long grading takes: N submissions of each course assignment (the student version with the reference
 * answers: every cell runs, as in a good submission), graded with `convlab autograde --jobs J`.
 *   node --import tsx bench/grade_submissions.ts [--count 20] [--jobs 2] [--notebook ID]...
 * Prints seconds per assignment (wall time of the whole autograde run) and the machine's load average.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readCourseMap } from "../kernel/course/course_map";
import { stemOf } from "../kernel/course/layout";
import { rejoinLines, writeNotebook, type NotebookJson } from "../kernel/runner/pyjson";

const ROOT = join(__dirname, "..");
const { values } = parseArgs({
  options: {
    count: { type: "string", default: "20" },
    jobs: { type: "string", default: "2" },
    notebook: { type: "string", multiple: true },
  },
});
const read = (p: string) => rejoinLines(JSON.parse(readFileSync(p, "utf8")) as NotebookJson);
const idOf = (c: NotebookJson["cells"][number]) => (c.metadata.nbgrader as { grade_id?: string } | undefined)?.grade_id;

const ids =
  values.notebook ?? readCourseMap(join(ROOT, "notebooks", "course.json")).assignments.map((a) => stemOf(a.notebook));
const rows: string[] = [];
for (const id of ids) {
  const dir = mkdtempSync(join(tmpdir(), "convlab-bench-"));
  const student = read(join(ROOT, "instructor", "release", "student", `${id}.ipynb`));
  const answers = new Map(
    read(join(ROOT, "instructor", "solutions", "assignments", `${id}.ipynb`)).cells.map(
      (c) => [idOf(c), c.source] as const,
    ),
  );
  for (const c of student.cells)
    if ((c.metadata.nbgrader as { solution?: boolean } | undefined)?.solution) c.source = String(answers.get(idOf(c)));
  for (let i = 0; i < Number(values.count); i++) {
    mkdirSync(join(dir, "submitted", `student-${String(i).padStart(2, "0")}`), { recursive: true });
    writeFileSync(
      join(dir, "submitted", `student-${String(i).padStart(2, "0")}`, `${id}.ipynb`),
      writeNotebook(student),
    );
  }
  const load = loadavg()[0];
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, "bin", "convlab.js"),
      "autograde",
      join(dir, "submitted"),
      "--release",
      join(ROOT, "instructor", "release"),
      "--notebook",
      id,
      "--out",
      join(dir, "graded"),
      "--jobs",
      String(values.jobs),
      "--backend",
      "cpu",
    ],
    { encoding: "utf8" },
  );
  const seconds = (Date.now() - t0) / 1000;
  const grades = readFileSync(join(dir, "graded", "grades.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const full = grades.filter((l) => {
    const f = l.split(",");
    return f[9] === f[10];
  }).length;
  rows.push(
    `| ${id} | ${values.count} | ${values.jobs} | ${seconds.toFixed(0)} | ${(seconds / Number(values.count)).toFixed(1)} | ${full}/${grades.length} | ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)} |`,
  );
  console.log(rows[rows.length - 1] + (r.status === 0 ? "" : `  (exit ${r.status}: ${r.stderr.slice(-300)})`));
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  [
    "| assignment | submissions | --jobs | seconds | s per submission | full marks | load average (start → end) |",
    "|---|---:|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n"),
);
