/**
 * `convlab book`: the course as a static site. Reads the course map, makes sure each lecture notebook has an
 * executed copy (executed.ts), renders every page (notebook_page.ts inside layout.ts), the front page, and
 * copies the static files. The output folder is replaced as a whole, but only if it is empty or a previous
 * build made it (marked by `.convlab-book`), so `--out .` cannot wipe a checkout.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { copyAssets } from "./assets";
import { readCourse, type Course } from "./course";
import { ensureExecuted } from "./executed";
import { escapeHtml } from "./highlight";
import { indexBody } from "./index_page";
import { courseTitle, prevNext, shell } from "./layout";
import { renderNotebook, type Notebook } from "./notebook_page";
import { planPages, type Page, type Plan } from "./pages";
import { SiteFiles } from "./site_files";

export interface BookOptions {
  /** Repository root: course map paths are relative to it. */
  root: string;
  course: string;
  out: string;
  executed: string;
  run: boolean;
  jobs: number;
  timeout?: number;
  /** Include the interactive views bundle when it is built (default true). */
  interactive: boolean;
  log: (line: string) => void;
}

export interface BookResult {
  pages: number;
  interactive: boolean;
  warnings: string[];
}

const MARKER = ".convlab-book";
const PLOT_KINDS = /data-kind="(plot|liveplot|spectrum)"/;

function prepareOut(out: string): void {
  if (existsSync(out) && readdirSync(out).length) {
    if (!existsSync(join(out, MARKER)))
      throw new Error(
        `convlab book: ${out} exists and was not written by convlab book; choose another --out or empty it`,
      );
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARKER), "written by `convlab book`; the whole folder is replaced on the next build\n");
  writeFileSync(join(out, ".nojekyll"), ""); // GitHub Pages would otherwise hide the _static/ and _images/ folders
}

function pageBody(course: Course, plan: Plan, page: Page, html: string, hasTitle: boolean): string {
  const l = page.lecture;
  const crumbs = l
    ? `<p class="cl-crumbs">Lecture ${l.number} · ${escapeHtml(l.lecture.title)}${l.lecture.authors.length ? ` — <span class="cl-authors">${escapeHtml(l.lecture.authors.join(", "))}</span>` : ""}</p>`
    : `<p class="cl-crumbs">Assignment · ${page.assignment?.points ?? 0} points</p>`;
  const banner = page.assignment
    ? `<p class="cl-banner">This is the assignment as you get it. Open <code>${escapeHtml(page.source)}</code> in JupyterLab to solve it; its checks score your answers.</p>`
    : "";
  const title = hasTitle ? "" : `<h1>${escapeHtml(page.title)}</h1>`;
  const source =
    `<p class="cl-source">Source: <code>${escapeHtml(page.source)}</code>. Run it in JupyterLab (<code>npm start</code>) ` +
    `to change the code and use the interactive figures.</p>`;
  return `<article class="cl-page">${crumbs}${title}${banner}\n${html}\n${source}${prevNext(plan, page)}</article>`;
}

export async function buildBook(o: BookOptions): Promise<BookResult> {
  const course = readCourse(o.course);
  const plan = planPages(course, o.root);
  const notebooks = await ensureExecuted(plan.pages, {
    root: o.root,
    executed: o.executed,
    run: o.run,
    jobs: o.jobs,
    timeout: o.timeout,
    log: o.log,
  });
  prepareOut(o.out);
  const interactive = copyAssets(o.out, o.interactive);
  const files = new SiteFiles(o.out, o.root, plan.prefix);
  const byNotebook = new Map(plan.pages.map((p) => [p.source, p]));
  const warnings: string[] = [];
  for (const page of plan.pages) {
    const nb = JSON.parse(readFileSync(notebooks.get(page) ?? join(o.root, page.source), "utf8")) as Notebook;
    const r = renderNotebook(nb, { page, pages: byNotebook, files }, { assignment: page.assignment !== undefined });
    warnings.push(...r.mathProblems.map((m) => `${page.source}: KaTeX: ${m}`));
    const live = interactive && r.html.includes("cl-payload");
    const scripts = live ? [...(PLOT_KINDS.test(r.html) ? ["_static/plotly.min.js"] : []), "_static/views.js"] : [];
    const html = shell({
      course,
      plan,
      href: page.href,
      title: `${r.title ?? page.title} · ${courseTitle(course)}`,
      body: pageBody(course, plan, page, r.html, r.title !== null),
      headings: r.headings,
      scripts,
      styles: live ? ["_static/views.css"] : [],
    });
    mkdirSync(dirname(join(o.out, page.href)), { recursive: true });
    writeFileSync(join(o.out, page.href), html);
  }
  writeFileSync(
    join(o.out, "index.html"),
    shell({ course, plan, href: "index.html", title: courseTitle(course), body: indexBody(course, plan) }),
  );
  warnings.push(...files.warnings);
  for (const a of plan.unpaged)
    warnings.push(
      `assignment ${a.id}: ${a.source} is not a notebook and has no .ipynb beside it (listed without a page)`,
    );
  return { pages: plan.pages.length, interactive, warnings };
}
