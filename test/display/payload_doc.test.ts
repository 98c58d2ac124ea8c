/**
 * docs/payload-schema.md restates src/display/payload.ts for readers of other languages; this test keeps
 * the two from drifting. The code's interfaces are read with the TypeScript parser (types are erased at
 * run time), the doc's tables as markdown, and they must agree:
 * - the views table lists exactly the kinds of `ConvlabPayload`, and so does the `kind` row of the
 *   common-fields table;
 * - each view's row names every field its interface declares (`name` or `name?`, optional exactly when
 *   the code's is), or says "ColorScale" for the fields it inherits from ColorScale, or "as `plot`" for
 *   those it shares with another view;
 * - every field the row names in backticks (`name`, `name?`, `name: …`) exists in that view or in a type
 *   it contains (Series, ArrayData, ColorScale), so a removed or renamed field cannot linger in the doc;
 * - the common-fields table lists exactly ViewBase's fields plus `kind`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const code = ts.createSourceFile(
  "payload.ts",
  readFileSync(join(root, "src/display/payload.ts"), "utf8"),
  ts.ScriptTarget.ES2022,
  true,
);
const doc = readFileSync(join(root, "docs/payload-schema.md"), "utf8");

interface Iface {
  props: Map<string, { optional: boolean; typeNames: string[] }>;
  bases: string[];
}
const ifaces = new Map<string, Iface>();
let union: string[] = [];
const typeNames = (n: ts.Node): string[] => {
  const out: string[] = [];
  const visit = (m: ts.Node): void => {
    if (ts.isTypeReferenceNode(m)) out.push(m.typeName.getText());
    ts.forEachChild(m, visit);
  };
  visit(n);
  return out;
};
for (const s of code.statements) {
  if (ts.isInterfaceDeclaration(s)) {
    const props = new Map<string, { optional: boolean; typeNames: string[] }>();
    for (const m of s.members)
      if (ts.isPropertySignature(m) && m.type)
        props.set(m.name.getText(), { optional: !!m.questionToken, typeNames: typeNames(m.type) });
    const bases = (s.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText()));
    ifaces.set(s.name.text, { props, bases });
  }
  if (ts.isTypeAliasDeclaration(s) && s.name.text === "ConvlabPayload" && ts.isUnionTypeNode(s.type))
    union = s.type.types.map((t) => t.getText());
}
const iface = (name: string): Iface => {
  const i = ifaces.get(name);
  assert.ok(i, `payload.ts: expected interface ${name}`);
  return i;
};
/** Own and inherited fields of an interface. */
const allProps = (name: string): Set<string> =>
  new Set([...iface(name).props.keys(), ...iface(name).bases.flatMap((b) => [...allProps(b)])]);
/** Every field name reachable from an interface through its bases and field types. */
const reachable = (name: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(name) || !ifaces.has(name)) return seen;
  seen.add(name);
  const i = iface(name);
  for (const b of i.bases) reachable(b, seen);
  for (const p of i.props.values()) for (const t of p.typeNames) reachable(t, seen);
  return seen;
};
const kindOf = (name: string): string => {
  const k = iface(name).props.get("kind");
  assert.ok(k, `${name}: expected a kind field`);
  const decl = code.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  const m = decl?.members.find((p) => p.name?.getText() === "kind");
  return /"(\w+)"/.exec(m?.getText() ?? "")?.[1] ?? "";
};
const kinds = new Map(union.map((n) => [kindOf(n), n]));

/** Rows of the markdown table under a heading: [first cell, rest]. */
function tableRows(heading: string): [string, string][] {
  const start = doc.indexOf(`\n## ${heading}`);
  assert.ok(start >= 0, `docs/payload-schema.md: expected a "## ${heading}" section`);
  const section = doc.slice(start + 1).split(/\n## /)[0];
  return section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => {
      const cells = l.slice(2).split(/(?<!\\) \| /);
      return [cells[0], cells.slice(1).join(" | ")];
    });
}
const spans = (s: string): string[] => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
/** A span that names a field: `name`, `name?`, `name: …`, `name?: …`. */
const fieldSpan = (s: string): { name: string; optional: boolean } | null => {
  const m = /^([a-z][A-Za-z]*)(\?)?(:.*)?$/.exec(s);
  return m && !["null", "true", "false"].includes(m[1]) ? { name: m[1], optional: !!m[2] } : null;
};

test("the views table lists exactly the payload kinds, each with the fields its interface declares", () => {
  const rows = tableRows("Views");
  assert.deepEqual(rows.map(([k]) => spans(k)[0]).sort(), [...kinds.keys()].sort(), "kinds in the views table");
  for (const [k, fields] of rows) {
    const kind = spans(k)[0];
    const name = kinds.get(kind)!;
    const named = new Map<string, boolean>();
    for (const s of spans(fields)) {
      const f = fieldSpan(s);
      if (f && !named.has(f.name)) named.set(f.name, f.optional);
    }
    const like = /as `(\w+)`/.exec(fields)?.[1];
    const shared = like ? allProps(kinds.get(like)!) : new Set<string>();
    for (const [field, p] of iface(name).props) {
      if (field === "kind" || shared.has(field)) continue;
      assert.ok(named.has(field), `${kind}: the doc's row does not name the field ${field}`);
      assert.equal(
        named.get(field),
        p.optional,
        `${kind}.${field}: optional in code: ${p.optional}, in the doc: ${named.get(field)}`,
      );
    }
    if (iface(name).bases.includes("ColorScale")) assert.match(fields, /ColorScale/, `${kind}: inherits ColorScale`);
    const known = new Set([...reachable(name)].flatMap((i) => [...iface(i).props.keys()]));
    for (const f of named.keys())
      if (!known.has(f) && f !== like)
        assert.fail(`${kind}: the doc's row names \`${f}\`, which no interface of this view declares`);
  }
});

test("the common-fields table lists exactly ViewBase's fields and kind, and the kind row every kind", () => {
  const rows = tableRows("Common fields");
  const doced = rows.map(([f]) => fieldSpan(spans(f)[0])?.name ?? "");
  assert.deepEqual(doced.sort(), [...iface("ViewBase").props.keys(), "kind"].sort());
  const kindRow = rows.find(([f]) => spans(f)[0] === "kind")!;
  assert.deepEqual(
    spans(kindRow[1])
      .filter((s) => s !== "string")
      .sort(),
    [...kinds.keys()].sort(),
  );
});

test("the colour-scale section names ColorScale's fields and the colour map names", () => {
  const line = /`\{cmap: ([^`]+)\}`/.exec(doc);
  assert.ok(line, "docs/payload-schema.md: expected the ColorScale shape `{cmap: …}`");
  const maps = [...line[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  const cmapType = code.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === "CmapName");
  assert.deepEqual(maps.sort(), [...(cmapType?.getText().matchAll(/"(\w+)"/g) ?? [])].map((m) => m[1]).sort());
  const fields = line[1]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[a-z]/.test(s));
  const want = [...iface("ColorScale").props]
    .filter(([n]) => n !== "cmap")
    .map(([n, p]) => n + (p.optional ? "?" : ""));
  assert.deepEqual(fields.sort(), want.sort());
});
