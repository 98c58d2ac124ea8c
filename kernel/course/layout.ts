/**
 * Where the course's files live, relative to the repository root:
 *
 *   notebooks/course.json                          the course map
 *   notebooks/index.ipynb                          the table of contents (built)
 *   notebooks/<lecture>/<NN>-<section>.ipynb       a lecture notebook (built); <lecture> is a lecture id of the map
 *   notebooks/assignments/<NN>-<name>.ipynb        an assignment, the student's version (built)
 *   instructor/src/<same path>.nb                  the source of each of those (what authors edit)
 *   instructor/solutions/<same path>.ipynb         the instructor's version of a source with [solution] cells (built)
 *   docs/notebooks.md                              the list of notebooks and errata (built)
 *
 * `npm start` serves notebooks/ only, so the sources (which hold the solutions) and the solutions stay out
 * of the students' lab.
 */
import { posix } from "node:path";

export const NOTEBOOKS = "notebooks";
export const COURSE_MAP = "notebooks/course.json";
export const INDEX = "notebooks/index.ipynb";
export const SOURCES = "instructor/src";
export const SOLUTIONS = "instructor/solutions";
export const DOCS_PAGE = "docs/notebooks.md";
export const ASSIGNMENTS_DIR = "assignments";

const NOTEBOOK_NAME = /^\d\d-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$/;

/** `notebooks/<folder>/<NN>-<name>.ipynb` → its folder, or an error naming what is wrong. */
export function notebookFolder(path: string, where: string): string {
  const parts = path.split("/");
  if (parts.length !== 3 || parts[0] !== NOTEBOOKS || !NOTEBOOK_NAME.test(parts[2])) {
    throw new Error(
      `course map: expected ${where} as notebooks/<folder>/<NN>-<name>.ipynb (lower case, dashes), got ${JSON.stringify(path)}`,
    );
  }
  return parts[1];
}

/** notebooks/a/01-x.ipynb → instructor/src/a/01-x.nb */
export function sourceOf(notebook: string): string {
  return posix.join(SOURCES, posix.relative(NOTEBOOKS, notebook).replace(/\.ipynb$/, ".nb"));
}

/** notebooks/a/01-x.ipynb → instructor/solutions/a/01-x.ipynb */
export function solutionOf(notebook: string): string {
  return posix.join(SOLUTIONS, posix.relative(NOTEBOOKS, notebook));
}

/** instructor/src/a/01-x.nb → notebooks/a/01-x.ipynb */
export function notebookOfSource(source: string): string {
  return posix.join(NOTEBOOKS, posix.relative(SOURCES, source).replace(/\.nb$/, ".ipynb"));
}

/** A link from one repository file to another, as a relative path (what JupyterLab and GitHub follow). */
export function linkFrom(fromFile: string, to: string): string {
  return posix.relative(posix.dirname(fromFile), to);
}

/** The file name without folder and extension: the prefix of its cell ids. */
export function stemOf(path: string): string {
  return posix.basename(path).replace(/\.[^.]+$/, "");
}
