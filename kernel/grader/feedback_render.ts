/**
 * The two renderings of a Feedback: a self-contained HTML page (no scripts, no external files) and Markdown.
 */
import type { Feedback, FeedbackPart } from "./feedback_model";

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
const mark = (passed: boolean): string => (passed ? "✓" : "✗");
const caseLine = (k: { name: string; passed: boolean; message: string }): string =>
  `${mark(k.passed)} ${k.name}${k.passed ? "" : `: ${k.message}`}`;

export function feedbackMarkdown(f: Feedback): string {
  const out = [`# ${f.title}`, "", `**${f.student}** · \`${f.notebook}.ipynb\` · **${f.score} / ${f.max} points**`, ""];
  if (f.submission !== "graded") out.push(`> ${f.notes[0] ?? f.submission}`, "");
  out.push(
    "| part | points | status |",
    "|---|---:|---|",
    ...f.parts.map((p) => `| ${p.id} | ${p.score} / ${p.max} | ${p.status} |`),
    "",
  );
  if (f.restored.length) out.push("**Restored before grading:**", "", ...f.restored.map((r) => `- ${r}`), "");
  for (const p of f.parts) out.push(...partMarkdown(p));
  if (f.answers.length) {
    out.push("## Your answers", "");
    for (const a of f.answers)
      out.push(
        `### ${a.id}`,
        "",
        "```ts",
        a.source,
        "```",
        ...(a.output ? ["", "```", a.output.trimEnd(), "```"] : []),
        "",
      );
  }
  return out.join("\n") + "\n";
}

function partMarkdown(p: FeedbackPart): string[] {
  const out = [`## ${p.id}: ${p.score} / ${p.max} (${p.status})`, ""];
  if (p.message) out.push(`> ${p.message}`, "");
  if (p.visible.length) out.push("Tests:", "", ...p.visible.map((k) => `- ${caseLine(k)}`), "");
  if (p.hidden.length)
    out.push("Hidden tests (names and results only):", "", ...p.hidden.map((k) => `- ${caseLine(k)}`), "");
  if (p.output) out.push("Output:", "", "```", p.output, "```", "");
  return out;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem}td.n{text-align:right}
.passed{color:#1a7f37}.failed,.error,.timeout,.not.run{color:#b42318}.partial{color:#9a6700}
pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}li.ok{color:#1a7f37}li.ko{color:#b42318}`;

export function feedbackHtml(f: Feedback): string {
  const rows = f.parts
    .map(
      (p) =>
        `<tr><td>${esc(p.id)}</td><td class="n">${p.score} / ${p.max}</td><td class="${esc(p.status)}">${esc(p.status)}</td></tr>`,
    )
    .join("");
  const list = (ks: FeedbackPart["visible"]) =>
    `<ul>${ks.map((k) => `<li class="${k.passed ? "ok" : "ko"}">${esc(caseLine(k))}</li>`).join("")}</ul>`;
  const parts = f.parts
    .map((p) =>
      [
        `<h2>${esc(p.id)}: ${p.score} / ${p.max} <span class="${esc(p.status)}">(${esc(p.status)})</span></h2>`,
        p.message ? `<p><b>${esc(p.message)}</b></p>` : "",
        p.visible.length ? `<p>Tests:</p>${list(p.visible)}` : "",
        p.hidden.length ? `<p>Hidden tests (names and results only):</p>${list(p.hidden)}` : "",
        p.output ? `<p>Output:</p><pre>${esc(p.output)}</pre>` : "",
      ].join(""),
    )
    .join("\n");
  const answers = f.answers
    .map((a) => `<h3>${esc(a.id)}</h3><pre>${esc(a.source)}</pre>${a.output ? `<pre>${esc(a.output)}</pre>` : ""}`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(f.title)} — ${esc(f.student)}</title><style>${STYLE}</style></head><body>
<h1>${esc(f.title)}</h1>
<p><b>${esc(f.student)}</b> · <code>${esc(f.notebook)}.ipynb</code> · <b>${f.score} / ${f.max} points</b></p>
${f.submission !== "graded" ? `<p><b>${esc(f.notes[0] ?? f.submission)}</b></p>` : ""}
<table><tr><th>part</th><th>points</th><th>status</th></tr>${rows}</table>
${f.restored.length ? `<p>Restored before grading:</p><ul>${f.restored.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>` : ""}
${parts}
${answers ? `<h2>Your answers</h2>\n${answers}` : ""}
</body></html>
`;
}
