/**
 * What `convlab build` produces from the map and the sources: every file's path and text, computed without
 * writing anything, so that `build` and `build --check` (and the course test) share one definition. Checks on
 * the way: each notebook of the map has a source in instructor/src and lives in the folder of a lecture that
 * lists it (or in assignments/), each assignment is graded (nbgrader roles: its student version is what
 * `convlab assign` writes, its solution the source notebook with its roles) or has [template]/[solution] cells,
 * its `source` is where its solution is built, a lecture notebook has no [template] cells, and no source lies outside the map.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { lectureNotebooks, readCourseMap, type CourseMap } from "./course_map";
import { docsPage } from "./docs_page";
import { indexCells } from "./index_notebook";
import {
  ASSIGNMENTS_DIR,
  COURSE_MAP,
  DOCS_PAGE,
  INDEX,
  NOTEBOOKS,
  SOURCES,
  notebookFolder,
  notebookOfSource,
  solutionOf,
  sourceOf,
  stemOf,
} from "./layout";
import { assignNotebook } from "../grader/assign";
import { sourceFromNb } from "../grader/source";
import { writeNotebook } from "../runner/pyjson";
import { cellsFor, hasVariants, isGraded, readSource, type SourceCell } from "./nb_source";
import { notebookText } from "./notebook_json";

export interface BuiltFile {
  path: string;
  text: string;
}

export interface CoursePlan {
  map: CourseMap;
  files: BuiltFile[];
  /** the notebooks of the course, student versions (lectures then assignments) */
  notebooks: string[];
  /** the instructor's versions (sources with [solution] cells) */
  solutions: string[];
}

/** Every file under dir (repository-relative, posix separators) whose name ends with ext, sorted; hidden
 * folders (.ipynb_checkpoints, which JupyterLab writes beside every notebook it saves) are skipped. */
export function filesUnder(root: string, dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = posix.join(rel, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith(".")) walk(child);
      } else if (e.isFile() && e.name.endsWith(ext)) out.push(child);
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

function titleFrom(cells: readonly SourceCell[], source: string): string {
  const first = cells.find((c) => c.kind === "md");
  const heading = first?.text.split("\n").find((l) => l.startsWith("# "));
  if (!heading)
    throw new Error(`convlab build: ${source}: expected the first markdown cell to start with a "# title" line`);
  return heading.slice(2).trim();
}

const idPrefix = (notebook: string) =>
  posix
    .relative(NOTEBOOKS, notebook)
    .replace(/\.ipynb$/, "")
    .replace(/\//g, "-");

export function planCourse(root: string): CoursePlan {
  const map = readCourseMap(join(root, COURSE_MAP));
  const lectureIds = new Set(map.lectures.map((l) => l.id));
  const byNotebook = lectureNotebooks(map);
  const sources = new Map<string, SourceCell[]>();
  const load = (notebook: string, where: string): SourceCell[] => {
    const src = sourceOf(notebook);
    if (!existsSync(join(root, src)))
      throw new Error(`convlab build: expected the source of ${where} ${notebook} at ${src}, got no such file`);
    const cells = sources.get(src) ?? readSource(join(root, src), src);
    sources.set(src, cells);
    return cells;
  };
  const files: BuiltFile[] = [],
    notebooks: string[] = [],
    solutions: string[] = [];
  const titles = new Map<string, string>();
  const titleOf = (nb: string) => titles.get(nb) ?? nb;
  const emit = (notebook: string, cells: SourceCell[], variant: "template" | "solution") => {
    const path = variant === "template" ? notebook : solutionOf(notebook);
    files.push({ path, text: notebookText(idPrefix(notebook), cellsFor(cells, variant)) });
    (variant === "template" ? notebooks : solutions).push(path);
  };

  for (const [notebook, refs] of byNotebook) {
    const folder = notebookFolder(notebook, `the notebook of section ${refs[0].lecture.id}/${refs[0].section.id}`);
    if (!lectureIds.has(folder) || !refs.some((r) => r.lecture.id === folder)) {
      throw new Error(
        `course map: expected ${notebook} in the folder of a lecture with a section that lists it (${[...new Set(refs.map((r) => r.lecture.id))].join(", ")}), got folder ${folder}`,
      );
    }
    const cells = load(notebook, "section notebook");
    if (cells.some((c) => c.variant === "template"))
      throw new Error(
        `convlab build: ${sourceOf(notebook)}: expected no [template] cells in a lecture notebook (assignments have them), got some`,
      );
    titles.set(notebook, titleFrom(cells, sourceOf(notebook)));
    emit(notebook, cells, "template");
    if (hasVariants(cells)) emit(notebook, cells, "solution");
  }
  for (const a of map.assignments) {
    if (notebookFolder(a.notebook, `assignment ${a.id}'s notebook`) !== ASSIGNMENTS_DIR) {
      throw new Error(
        `course map: expected assignment ${a.id}'s notebook under notebooks/${ASSIGNMENTS_DIR}/, got ${a.notebook}`,
      );
    }
    if (a.source !== solutionOf(a.notebook))
      throw new Error(`course map: expected assignment ${a.id}'s source at ${solutionOf(a.notebook)}, got ${a.source}`);
    const cells = load(a.notebook, `assignment ${a.id}`);
    titles.set(a.notebook, titleFrom(cells, sourceOf(a.notebook)));
    if (isGraded(cells)) {
      const nb = sourceFromNb(cells, sourceOf(a.notebook), idPrefix(a.notebook));
      const { student } = assignNotebook({ id: stemOf(a.notebook), title: titleOf(a.notebook), nb });
      files.push({ path: a.notebook, text: writeNotebook(student) }, { path: a.source, text: writeNotebook(nb) });
      notebooks.push(a.notebook);
      solutions.push(a.source);
      continue;
    }
    if (!hasVariants(cells))
      throw new Error(
        `convlab build: ${sourceOf(a.notebook)}: expected nbgrader roles (tests, solution, locked) or [template] and [solution] cells in an assignment, got neither`,
      );
    emit(a.notebook, cells, "template");
    emit(a.notebook, cells, "solution");
  }
  for (const src of filesUnder(root, SOURCES, ".nb")) {
    if (!sources.has(src))
      throw new Error(
        `course map: expected every source to build a notebook of ${COURSE_MAP}, got ${src} (${notebookOfSource(src)} is not in the map)`,
      );
  }
  files.push({ path: INDEX, text: notebookText("index", indexCells(map, titleOf)) });
  files.push({ path: DOCS_PAGE, text: docsPage(map, titleOf) });
  return { map, files, notebooks, solutions };
}
