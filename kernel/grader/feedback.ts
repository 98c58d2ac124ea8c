/**
 * `convlab feedback GRADED --out DIR`: for every GRADED/<student>/<id>.json written by autograde,
 * DIR/<student>/<id>.html and DIR/<student>/<id>.md — what each student gets back.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { feedbackOf } from "./feedback_model";
import { feedbackHtml, feedbackMarkdown } from "./feedback_render";
import { RESULT_FORMAT, type GradeResult } from "./result";

export function writeFeedback(graded: string, out: string): string[] {
  if (!existsSync(graded))
    throw new Error(`convlab feedback: expected the folder autograde wrote, got ${graded}, which does not exist`);
  const written: string[] = [];
  for (const student of readdirSync(graded).sort()) {
    const dir = join(graded, student);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      const r = JSON.parse(readFileSync(join(dir, f), "utf8")) as GradeResult;
      if (r.format !== RESULT_FORMAT) continue;
      const nb = join(dir, `${r.notebook}.ipynb`);
      const fb = feedbackOf(r, existsSync(nb) ? nb : null);
      const target = join(out, student);
      mkdirSync(target, { recursive: true });
      for (const [ext, text] of [
        ["html", feedbackHtml(fb)],
        ["md", feedbackMarkdown(fb)],
      ] as const) {
        const path = join(target, `${r.notebook}.${ext}`);
        writeFileSync(path, text);
        written.push(path);
      }
    }
  }
  if (written.length === 0)
    throw new Error(`convlab feedback: expected <student>/<id>.json results in ${graded}, got none`);
  return written;
}
