/**
 * Notebook JSON exactly as nbformat writes it (Python `json.dumps(nb, sort_keys=True, indent=1,
 * separators=(",", ": "), ensure_ascii=False)` after `split_lines`), so the headless runner's files
 * are byte-for-byte what nbclient + nbformat produce. Differences from JSON.stringify: keys sorted by
 * code point (also integer-like keys), Python's float repr ("1e-05", "1e+16"), and only the
 * characters Python escapes are escaped.
 */

type J = null | boolean | number | string | J[] | { [k: string]: J };

/** Python repr() of a float given as a JS number that is not an integer literal. */
export function pyFloat(x: number): string {
  const [mant, expStr] = x.toExponential().split("e");
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const decpt = Number(expStr) + 1;
  let s: string;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) s = "0." + "0".repeat(-decpt) + digits;
    else if (decpt >= digits.length) s = digits + "0".repeat(decpt - digits.length) + ".0";
    else s = digits.slice(0, decpt) + "." + digits.slice(decpt);
  } else {
    const e = decpt - 1;
    s =
      (digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits) +
      "e" +
      (e < 0 ? "-" : "+") +
      String(Math.abs(e)).padStart(2, "0");
  }
  return (neg ? "-" : "") + s;
}

/** A JSON number as Python re-serialises it: integer literals stay integers, others are floats. */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : x < 0 ? "-Infinity" : "NaN";
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? String(x) : pyFloat(x);
}

const ESC: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

export function pyString(s: string): string {
  return (
    '"' + s.replace(/["\\\x00-\x1f]/g, (c) => ESC[c] ?? "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")) + '"'
  );
}

const byCodePoint = (a: string, b: string): number => {
  const x = [...a],
    y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

export function pyDumps(v: unknown, indent = 1, level = 0): string {
  const pad = (n: number) => "\n" + " ".repeat(n * indent);
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return pyNumber(v);
  if (typeof v === "string") return pyString(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    return "[" + v.map((x) => pad(level + 1) + pyDumps(x, indent, level + 1)).join(",") + pad(level) + "]";
  }
  const keys = Object.keys(v).sort(byCodePoint);
  if (keys.length === 0) return "{}";
  return (
    "{" +
    keys
      .map((k) => pad(level + 1) + pyString(k) + ": " + pyDumps((v as Record<string, J>)[k], indent, level + 1))
      .join(",") +
    pad(level) +
    "}"
  );
}

/** Python's str.splitlines(keepends=True). */
export function splitLines(s: string): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

const isJsonMime = (k: string) => k === "application/json" || (k.startsWith("application/") && k.endsWith("+json"));
const SPLIT_NON_TEXT = new Set(["application/javascript", "image/svg+xml"]);

export interface NotebookJson {
  cells: Array<
    Record<string, unknown> & {
      cell_type: string;
      source: string | string[];
      metadata: Record<string, unknown>;
      outputs?: Array<Record<string, unknown>>;
    }
  >;
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** nbformat's rejoin_lines (on read): list-of-lines fields become strings. */
export function rejoinLines(nb: NotebookJson): NotebookJson {
  for (const cell of nb.cells) {
    if (Array.isArray(cell.source)) cell.source = cell.source.join("");
    for (const o of cell.outputs ?? []) {
      const data = o.data as Record<string, unknown> | undefined;
      if (data)
        for (const [k, v] of Object.entries(data))
          if (!isJsonMime(k) && Array.isArray(v) && v.every((x) => typeof x === "string")) data[k] = v.join("");
      if (Array.isArray(o.text)) o.text = (o.text as string[]).join("");
    }
  }
  return nb;
}

/** nbformat.writes: split_lines on a copy, then Python's json.dumps, plus the trailing newline. */
export function writeNotebook(nb: NotebookJson): string {
  const copy = JSON.parse(JSON.stringify(nb)) as NotebookJson;
  for (const cell of copy.cells) {
    if (typeof cell.source === "string") cell.source = splitLines(cell.source);
    if (cell.cell_type !== "code") continue;
    for (const o of cell.outputs ?? []) {
      if (o.output_type === "execute_result" || o.output_type === "display_data") {
        const data = (o.data ?? {}) as Record<string, unknown>;
        for (const [k, v] of Object.entries(data))
          if (typeof v === "string" && (k.startsWith("text/") || SPLIT_NON_TEXT.has(k))) data[k] = splitLines(v);
      } else if (o.output_type === "stream" && typeof o.text === "string") o.text = splitLines(o.text);
    }
  }
  for (const k of ["orig_nbformat", "orig_nbformat_minor", "signature"]) delete copy.metadata[k];
  for (const cell of copy.cells) delete cell.metadata.trusted;
  const s = pyDumps(copy);
  return s.endsWith("\n") ? s : s + "\n";
}
