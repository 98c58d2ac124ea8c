/**
 * `convlab` command line (bin/convlab.js loads this):
 *   convlab install [--user | --sys-prefix | --prefix DIR] [--from-source]
 *   convlab uninstall [--user | --sys-prefix | --prefix DIR]
 *   convlab run NOTEBOOK... [--output DIR | --inplace] [--timeout S] [--backend B] [--allow-errors]
 *   convlab kernel CONNECTION_FILE        (what kernel.json launches)
 *   convlab start [--port N] [--host-only] [--no-setup]   (serve JupyterLab on notebooks/: scripts/start.sh)
 *   convlab build [--check] [--root DIR]   (course sources + notebooks/course.json → notebooks: kernel/course/)
 *   convlab book [--out DIR] [--executed DIR] [--course PATH] [--no-run] [--jobs N] [--static]   (kernel/book/)
 *   convlab assign | validate | autograde | feedback | gradescope | nbgrader-config   (grading: kernel/grader/)
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { buildCommand } from "./course/build";
import { bookCommand } from "./book/command";
import { runExecProcess } from "./exec/main";
import { startKernel } from "./protocol/front";
import { GRADER_COMMANDS, GRADER_USAGE } from "./grader/cli";
import { install, uninstall, type Where } from "./install/kernelspec";
import { installLabextension, uninstallLabextension } from "./install/labextension";
import { kernelRoot } from "./paths";
import { runCommand } from "./runner/run";

type Command = (argv: string[]) => Promise<number>;

function where(v: { user?: boolean; "sys-prefix"?: boolean; prefix?: string }): Where | null {
  const picked = [v.user, v["sys-prefix"], v.prefix !== undefined].filter(Boolean).length;
  if (picked > 1) throw new Error("convlab install: expected at most one of --user, --sys-prefix, --prefix DIR");
  if (v.prefix !== undefined) return { kind: "prefix", dir: v.prefix };
  if (v["sys-prefix"]) return { kind: "sys-prefix" };
  if (v.user) return { kind: "user" };
  return null;
}

const placeOptions = {
  user: { type: "boolean" },
  "sys-prefix": { type: "boolean" },
  prefix: { type: "string" },
} as const;

export const COMMANDS: Record<string, Command> = {
  async install(argv) {
    const { values } = parseArgs({ args: argv, options: { ...placeOptions, "from-source": { type: "boolean" } } });
    const dir = install(where(values) ?? { kind: "user" }, values["from-source"] ? { CONVLAB_FROM_SOURCE: "1" } : {});
    console.log(`Installed kernelspec convlab ("TypeScript (convlab)") in ${dir}`);
    // dir = <data dir>/kernels/convlab: the extension goes to <data dir>/labextensions
    const ext = installLabextension(dirname(dirname(dir)));
    console.log(
      ext
        ? `Installed the JupyterLab extension in ${ext}`
        : "JupyterLab extension not built (bash scripts/build-extension.sh): kernel installed without it",
    );
    return 0;
  },
  async uninstall(argv) {
    const { values } = parseArgs({ args: argv, options: placeOptions });
    const removed = uninstall(where(values));
    for (const d of [...removed]) {
      const ext = uninstallLabextension(dirname(dirname(d)));
      if (ext) removed.push(ext);
    }
    console.log(removed.length ? removed.map((d) => `Removed ${d}`).join("\n") : "No convlab kernelspec found");
    return 0;
  },
  async run(argv) {
    return runCommand(argv);
  },
  async kernel(argv) {
    if (argv.length !== 1)
      throw new Error(`convlab kernel: expected one connection file, got ${argv.length} arguments`);
    await startKernel(argv[0]);
    return -1; // keeps running
  },
  async _exec() {
    runExecProcess();
    return -1;
  },
  /** build the course's notebooks, index.ipynb and docs/notebooks.md from instructor/src and the course map */
  async build(argv) {
    return buildCommand(argv);
  },
  /** serve JupyterLab with the kernel and extension on notebooks/ (what `npm start` runs) */
  async start(argv) {
    const r = spawnSync("bash", [join(kernelRoot(), "scripts", "start.sh"), ...argv], { stdio: "inherit" });
    return r.status ?? 1;
  },
  /** the executed course as a static website */
  async book(argv) {
    return bookCommand(argv);
  },
  ...GRADER_COMMANDS,
};

const USAGE = `usage: convlab <command>
  install [--user | --sys-prefix | --prefix DIR]   register the Jupyter kernel "TypeScript (convlab)"
  uninstall [--user | --sys-prefix | --prefix DIR] remove it
  run NOTEBOOK... [--output DIR | --inplace] [--timeout S] [--backend B] [--allow-errors]
                                                   execute notebooks headlessly (no Python needed)
  start [--port N] [--host-only] [--no-setup]      serve JupyterLab with the kernel and extension on notebooks/
  build [--check] [--root DIR]                     build the course notebooks from instructor/src and
                                                   notebooks/course.json (--check: exit 1 if not up to date)
  book [--out site/] [--executed DIR] [--course notebooks/course.json] [--no-run] [--jobs N] [--static]
                                                   the executed course as a static website (offline, no CDN)
${GRADER_USAGE}
  kernel CONNECTION_FILE                           start the kernel (used by kernel.json)`;

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    console.error(USAGE);
    process.exitCode = name === "--help" || name === "-h" ? 0 : 2;
    return;
  }
  try {
    const code = await cmd(rest);
    if (code >= 0) process.exitCode = code;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  }
}
