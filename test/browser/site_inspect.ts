// What a page of the course website shows, read in the browser (shared by the site tests).
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Page } from "playwright-core";

export function htmlFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name.startsWith("_")
        ? []
        : htmlFiles(join(dir, e.name), base)
      : e.name.endsWith(".html")
        ? [relative(base, join(dir, e.name))]
        : [],
  );
}

/** What a page shows, read in the browser. */
export async function inspect(page: Page): Promise<{
  katex: number;
  katexErrors: number;
  rawTex: string[];
  images: { src: string; ok: boolean }[];
  links: string[];
}> {
  return page.evaluate(() => {
    const rawTex: string[] = [];
    const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest("pre, code, .katex, script")) continue;
      const t = n.textContent ?? "";
      // a formula left as text: $…$, $$, or a TeX command (a lone "$5" is an escaped dollar, and fine)
      if (/\$\$|\$[^$\n]+\$|\\(begin|end|frac|sum|hat)\b/.test(t)) rawTex.push(t.slice(0, 100));
    }
    return {
      katex: document.querySelectorAll("main .katex").length,
      katexErrors: document.querySelectorAll('.katex-error, .katex [style*="#cc0000"]').length,
      rawTex,
      images: Array.from(document.images, (i) => ({
        src: i.currentSrc || i.src,
        ok: i.complete && i.naturalWidth > 0,
      })),
      links: Array.from(document.querySelectorAll("a[href]"), (a) => (a as HTMLAnchorElement).href).filter(
        (h) => !h.startsWith("mailto:"),
      ),
    };
  });
}
