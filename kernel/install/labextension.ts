/**
 * The prebuilt JupyterLab extension (built by scripts/build-extension.sh into extension/labextension/) is
 * installed beside the kernelspec, into <Jupyter data dir>/labextensions/convlab-jupyterlab — where an
 * existing JupyterLab ≥ 4 discovers prebuilt extensions.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { kernelRoot } from "../paths";

export const LABEXTENSION_NAME = "convlab-jupyterlab";

export function builtLabextension(): string | null {
  const dir = join(kernelRoot(), "extension", "labextension");
  return existsSync(join(dir, "package.json")) ? dir : null;
}

/** Copies the built extension into dataDir; returns the target, or null when it is not built. */
export function installLabextension(dataDir: string): string | null {
  const src = builtLabextension();
  if (!src) return null;
  const target = join(dataDir, "labextensions", LABEXTENSION_NAME);
  rmSync(target, { recursive: true, force: true });
  cpSync(src, target, { recursive: true });
  return target;
}

export function uninstallLabextension(dataDir: string): string | null {
  const target = join(dataDir, "labextensions", LABEXTENSION_NAME);
  if (!existsSync(target)) return null;
  rmSync(target, { recursive: true, force: true });
  return target;
}
