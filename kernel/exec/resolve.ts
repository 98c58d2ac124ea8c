/**
 * Notebooks anywhere: `import * as cl from "convlab"` must type-check and run in a notebook in any
 * folder. The notebook's folder sees a virtual `node_modules` that falls back to the kernel's own
 * installation: `node_modules/convlab` is the kernel's package root, any other package missing
 * next to the notebook (including `@types/node`) comes from the kernel's node_modules. Packages the
 * notebook's folder really has win. The same rule holds at run time through the cell's `require`.
 *
 * tslab's converter reads the file system through `ts.sys` of its TypeScript; this module patches
 * that one object (it is the single adapter to tslab's internals for resolution).
 */
import { existsSync, statSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import * as ts from "@tslab/typescript-for-tslab";
import { kernelRoot } from "../paths";

/** Maps a path under `<dir>/node_modules` that does not exist to the kernel's copy, else null. */
export function fallbackPath(dir: string, root: string, p: string): string | null {
  const nm = join(dir, "node_modules");
  if (p !== nm && !p.startsWith(nm + sep)) return null;
  const rest = p.slice(nm.length + 1);
  if (rest === "convlab" || rest.startsWith("convlab" + sep)) return join(root, rest.slice("convlab".length));
  if (p === nm) return join(root, "node_modules");
  const target = join(root, "node_modules", rest);
  return target === p ? null : target;
}

export function installTypeOverlay(dir: string, root: string): void {
  const sys = ts.sys;
  const orig = { ...sys };
  const alt = (p: string): string | null => fallbackPath(dir, root, p);
  sys.fileExists = (p) => orig.fileExists(p) || (alt(p) !== null && orig.fileExists(alt(p) as string));
  sys.directoryExists = (p) => orig.directoryExists(p) || (alt(p) !== null && orig.directoryExists(alt(p) as string));
  sys.readFile = (p, enc) =>
    orig.fileExists(p) || alt(p) === null ? orig.readFile(p, enc) : orig.readFile(alt(p) as string, enc);
  sys.getDirectories = (p) => {
    const real = orig.directoryExists(p) ? orig.getDirectories(p) : [];
    const a = alt(p);
    return a && orig.directoryExists(a) ? [...new Set([...real, ...orig.getDirectories(a)])] : real;
  };
  // The compiler keys files by real path, so dependencies of convlab resolve from its real place.
  if (orig.realpath) {
    const realpath = orig.realpath;
    sys.realpath = (p) => (existsSync(p) || alt(p) === null ? realpath(p) : realpath(alt(p) as string));
  }
}

const esmImport = (url: string): Promise<unknown> =>
  (require(join(kernelRoot(), "kernel", "exec", "esm_import.js")) as (u: string) => Promise<unknown>)(url);

const ESM_CODES = new Set(["ERR_REQUIRE_ESM", "ERR_REQUIRE_ASYNC_MODULE"]);

/**
 * The cell's `require`: from the notebook's folder first, then from the kernel's installation;
 * "convlab" is always the kernel's own package. ESM modules that `require` cannot load (top-level
 * await) are imported ahead of the cell by `preloadEsm` and served from a cache.
 */
export function makeCellRequire(
  dir: string,
  root: string,
): { require: NodeJS.Require; preloadEsm(ids: string[]): Promise<void> } {
  const local = createRequire(join(dir, "__notebook__.js"));
  const kernel = createRequire(join(root, "__kernel__.js"));
  const esm = new Map<string, unknown>();
  const resolveId = (id: string): { req: NodeJS.Require; id: string } => {
    if (id === "convlab" || id.startsWith("convlab/"))
      return { req: kernel, id: join(root, id.slice("convlab".length)) || root };
    if (id.startsWith(".") || id.startsWith("/") || Module.isBuiltin(id)) return { req: local, id };
    try {
      local.resolve(id);
      return { req: local, id };
    } catch {
      return { req: kernel, id };
    }
  };
  const req = ((id: string) => {
    if (esm.has(id)) return esm.get(id);
    const r = resolveId(id);
    return r.req(r.id);
  }) as NodeJS.Require;
  Object.assign(req, {
    resolve: (id: string) => {
      const r = resolveId(id);
      return r.req.resolve(r.id);
    },
    cache: local.cache,
    main: local.main,
    extensions: local.extensions,
  });
  return {
    require: req,
    async preloadEsm(ids) {
      for (const id of ids) {
        if (esm.has(id) || Module.isBuiltin(id)) continue;
        try {
          req(id);
        } catch (e) {
          if (!ESM_CODES.has((e as NodeJS.ErrnoException).code ?? "")) continue; // the cell reports it
          const file = req.resolve(id);
          // Marked like Node's own require(esm) result, so TypeScript's __importDefault keeps `default`.
          const ns = (await esmImport(pathToFileURL(file).href)) as Record<string, unknown>;
          esm.set(id, Object.freeze({ __esModule: true, ...ns }));
        }
      }
    },
  };
}

/** Static `require("x")` ids in converted cell code, for preloadEsm. */
export function requiredIds(js: string): string[] {
  return [...js.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
}

export function isDirectory(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
