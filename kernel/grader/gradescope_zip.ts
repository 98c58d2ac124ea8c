/**
 * `convlab gradescope RELEASE --out autograder.zip [--notebook ID] [--cell-timeout S] [--notebook-timeout S]
 * [--memory-mb MB]`: the autograder a Gradescope programming assignment is configured with. Gradescope
 * unpacks it into /autograder/source, runs `setup.sh` once (as root, building the image: Node 20 and
 * convlab's npm dependencies), then for each submission runs `run_autograder`, which grades
 * /autograder/submission with `convlab autograde --student` and writes /autograder/results/results.json.
 * The zip carries the built convlab package (dist/, bin/, the kernel's JavaScript assets, package files) and
 * the release manifests — the hidden tests travel in the manifest, never in the students' notebook.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { kernelRoot } from "../paths";
import { manifestPath, readRelease } from "./manifest";
import { zip, type ZipEntry } from "./zip_writer";

export interface GradescopeOptions {
  notebook?: string;
  cellTimeout: number;
  notebookTimeout: number;
  memoryMb: number;
}

const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image: Node 20 and convlab's dependencies.
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  apt-get update -qq
  apt-get install -y -qq ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y -qq nodejs
fi
cd "$SRC/convlab"
if [ -n "\${CONVLAB_NODE_MODULES:-}" ]; then
  ln -sfn "$CONVLAB_NODE_MODULES" node_modules   # an installed copy (offline tests of this zip)
elif [ ! -d node_modules ]; then
  npm ci --omit=dev --no-audit --no-fund
fi
node bin/convlab.js nbgrader-config >/dev/null   # the package loads
`;

function runAutograder(o: GradescopeOptions): string {
  return `#!/usr/bin/env bash
# Gradescope runs this for every submission: /autograder/submission → /autograder/results/results.json.
set -uo pipefail
AG="\${AUTOGRADER_DIR:-/autograder}"
SRC="$AG/source"
mkdir -p "$AG/results"
node "$SRC/convlab/bin/convlab.js" autograde "$AG/submission" --student submission --release "$SRC/release" \\
  --out "\${TMPDIR:-/tmp}/convlab-graded" --jobs 1 --cell-timeout ${o.cellTimeout} --notebook-timeout ${o.notebookTimeout} \\
  --memory-mb ${o.memoryMb} --gradescope "$AG/results/results.json"
status=$?
if [ ! -s "$AG/results/results.json" ]; then
  printf '{"score": 0, "output": "The autograder failed (exit status %s) before it could grade; please tell your instructor.", "tests": []}\\n' "$status" > "$AG/results/results.json"
fi
exit 0
`;
}

/** The package files a grading machine needs (no sources, no node_modules: setup.sh installs those). */
function packageFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, keep: (f: string) => boolean): void => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child, keep);
      else if (e.isFile() && keep(child)) out.push(child);
    }
  };
  walk("dist", (f) => f.endsWith(".js") || f.endsWith(".d.ts") || f.endsWith(".json"));
  walk("bin", () => true);
  walk("kernel", (f) => f.endsWith(".js") || f.startsWith("kernel/install/assets/"));
  return ["package.json", "package-lock.json", ...out.sort()];
}

export function gradescopeZip(release: string, o: GradescopeOptions): { zip: Buffer; files: number } {
  const root = kernelRoot();
  if (!existsSync(join(root, "dist", "kernel", "cli.js")))
    throw new Error(
      `convlab gradescope: expected the built package (${join(root, "dist")}), got none: run npx tsc -p tsconfig.json`,
    );
  const manifests = readRelease(release).filter((m) => !o.notebook || m.id === o.notebook);
  if (manifests.length === 0)
    throw new Error(
      `convlab gradescope: expected notebook ${o.notebook} in ${release}, got ${readRelease(release)
        .map((m) => m.id)
        .join(", ")}`,
    );
  const entries: ZipEntry[] = [
    { name: "setup.sh", data: Buffer.from(SETUP_SH), mode: 0o755 },
    { name: "run_autograder", data: Buffer.from(runAutograder(o)), mode: 0o755 },
    ...manifests.map((m) => ({ name: `release/${m.id}.grader.json`, data: readFileSync(manifestPath(release, m.id)) })),
  ];
  for (const f of packageFiles(root)) {
    const abs = join(root, f);
    entries.push({
      name: posix.join("convlab", relative(root, abs).split(sep).join("/")),
      data: readFileSync(abs),
      mode: statSync(abs).mode & 0o777,
    });
  }
  return { zip: zip(entries), files: entries.length };
}
