/**
 * The course map, `notebooks/course.json`: lectures (title, authors, how to cite them) → their sections in the
 * lecture's own numbering → the notebook that covers each, the assignments, and the errata found while
 * reproducing the lectures. The notebooks, the table of contents (notebooks/index.ipynb) and docs/notebooks.md
 * are built from it, and the course test checks the files against it. Paths are relative to the repository
 * root. A section lists only a notebook that exists: a section nobody has written yet is not in the map.
 */
import { readFileSync } from "node:fs";

export interface Section {
  id: string;
  /** in the lecture's own numbering: "9.3", "eqs. 1.6–1.11", "Part Two-b" */
  number: string;
  title: string;
  notebook: string;
  /** what of the section the notebook covers (for docs/notebooks.md) */
  covers?: string;
}

export interface Erratum {
  /** where in the lecture, in its own numbering */
  at: string;
  /** what is printed, what the computation gives (markdown) */
  text: string;
  notebook: string;
}

export interface Lecture {
  id: string;
  title: string;
  authors: string[];
  /** how notebooks cite it: "Goodfellow et al., *Deep Learning*" (then § and number) */
  citation: string;
  /** one line on the material: slides, scribe notes, which course */
  kind: string;
  sections: Section[];
  errata?: Erratum[];
  /** worked examples that were checked and are exactly right */
  checked?: string[];
}

export interface Assignment {
  id: string;
  title: string;
  /** the instructor's version (with solutions): instructor/solutions/… */
  source: string;
  /** the student's version: notebooks/assignments/… */
  notebook: string;
  points: number;
  /** lecture ids the assignment draws on */
  lectures: string[];
}

export interface CourseMap {
  title: string;
  lectures: Lecture[];
  assignments: Assignment[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function fail(what: string, expected: string, got: unknown): never {
  throw new Error(`course map: expected ${what} ${expected}, got ${JSON.stringify(got)}`);
}

function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string" || v.trim() === "") fail(`${where}.${key}`, "as a non-empty string", v);
  return v;
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(where, "as an object", v);
  return v as Record<string, unknown>;
}

function list(o: Record<string, unknown>, key: string, where: string): unknown[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) fail(`${where}.${key}`, "as an array", v);
  return v;
}

function slug(o: Record<string, unknown>, where: string): string {
  const id = str(o, "id", where);
  if (!SLUG.test(id)) fail(`${where}.id`, "in lower-case-with-dashes", id);
  return id;
}

function unique(ids: string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) fail(`${where} ids`, "to be unique", id);
    seen.add(id);
  }
}

/** Parses and validates the map's structure (which files exist is the build's and the test's business). */
export function parseCourseMap(text: string): CourseMap {
  const root = obj(JSON.parse(text), "the map");
  const lectures = list(root, "lectures", "map").map((l, i): Lecture => {
    const lo = obj(l, `lectures[${i}]`),
      at = `lectures[${i}]`;
    const authors = list(lo, "authors", at);
    if (authors.length === 0 || !authors.every((a) => typeof a === "string"))
      fail(`${at}.authors`, "as a non-empty list of names", authors);
    const sections = list(lo, "sections", at).map((s, j): Section => {
      const so = obj(s, `${at}.sections[${j}]`),
        sat = `${at}.sections[${j}]`;
      return {
        id: slug(so, sat),
        number: str(so, "number", sat),
        title: str(so, "title", sat),
        notebook: str(so, "notebook", sat),
        ...(so.covers === undefined ? {} : { covers: str(so, "covers", sat) }),
      };
    });
    if (sections.length === 0) fail(`${at}.sections`, "to list at least one section", []);
    unique(
      sections.map((s) => s.id),
      `${at}.sections`,
    );
    const errata = list(lo, "errata", at).map((e, j): Erratum => {
      const eo = obj(e, `${at}.errata[${j}]`);
      return {
        at: str(eo, "at", `${at}.errata[${j}]`),
        text: str(eo, "text", `${at}.errata[${j}]`),
        notebook: str(eo, "notebook", `${at}.errata[${j}]`),
      };
    });
    const checked = list(lo, "checked", at).map((c, j) =>
      typeof c === "string" ? c : fail(`${at}.checked[${j}]`, "as a string", c),
    );
    return {
      id: slug(lo, at),
      title: str(lo, "title", at),
      authors,
      citation: str(lo, "citation", at),
      kind: str(lo, "kind", at),
      sections,
      errata,
      checked,
    };
  });
  unique(
    lectures.map((l) => l.id),
    "lectures",
  );
  const lectureIds = new Set(lectures.map((l) => l.id));
  const assignments = list(root, "assignments", "map").map((a, i): Assignment => {
    const ao = obj(a, `assignments[${i}]`),
      at = `assignments[${i}]`;
    const points = ao.points;
    if (typeof points !== "number" || !Number.isInteger(points) || points <= 0)
      fail(`${at}.points`, "as a positive integer", points);
    const refs = list(ao, "lectures", at);
    for (const r of refs)
      if (typeof r !== "string" || !lectureIds.has(r)) fail(`${at}.lectures`, "to name lectures of the map", r);
    return {
      id: slug(ao, at),
      title: str(ao, "title", at),
      source: str(ao, "source", at),
      notebook: str(ao, "notebook", at),
      points,
      lectures: refs as string[],
    };
  });
  unique(
    assignments.map((a) => a.id),
    "assignments",
  );
  return { title: str(root, "title", "map"), lectures, assignments };
}

export function readCourseMap(path: string): CourseMap {
  return parseCourseMap(readFileSync(path, "utf8"));
}

/** Every lecture notebook with the sections that point at it, in map order (each notebook once). */
export function lectureNotebooks(map: CourseMap): Map<string, Array<{ lecture: Lecture; section: Section }>> {
  const out = new Map<string, Array<{ lecture: Lecture; section: Section }>>();
  for (const lecture of map.lectures) {
    for (const section of lecture.sections) {
      const entry = out.get(section.notebook) ?? [];
      entry.push({ lecture, section });
      out.set(section.notebook, entry);
    }
  }
  return out;
}
