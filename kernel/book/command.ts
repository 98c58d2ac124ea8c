/**
 * `convlab book [--out site/] [--executed DIR] [--course notebooks/course.json] [--no-run] [--jobs N]
 *               [--timeout S] [--static]`
 * Paths given on the command line are relative to the current folder; the paths inside the course map are
 * relative to the repository root, the nearest folder above the course map that holds a package.json.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildBook } from "./build";

function repositoryRoot(course: string): string {
  for (let dir = dirname(course); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export async function bookCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string", default: "site" },
      executed: { type: "string" },
      course: { type: "string", default: join("notebooks", "course.json") },
      "no-run": { type: "boolean", default: false },
      jobs: { type: "string", default: "2" },
      timeout: { type: "string" },
      static: { type: "boolean", default: false },
    },
  });
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new Error(`convlab book: expected --jobs to be a positive integer, got ${values.jobs}`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0))
    throw new Error(`convlab book: expected --timeout to be seconds > 0, got ${values.timeout}`);
  const course = resolve(values.course);
  const root = repositoryRoot(course);
  const out = resolve(values.out);
  const t0 = performance.now();
  const result = await buildBook({
    root,
    course,
    out,
    executed: values.executed ? resolve(values.executed) : join(root, "artifacts", "executed"),
    run: !values["no-run"],
    jobs,
    timeout,
    interactive: !values.static,
    log: (line) => console.error(line),
  });
  for (const w of result.warnings) console.error(`warning: ${w}`);
  const views = result.interactive
    ? "interactive views included"
    : "static figures only (interactive views: bash scripts/build-extension.sh)";
  console.log(
    `convlab book: ${result.pages} pages + index in ${relative(process.cwd(), out) || "."}/ (${views}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`open ${join(out, "index.html")}`);
  return 0;
}
