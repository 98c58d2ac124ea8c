/** Code highlighted at build time (highlight.js; its light theme is copied into the site by assets.ts). */
import hljs from "highlight.js/lib/common";

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const ALIASES: Record<string, string> = { ts: "typescript", js: "javascript", sh: "bash", shell: "bash", py: "python" };

/** Highlighted HTML for the inside of a `<code>`; plain escaped text for unknown languages. */
export function highlight(code: string, language: string): string {
  const lang = ALIASES[language.toLowerCase()] ?? language.toLowerCase();
  if (!lang || !hljs.getLanguage(lang)) return escapeHtml(code);
  return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
}

/** A block of code as the site shows it. */
export function codeBlock(code: string, language: string): string {
  return `<pre class="cl-code"><code class="hljs language-${escapeHtml(language)}">${highlight(code, language)}</code></pre>`;
}
