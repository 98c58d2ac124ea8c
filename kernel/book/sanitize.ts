/**
 * HTML from notebooks (raw HTML in markdown cells, `text/html` outputs) goes through an allow-list before it
 * reaches the site, as JupyterLab sanitises untrusted notebooks: no scripts, no event handlers, no iframes,
 * no `javascript:` URLs. The same pass rewrites every `href` and `src` (markdown links and raw tags alike)
 * through `url`, which maps notebook links to pages and copies local images into the site.
 */
import sanitizeHtml from "sanitize-html";

export type UrlKind = "link" | "image";
export type UrlMapper = (url: string, kind: UrlKind) => string;

const TAGS = [...sanitizeHtml.defaults.allowedTags, "img", "details", "summary", "del", "ins", "h1", "h2"];
const STYLE_VALUE = [/^[#\w\s.,%()-]+$/];

function options(url: UrlMapper): sanitizeHtml.IOptions {
  return {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": ["id", "class", "title", "align", "style", "lang", "dir"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan", "scope"],
      ol: ["start", "type"],
      details: ["open"],
    },
    allowedStyles: {
      "*": {
        color: STYLE_VALUE,
        "background-color": STYLE_VALUE,
        "text-align": [/^(left|right|center|justify)$/],
        width: STYLE_VALUE,
        "max-width": STYLE_VALUE,
        height: STYLE_VALUE,
        "font-weight": STYLE_VALUE,
        "font-style": STYLE_VALUE,
        float: [/^(left|right|none)$/],
        margin: STYLE_VALUE,
        padding: STYLE_VALUE,
      },
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href === undefined) return { tagName, attribs };
        const href = url(attribs.href, "link");
        // Links that leave the site open in a new tab and cannot reach back into it.
        const external = /^[a-z][a-z0-9+.-]*:|^\/\//i.test(href) && !href.startsWith("mailto:");
        return {
          tagName,
          attribs: { ...attribs, href, ...(external ? { target: "_blank", rel: "noopener noreferrer" } : {}) },
        };
      },
      img: (tagName, attribs) => ({
        tagName,
        attribs: attribs.src === undefined ? attribs : { ...attribs, src: url(attribs.src, "image") },
      }),
    },
  };
}

export function sanitize(html: string, url: UrlMapper): string {
  return sanitizeHtml(html, options(url));
}
