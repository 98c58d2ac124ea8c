/**
 * The HTML around every page: the course navigation (lectures → sections, assignments) on the left, the
 * page's headings on the right, previous/next at the bottom. All URLs are relative, so the site works
 * from any folder, from a web server or opened as files.
 */
import { posix } from "node:path";
import type { Course } from "./course";
import { escapeHtml } from "./highlight";
import type { Heading } from "./markdown";
import { relativeHref, type Page, type Plan } from "./pages";

export interface Shell {
  course: Course;
  plan: Plan;
  /** Site-relative path of the page being written. */
  href: string;
  title: string;
  body: string;
  headings?: Heading[];
  /** Extra scripts and stylesheets (site-relative paths), e.g. the interactive views. */
  scripts?: string[];
  styles?: string[];
}

/** A 3×3 kernel as the site's icon (inline: browsers ask for /favicon.ico otherwise, a 404 on most hosts). */
const FAVICON =
  "data:image/svg+xml," +
  encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 3"><rect width="3" height="3" fill="#0b5cad"/>` +
      `<rect x="1" y="1" width="1" height="1" fill="#fff"/></svg>`,
  );

export const courseTitle = (course: Course): string => course.title ?? "convlab course";

function link(from: string, page: Page, label: string): string {
  const current = page.href === from ? ' aria-current="page"' : "";
  return `<a href="${escapeHtml(relativeHref(from, page.href))}"${current}>${escapeHtml(label)}</a>`;
}

function sidebar(s: Shell): string {
  const byNotebook = new Map(s.plan.pages.map((p) => [p.source, p]));
  const lectures = s.course.lectures.map((l, i) => {
    const items = l.sections.map((sec) => {
      const page = byNotebook.get(posix.normalize(sec.notebook));
      return `<li>${page ? link(s.href, page, sec.title) : escapeHtml(sec.title)}</li>`;
    });
    return `<li><span class="cl-nav-lecture">${i + 1} · ${escapeHtml(l.title)}</span><ol>${items.join("")}</ol></li>`;
  });
  const assignments = s.plan.pages.filter((p) => p.assignment).map((p) => `<li>${link(s.href, p, p.title)}</li>`);
  return (
    `<nav class="cl-sidebar" aria-label="course"><div class="cl-sidebar-inner">` +
    `<a class="cl-home" href="${escapeHtml(relativeHref(s.href, "index.html"))}">${escapeHtml(courseTitle(s.course))}</a>` +
    `<ol class="cl-nav">${lectures.join("")}</ol>` +
    (assignments.length
      ? `<p class="cl-nav-group">Assignments</p><ul class="cl-nav">${assignments.join("")}</ul>`
      : "") +
    `</div></nav>`
  );
}

function toc(headings: Heading[]): string {
  const items = headings
    .filter((h) => h.level >= 2 && h.level <= 3)
    .map((h) => `<li class="cl-toc-${h.level}"><a href="#${escapeHtml(encodeURIComponent(h.id))}">${h.html}</a></li>`);
  return items.length
    ? `<aside class="cl-toc" aria-label="on this page"><p>On this page</p><ul>${items.join("")}</ul></aside>`
    : "";
}

/** Previous and next page in course order. */
export function prevNext(plan: Plan, page: Page): string {
  const i = plan.pages.indexOf(page);
  const prev = plan.pages[i - 1],
    next = plan.pages[i + 1];
  const a = (p: Page | undefined, rel: "prev" | "next"): string =>
    p
      ? `<a rel="${rel}" class="cl-${rel}" href="${escapeHtml(relativeHref(page.href, p.href))}">` +
        `<small>${rel === "prev" ? "Previous" : "Next"}</small>${rel === "prev" ? "← " : ""}${escapeHtml(p.title)}${rel === "next" ? " →" : ""}</a>`
      : "<span></span>";
  return `<nav class="cl-prevnext" aria-label="previous and next">${a(prev, "prev")}${a(next, "next")}</nav>`;
}

export function shell(s: Shell): string {
  const asset = (p: string): string => escapeHtml(relativeHref(s.href, p));
  const scripts = (s.scripts ?? []).map((p) => `<script defer src="${asset(p)}"></script>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.title)}</title>
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${asset("_static/katex/katex.min.css")}">
<link rel="stylesheet" href="${asset("_static/highlight.css")}">
<link rel="stylesheet" href="${asset("_static/book.css")}">
${(s.styles ?? []).map((p) => `<link rel="stylesheet" href="${asset(p)}">`).join("")}${scripts}
</head>
<body>
<div class="cl-layout">
${sidebar(s)}
<main class="cl-main">
${s.body}
</main>
${toc(s.headings ?? [])}
</div>
</body>
</html>
`;
}
