// What a page of the course website shows, read in the browser (shared by the site tests).
import assert from "node:assert/strict";
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

/**
 * Every internal link of page `p` answers 200 and, with a #fragment, lands on an element with that id. `checked`
 * holds the path + fragment pairs already seen across pages (each is fetched once).
 */
export async function checkInternalLinks(
  p: string,
  links: string[],
  origin: string,
  checked: Set<string>,
): Promise<void> {
  for (const href of links) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    const key = url.pathname + url.hash;
    if (checked.has(key)) continue;
    checked.add(key);
    const res = await fetch(url.origin + url.pathname);
    assert.equal(res.status, 200, `${p}: link ${href}`);
    const id = decodeURIComponent(url.hash.slice(1));
    // The id as an HTML attribute value is written escaped (a heading with "quotes" in it has &quot; there).
    const attr = id.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    if (id) assert.ok((await res.text()).includes(` id="${attr}"`), `${p}: link ${href}: no element with id ${id}`);
  }
}
