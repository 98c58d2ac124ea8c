/**
 * `convlab install` / `uninstall`: writes the kernelspec "convlab" (kernel.json with absolute
 * paths, logos) into a Jupyter data directory, without Python. Locations follow jupyter_core:
 *   --user (default): $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter
 *   --sys-prefix:     <prefix>/share/jupyter with prefix $CONDA_PREFIX or $VIRTUAL_ENV, else /usr
 *                     (the prefix of Debian's python3, which runs jupyter)
 *   --prefix DIR:     DIR/share/jupyter
 * Uninstall removes the spec from those places and from every directory in $JUPYTER_PATH.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { kernelRoot } from "../paths";

export const KERNEL_NAME = "convlab";
export const DISPLAY_NAME = "TypeScript (convlab)";

export type Where = { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; dir: string };

export function dataDir(where: Where, env: NodeJS.ProcessEnv = process.env): string {
  switch (where.kind) {
    case "user":
      if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
      return join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter");
    case "sys-prefix":
      return join(env.CONDA_PREFIX || env.VIRTUAL_ENV || "/usr", "share", "jupyter");
    case "prefix":
      return join(where.dir, "share", "jupyter");
  }
}

export function kernelJson(extraEnv: Record<string, string> = {}): Record<string, unknown> {
  const root = kernelRoot();
  return {
    argv: [process.execPath, join(root, "bin", "convlab.js"), "kernel", "{connection_file}"],
    display_name: DISPLAY_NAME,
    language: "typescript",
    interrupt_mode: "message",
    ...(Object.keys(extraEnv).length ? { env: extraEnv } : {}),
    metadata: { debugger: false, convlab_root: root },
  };
}

/** Writes <data>/kernels/convlab/{kernel.json, logo-32x32.png, logo-64x64.png}; returns the folder. */
export function install(where: Where, extraEnv: Record<string, string> = {}): string {
  const dir = join(dataDir(where), "kernels", KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelJson(extraEnv), null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    const src = join(kernelRoot(), "kernel", "install", "assets", logo);
    if (existsSync(src)) copyFileSync(src, join(dir, logo));
  }
  return dir;
}

/** Removes the spec wherever install could have put it; returns the folders removed. */
export function uninstall(where: Where | null, env: NodeJS.ProcessEnv = process.env): string[] {
  const bases = where ? [dataDir(where, env)] : [dataDir({ kind: "user" }, env), dataDir({ kind: "sys-prefix" }, env)];
  if (!where) bases.push(...(env.JUPYTER_PATH ?? "").split(delimiter).filter((p) => p));
  const removed: string[] = [];
  for (const base of bases) {
    const dir = join(base, "kernels", KERNEL_NAME);
    if (existsSync(join(dir, "kernel.json"))) {
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}
