/**
 * Links as written in a notebook, mapped to the site: `02-stepper.ipynb#Heading` to that notebook's page,
 * `figs/a.png` to the copied file, `attachment:a.png` to the cell attachment written as an image. Other
 * URLs (http:, mailto:, #fragment) stay. What cannot be resolved stays as written and is reported.
 */
import { posix } from "node:path";
import { relativeHref, type Page } from "./pages";
import type { UrlMapper } from "./sanitize";
import type { SiteFiles } from "./site_files";

/** A cell's attachments: name → MIME bundle of base64 strings (nbformat). */
export type Attachments = Record<string, Record<string, string>>;

export interface LinkContext {
  page: Page;
  pages: ReadonlyMap<string, Page>;
  files: SiteFiles;
  attachments?: Attachments;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function attachment(name: string, ctx: LinkContext): string | null {
  const bundle = ctx.attachments?.[name];
  if (!bundle) return null;
  for (const [mime, data] of Object.entries(bundle)) {
    try {
      return ctx.files.image(Buffer.from(data, "base64"), mime);
    } catch {
      /* not an image type: try the next one */
    }
  }
  return null;
}

export function urlMapper(ctx: LinkContext): UrlMapper {
  const where = ctx.page.source;
  return (url, kind) => {
    if (url.startsWith("attachment:")) {
      const name = decodeURIComponent(url.slice("attachment:".length));
      const path = attachment(name, ctx);
      if (path) return relativeHref(ctx.page.href, path);
      ctx.files.warnings.push(`${where}: no attachment named ${name}`);
      return url;
    }
    if (SCHEME.test(url) || url.startsWith("//") || url.startsWith("#") || url === "") return url;
    const [, path, suffix] = /^([^?#]*)(.*)$/.exec(url) ?? ["", url, ""];
    let target: string;
    try {
      target = posix.normalize(posix.join(posix.dirname(where), decodeURI(path)));
    } catch {
      return url;
    }
    if (kind === "link" && target.endsWith(".ipynb")) {
      const page = ctx.pages.get(target);
      if (page) return relativeHref(ctx.page.href, page.href) + suffix;
      ctx.files.warnings.push(
        `${where}: links to ${target}, which is not in the course map (the link is left as written)`,
      );
      return url;
    }
    const copied = ctx.files.copy(target);
    if (copied) return encodeURI(relativeHref(ctx.page.href, copied)) + suffix;
    ctx.files.warnings.push(`${where}: ${kind === "image" ? "image" : "link"} ${url} not found (${target})`);
    return url;
  };
}
