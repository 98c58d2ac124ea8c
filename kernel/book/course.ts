/**
 * The course map (`notebooks/course.json`, shared notes "api-contract.md": The course map), read and checked
 * with messages that name the field. Paths in it are relative to the repository root.
 */
import { readFileSync } from "node:fs";

export interface Section {
  id: string;
  title: string;
  notebook: string;
}

export interface Lecture {
  id: string;
  title: string;
  authors: string[];
  sections: Section[];
}

export interface Assignment {
  id: string;
  title: string;
  source: string;
  /** the students' version (what the site shows), where the map names one apart from the source */
  notebook?: string;
  points: number;
}

export interface Course {
  /** Not in the contract: an optional site title ("convlab course" otherwise). */
  title?: string;
  lectures: Lecture[];
  assignments: Assignment[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function field<T>(o: Json, key: string, where: string, check: (v: unknown) => v is T, expected: string): T {
  const v = o[key];
  if (!check(v)) throw new Error(`convlab book: expected ${where}.${key} to be ${expected}, got ${JSON.stringify(v)}`);
  return v;
}

const isString = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/** `authors` may be one string or a list of them. */
function authors(o: Json, where: string): string[] {
  const v = o.authors;
  if (v === undefined) return [];
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every(isString)) return v;
  throw new Error(
    `convlab book: expected ${where}.authors to be a string or a list of strings, got ${JSON.stringify(v)}`,
  );
}

export function parseCourse(json: unknown): Course {
  if (!isObject(json))
    throw new Error(`convlab book: expected the course map to be an object, got ${JSON.stringify(json)}`);
  const lectures = field(json, "lectures", "course", isArray, "a list").map((l, i): Lecture => {
    const where = `lectures[${i}]`;
    if (!isObject(l)) throw new Error(`convlab book: expected ${where} to be an object, got ${JSON.stringify(l)}`);
    return {
      id: field(l, "id", where, isString, "a string"),
      title: field(l, "title", where, isString, "a string"),
      authors: authors(l, where),
      sections: field(l, "sections", where, isArray, "a list").map((s, j): Section => {
        const at = `${where}.sections[${j}]`;
        if (!isObject(s)) throw new Error(`convlab book: expected ${at} to be an object, got ${JSON.stringify(s)}`);
        return {
          id: field(s, "id", at, isString, "a string"),
          title: field(s, "title", at, isString, "a string"),
          notebook: field(s, "notebook", at, isString, "a path"),
        };
      }),
    };
  });
  const assignments = (
    json.assignments === undefined ? [] : field(json, "assignments", "course", isArray, "a list")
  ).map((a, i): Assignment => {
    const where = `assignments[${i}]`;
    if (!isObject(a)) throw new Error(`convlab book: expected ${where} to be an object, got ${JSON.stringify(a)}`);
    return {
      id: field(a, "id", where, isString, "a string"),
      title: field(a, "title", where, isString, "a string"),
      source: field(a, "source", where, isString, "a path"),
      ...(a.notebook === undefined ? {} : { notebook: field(a, "notebook", where, isString, "a path") }),
      points: field(a, "points", where, isNumber, "a number"),
    };
  });
  const title = json.title === undefined ? undefined : field(json, "title", "course", isString, "a string");
  return { ...(title ? { title } : {}), lectures, assignments };
}

export function readCourse(path: string): Course {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`convlab book: no course map at ${path} (pass --course PATH)`);
  }
  return parseCourse(JSON.parse(text));
}
