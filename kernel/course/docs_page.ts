/**
 * docs/notebooks.md, built from the course map: per lecture, its sections with the notebook covering each and
 * what it covers; the assignments; the errata found while reproducing the lectures; how the course is laid
 * out and rebuilt. Edit notebooks/course.json and the sources, not the page.
 */
import type { CourseMap } from "./course_map";
import { DOCS_PAGE, linkFrom } from "./layout";
import type { TitleOf } from "./index_notebook";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const link = (path: string, text = path.replace(/^notebooks\//, "")) => `[\`${text}\`](${linkFrom(DOCS_PAGE, path)})`;

const FOOTER = `## Layout, running and rebuilding

\`\`\`
notebooks/course.json                      the course map (lectures → sections → notebooks, assignments, errata)
notebooks/index.ipynb                      the table of contents a student opens first (built)
notebooks/<lecture>/<NN>-<section>.ipynb   lecture notebooks (built)
notebooks/assignments/<NN>-<name>.ipynb    assignments, the students' versions (built)
instructor/src/<same path>.nb              the sources: edit these
instructor/solutions/<same path>.ipynb     reference solutions (built; not served by \`npm start\`)
\`\`\`

\`\`\`sh
npx convlab build            # sources + map → notebooks, solutions, index.ipynb and this page
npx convlab build --check    # exit 1 when a committed file differs from what the sources build (CI)
npm run build                # the kernel imports the built library (dist/)
npx convlab run notebooks/hofmann-lecture-1/01-convolution-operators.ipynb --output /tmp/out
node --import tsx --test test/notebooks/notebooks.test.ts   # map ↔ files, build is current, every notebook runs clean
\`\`\`

A source (\`.nb\`) is a sequence of cells, each opened by a line \`%% md\` or \`%% code\`; a graded assignment's
cells carry nbgrader roles in their header (\`%% code solution id=…\`, \`%% code tests id=… points=N\`,
\`%% code locked id=…\`; [docs/grading.md](grading.md)), and \`%% code [template]\` / \`%% code [solution]\` cells
go only into the student's or the instructor's version. Cell ids are the notebook's path plus the cell's position, so rebuilding unchanged sources gives
identical files. Notebooks cite the lectures by title, author and section, never by a file path, and check their
numbers with \`cl.check\` (\`close\`, \`equal\`, \`shape\`, \`isTrue\`): a passing check prints \`✓ <what>\`.
`;

export function docsPage(map: CourseMap, titleOf: TitleOf): string {
  const out = [
    "# Course notebooks",
    "",
    "<!-- Built by `npx convlab build` from notebooks/course.json: edit the map and instructor/src, not this page. -->",
    "",
    "One folder of notebooks per lecture; each section of a lecture points at the notebook that covers it",
    "(several sections may share one while the per-section notebooks are being written). Every notebook computes",
    "the lecture's worked examples with convlab and checks them as it runs, so",
    "`npx convlab run notebooks/<lecture>/<notebook>.ipynb` verifies the material. The student's entry point is",
    `${link("notebooks/index.ipynb")}.`,
    "",
  ];
  for (const lecture of map.lectures) {
    out.push(
      `## ${lecture.citation}`,
      "",
      `${lecture.title} — ${lecture.authors.join(", ")}; ${lecture.kind}.`,
      "",
      "| § | section | notebook | covers |",
      "|---|---|---|---|",
    );
    for (const s of lecture.sections)
      out.push(`| ${cell(s.number)} | ${cell(s.title)} | ${link(s.notebook)} | ${cell(s.covers ?? "")} |`);
    out.push("");
  }
  out.push("## Assignments", "", "| assignment | points | student version | reference solution |", "|---|---|---|---|");
  for (const a of map.assignments)
    out.push(`| ${cell(titleOf(a.notebook))} | ${a.points} | ${link(a.notebook)} | ${link(a.source)} |`);
  out.push(
    "",
    "Assignments are graded by `npx convlab autograde` ([docs/grading.md](grading.md)): visible tests in the student's",
    "version, hidden tests in the release manifest (`instructor/release/`). The reference solutions live in `instructor/solutions/`",
    "(built from the same sources), outside the folder `npm start` serves.",
    "",
  );
  out.push("## Errata found in the lecture transcriptions", "");
  for (const lecture of map.lectures) {
    for (const e of lecture.errata ?? [])
      out.push(`- **${lecture.citation}, ${e.at}:** ${e.text} (${link(e.notebook)})`);
  }
  const checked = map.lectures.flatMap((l) => (l.checked ?? []).map((c) => `${l.citation}: ${c}`));
  if (checked.length) out.push(`- Checked and exactly right: ${checked.join("; ")}.`);
  out.push("", FOOTER);
  return out.join("\n");
}
