/**
 * The site's static files under `_static/`: KaTeX's stylesheet and fonts, highlight.js's light theme and
 * book.css, all from npm packages on this machine (nothing is fetched when the site is viewed); and, when
 * `scripts/build-extension.sh` has built it, the interactive views bundle (extension/book/views.js) with
 * plotly for pages that have plots.
 */
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { kernelRoot } from "../paths";

const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/** The views bundle, their stylesheet and plotly, if built. */
export function viewsBundle(): { views: string; css: string; plotly: string } | null {
  const root = kernelRoot();
  const views = join(root, "extension", "book", "views.js");
  const css = join(root, "extension", "style", "index.css");
  const plotly = join(root, "extension", "node_modules", "plotly.js-dist-min", "plotly.min.js");
  return existsSync(views) && existsSync(css) && existsSync(plotly) ? { views, css, plotly } : null;
}

/** Copies the static files; returns whether the interactive views are included. */
export function copyAssets(out: string, interactive: boolean): boolean {
  const dir = join(out, "_static");
  mkdirSync(dir, { recursive: true });
  const katex = join(packageDir("katex"), "dist");
  mkdirSync(join(dir, "katex"), { recursive: true });
  cpSync(join(katex, "katex.min.css"), join(dir, "katex", "katex.min.css"));
  cpSync(join(katex, "fonts"), join(dir, "katex", "fonts"), { recursive: true });
  cpSync(join(packageDir("highlight.js"), "styles", "github.css"), join(dir, "highlight.css"));
  cpSync(join(kernelRoot(), "kernel", "book", "book.css"), join(dir, "book.css"));
  const bundle = interactive ? viewsBundle() : null;
  if (bundle) {
    cpSync(bundle.views, join(dir, "views.js"));
    cpSync(bundle.css, join(dir, "views.css"));
    cpSync(bundle.plotly, join(dir, "plotly.min.js"));
  }
  return bundle !== null;
}
