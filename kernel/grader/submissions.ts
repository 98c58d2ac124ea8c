/**
 * Where the submitted notebooks are: `SUBMISSIONS/<student>/<id>.ipynb` (one folder per student, the
 * layout of the api contract), also one level deeper as nbgrader's `submitted/<student>/<assignment>/<id>.ipynb`.
 * With a single student (`--student`, Gradescope's /autograder/submission) a lone notebook with another
 * name counts as the assignment's when the release has one notebook: students rename files when they upload.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Manifest } from "./manifest";

export interface Submission {
  student: string;
  manifest: Manifest;
  /** the folder copied for the kernel (the notebook's folder), or null when nothing was submitted */
  folder: string | null;
  /** the notebook's path inside `folder` */
  file: string | null;
}

const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
const notebooksIn = (dir: string): string[] =>
  readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.startsWith("."));

function find(dir: string, m: Manifest, single: boolean, manifests: number): { folder: string; file: string } | null {
  const direct = join(dir, `${m.id}.ipynb`);
  if (existsSync(direct)) return { folder: dir, file: `${m.id}.ipynb` };
  for (const sub of readdirSync(dir)
    .filter((d) => !d.startsWith(".") && isDir(join(dir, d)))
    .sort()) {
    if (existsSync(join(dir, sub, `${m.id}.ipynb`))) return { folder: join(dir, sub), file: `${m.id}.ipynb` };
  }
  const lone = notebooksIn(dir);
  if (single && manifests === 1 && lone.length === 1) return { folder: dir, file: lone[0] };
  return null;
}

export function findSubmissions(root: string, manifests: readonly Manifest[], student?: string): Submission[] {
  if (!isDir(root)) throw new Error(`convlab autograde: expected a folder of submissions, got ${root}`);
  const students =
    student !== undefined
      ? [{ id: student, dir: root }]
      : readdirSync(root)
          .filter((d) => !d.startsWith(".") && isDir(join(root, d)))
          .sort()
          .map((d) => ({ id: d, dir: join(root, d) }));
  if (students.length === 0) throw new Error(`convlab autograde: expected one folder per student in ${root}, got none`);
  const out: Submission[] = [];
  for (const s of students) {
    for (const m of manifests) {
      const hit = find(s.dir, m, student !== undefined, manifests.length);
      out.push({
        student: s.id,
        manifest: m,
        folder: hit?.folder ?? null,
        file: hit ? relative(hit.folder, join(hit.folder, hit.file)) : null,
      });
    }
  }
  return out;
}
