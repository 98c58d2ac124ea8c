/**
 * A small XML reader for the figures' SVG in tests: elements with attributes, children and text, and
 * queries by tag and class. It reads what src/display/figure/svg.ts writes (no comments, CDATA or DTDs).
 */
export interface Node {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

export function parseSvg(svg: string): Node {
  const root: Node = { tag: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += unescape(m[5]);
      continue;
    }
    if (m[1]) {
      if (top.tag !== m[2]) throw new Error(`parseSvg: expected </${top.tag}>, got </${m[2]}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = unescape(a[2]);
    const node: Node = { tag: m[2], attrs, children: [], text: "" };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (stack.length !== 1)
    throw new Error(`parseSvg: expected every element closed, got <${stack[stack.length - 1].tag}> open`);
  return root.children[0];
}

export function all(n: Node, pred: (n: Node) => boolean, out: Node[] = []): Node[] {
  for (const c of n.children) {
    if (pred(c)) out.push(c);
    all(c, pred, out);
  }
  return out;
}

export const hasClass = (n: Node, cls: string): boolean => (n.attrs.class ?? "").split(/\s+/).includes(cls);
export const byClass = (n: Node, cls: string): Node[] => all(n, (c) => hasClass(c, cls));
export const byTag = (n: Node, tag: string): Node[] => all(n, (c) => c.tag === tag);

/** All text under a node, in document order. */
export function textOf(n: Node): string {
  return n.text + n.children.map(textOf).join("");
}

/** Texts of the tick labels in a group (e.g. one `axis y`). */
export const tickLabels = (axis: Node): string[] => byClass(axis, "tick").flatMap((t) => byTag(t, "text").map(textOf));
