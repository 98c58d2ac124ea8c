/**
 * notebooks/index.ipynb, the course's table of contents: one markdown cell per lecture listing its sections in
 * the lecture's numbering, each linked (relative path) to the notebook that covers it, then the assignments.
 * It is what a student opens first in the lab; clicking a link opens the notebook there.
 */
import type { CourseMap } from "./course_map";
import { INDEX, linkFrom } from "./layout";

/** A notebook's title: the first `# ` heading of its first markdown cell. */
export type TitleOf = (notebook: string) => string;

const INTRO = `# Convolutional networks, lecture by lecture

This course reproduces five lectures on convolutional networks, section by section. Each notebook cites the
lecture it follows by title, author and section, builds each idea from scratch, then with convlab, and checks
every number the lecture prints: a check prints \`✓ …\` when it holds and stops the notebook when it does not
(\`cl.check\`). Where the transcribed lecture prints a wrong number, the notebook says so in an **Erratum** box.

Run a notebook from the top (Run ▸ Run All Cells). Everything runs on the CPU; where WebGPU is available,
\`await cl.setBackend("auto")\` in a notebook's first cell moves it to the GPU.`;

export function indexCells(map: CourseMap, titleOf: TitleOf): Array<{ kind: "md"; text: string }> {
  const cells = [{ kind: "md" as const, text: INTRO }];
  for (const lecture of map.lectures) {
    const lines = [`## ${lecture.citation}`, "", `${lecture.authors.join(", ")} · ${lecture.kind}`, ""];
    for (const s of lecture.sections) {
      lines.push(`- **${s.number}** ${s.title} → [${titleOf(s.notebook)}](${linkFrom(INDEX, s.notebook)})`);
    }
    cells.push({ kind: "md", text: lines.join("\n") });
  }
  if (map.assignments.length) {
    const lines = [
      "## Assignments",
      "",
      "Graded assignments: write your answers where a cell says `// YOUR CODE HERE`, run the test cells to see the",
      "visible tests (`npx convlab validate <notebook>` runs them all as the grader does), and hand in the notebook. The grader",
      "also runs hidden tests.",
      "",
    ];
    for (const a of map.assignments)
      lines.push(`- [${titleOf(a.notebook)}](${linkFrom(INDEX, a.notebook)}) · ${a.points} points`);
    cells.push({ kind: "md", text: lines.join("\n") });
  }
  return cells;
}
