/** Where the kernel is installed: the package root holding package.json (name "convlab"). */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

let cached: string | null = null;

export function kernelRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "convlab")
      return (cached = dir);
    if (dirname(dir) === dir)
      throw new Error(`convlab kernel: expected a package.json named convlab above ${__dirname}, found none`);
  }
}

/** The kernel's version (package.json), shown in kernel_info. */
export function kernelVersion(): string {
  return (JSON.parse(readFileSync(join(kernelRoot(), "package.json"), "utf8")) as { version: string }).version;
}
