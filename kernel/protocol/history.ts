/**
 * In-memory history of this kernel session for history_request (tail, range, search with glob
 * patterns, unique, n). Not persisted across kernel restarts.
 */
export interface HistoryEntry {
  line: number;
  input: string;
  output: string | null;
}

export type HistoryRow = [number, number, string | [string, string | null]];

export const SESSION = 1;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}

export class History {
  readonly entries: HistoryEntry[] = [];

  add(line: number, input: string): HistoryEntry {
    const e = { line, input, output: null };
    this.entries.push(e);
    return e;
  }

  query(c: Record<string, unknown>): HistoryRow[] {
    const row = (e: HistoryEntry): HistoryRow => [SESSION, e.line, c.output ? [e.input, e.output] : e.input];
    const n = typeof c.n === "number" ? c.n : undefined;
    let out: HistoryEntry[];
    switch (c.hist_access_type) {
      case "tail":
        out = n === undefined ? this.entries.slice() : this.entries.slice(-n);
        break;
      case "range": {
        const start = typeof c.start === "number" ? c.start : 0;
        const stop = typeof c.stop === "number" && c.stop > 0 ? c.stop : Infinity;
        const session = typeof c.session === "number" ? c.session : 0;
        out = session === 0 || session === SESSION ? this.entries.filter((e) => e.line >= start && e.line < stop) : [];
        break;
      }
      case "search": {
        const re = globToRegExp(typeof c.pattern === "string" ? c.pattern : "*");
        out = this.entries.filter((e) => re.test(e.input));
        if (c.unique) out = out.filter((e, i) => !out.slice(i + 1).some((f) => f.input === e.input));
        if (n !== undefined) out = out.slice(-n);
        break;
      }
      default:
        out = [];
    }
    return out.map(row);
  }
}
