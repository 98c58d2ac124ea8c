/**
 * The pages of the site and where they go. One page per notebook, in course order (the lectures' sections,
 * then the assignments); a notebook that several sections list gets one page, at its first place. The site
 * mirrors the repository below the folder that all pages share (`notebooks/` for the course), so relative
 * links between notebooks, and to images beside them, keep working as written.
 */
import { existsSync } from "node:fs";
import { posix } from "node:path";
import type { Assignment, Course, Lecture } from "./course";

export interface Page {
  /** The notebook, relative to the repository root (posix separators). */
  source: string;
  /** The HTML file, relative to the site root. */
  href: string;
  title: string;
  /** The first lecture that lists it (1-based number), for lecture pages. */
  lecture?: { number: number; lecture: Lecture };
  assignment?: Assignment;
}

export interface Plan {
  pages: Page[];
  /** Assignments whose source is not a notebook and has no built `.ipynb` beside it: listed, no page. */
  unpaged: Assignment[];
  /** Repository-relative folder that the site mirrors ("" for the root). */
  prefix: string;
}

/** The notebook an assignment's source stands for: itself, or the `.ipynb` that `convlab build` writes beside it. */
function assignmentNotebook(a: Assignment, root: string): string | null {
  // the students' version when the map names it: the source may be the instructor's solution
  if (a.notebook?.endsWith(".ipynb")) return a.notebook;
  if (a.source.endsWith(".ipynb")) return a.source;
  const built = a.source.replace(/\.[^./]+$/, "") + ".ipynb";
  return existsSync(posix.join(root, built)) ? built : null;
}

function commonFolder(paths: string[]): string {
  if (!paths.length) return "";
  let parts = posix.dirname(paths[0]).split("/");
  for (const p of paths.slice(1)) {
    const q = posix.dirname(p).split("/");
    let n = 0;
    while (n < parts.length && n < q.length && parts[n] === q[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.filter((s) => s !== ".").join("/");
}

/** Where a repository file goes in the site: mirrored below the prefix, else under `_files/`. */
export function siteFile(repoPath: string, prefix: string): string {
  const p = posix.normalize(repoPath);
  if (prefix && p.startsWith(prefix + "/")) return p.slice(prefix.length + 1);
  if (!prefix && !p.startsWith("../")) return p;
  return `_files/${p.replace(/\.\.\//g, "up/")}`;
}

export function planPages(course: Course, root: string): Plan {
  const entries: Omit<Page, "href">[] = [];
  const seen = new Set<string>();
  course.lectures.forEach((lecture, i) => {
    for (const s of lecture.sections) {
      const source = posix.normalize(s.notebook);
      if (seen.has(source)) continue;
      seen.add(source);
      entries.push({ source, title: s.title, lecture: { number: i + 1, lecture } });
    }
  });
  const unpaged: Assignment[] = [];
  for (const a of course.assignments) {
    const nb = assignmentNotebook(a, root);
    if (nb === null) {
      unpaged.push(a);
      continue;
    }
    const source = posix.normalize(nb);
    if (seen.has(source)) continue;
    seen.add(source);
    entries.push({ source, title: a.title, assignment: a });
  }
  const prefix = commonFolder(entries.map((e) => e.source));
  const pages = entries.map((e) => ({ ...e, href: siteFile(e.source, prefix).replace(/\.ipynb$/, ".html") }));
  return { pages, unpaged, prefix };
}

/** A link from one site file to another (both relative to the site root). */
export function relativeHref(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel === "" ? posix.basename(to) : rel;
}
