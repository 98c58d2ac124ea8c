/** The site's front page, from the course map: lectures with their authors and sections, then assignments. */
import { posix } from "node:path";
import type { Course } from "./course";
import { escapeHtml } from "./highlight";
import { courseTitle } from "./layout";
import type { Plan } from "./pages";

export function indexBody(course: Course, plan: Plan): string {
  const byNotebook = new Map(plan.pages.map((p) => [p.source, p]));
  const lectures = course.lectures.map((l, i) => {
    const sections = l.sections.map((s) => {
      const page = byNotebook.get(posix.normalize(s.notebook));
      const label = escapeHtml(s.title);
      return `<li>${page ? `<a href="${escapeHtml(page.href)}">${label}</a>` : label}</li>`;
    });
    const authors = l.authors.length ? `<p class="cl-authors">${escapeHtml(l.authors.join(", "))}</p>` : "";
    return (
      `<li class="cl-lecture" id="lecture-${escapeHtml(l.id)}"><h2><span class="cl-number">Lecture ${i + 1}</span> ${escapeHtml(l.title)}</h2>` +
      `${authors}<ol class="cl-sections">${sections.join("")}</ol></li>`
    );
  });
  const assignments = course.assignments.map((a) => {
    const page = plan.pages.find((p) => p.assignment?.id === a.id);
    const title = page ? `<a href="${escapeHtml(page.href)}">${escapeHtml(a.title)}</a>` : escapeHtml(a.title);
    return `<tr><td>${title}</td><td class="cl-points">${a.points}</td><td><code>${escapeHtml(a.source)}</code></td></tr>`;
  });
  const notebooks = plan.pages.filter((p) => p.lecture).length;
  return (
    `<header class="cl-index-head"><h1>${escapeHtml(courseTitle(course))}</h1>
<p class="cl-lead">${course.lectures.length} lectures, ${notebooks} notebooks, executed, with every output. ` +
    `To run the code and use the interactive figures, open the notebooks in JupyterLab (<code>npm start</code>).</p></header>
<ol class="cl-lectures">${lectures.join("\n")}</ol>
${
  assignments.length
    ? `<h2 id="assignments">Assignments</h2>
<table class="cl-assignments"><thead><tr><th>Assignment</th><th>Points</th><th>Notebook</th></tr></thead><tbody>${assignments.join("")}</tbody></table>`
    : ""
}`
  );
}
