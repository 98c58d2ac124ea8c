/**
 * Captures process.stdout/stderr writes in the execution process and sends them as `stream`
 * messages. Writes are batched (flushed before any other message, at 64 KB, or on the next
 * macrotask) so a cell printing 100k lines sends a few messages, not 100k; each cell may print at
 * most `maxChars` per stream, the rest is counted and reported once at the end of the cell.
 */
import type { FromExec } from "./ipc";

type Name = "stdout" | "stderr";
const BATCH = 64 * 1024;

export class StreamCapture {
  private buf = "";
  private bufName: Name = "stdout";
  private printed = { stdout: 0, stderr: 0 };
  private dropped = { stdout: 0, stderr: 0 };
  private scheduled = false;
  /** The request the output belongs to (the running cell, or the last one for late output). */
  parent = "";

  constructor(
    private readonly send: (m: FromExec) => void,
    private readonly maxChars: number,
  ) {}

  install(): void {
    for (const name of ["stdout", "stderr"] as const) {
      const stream = process[name];
      const hook = (chunk: unknown, enc?: unknown, cb?: unknown): boolean => {
        const text =
          typeof chunk === "string"
            ? chunk
            : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
              ? Buffer.from(chunk).toString("utf8")
              : String(chunk);
        this.write(name, text);
        const done = typeof enc === "function" ? enc : cb;
        if (typeof done === "function") process.nextTick(done);
        return true;
      };
      stream.write = hook;
    }
  }

  write(name: Name, text: string): void {
    const room = this.maxChars - this.printed[name];
    if (text.length > room) {
      this.dropped[name] += text.length - Math.max(0, room);
      text = room > 0 ? text.slice(0, room) : "";
    }
    if (!text) return;
    this.printed[name] += text.length;
    if (this.bufName !== name) this.flush();
    this.bufName = name;
    this.buf += text;
    if (this.buf.length >= BATCH) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (!this.buf) return;
    this.send({ t: "stream", id: this.parent, name: this.bufName, text: this.buf });
    this.buf = "";
  }

  /** Starts a cell: new limits, output goes to `id`. */
  begin(id: string): void {
    this.flush();
    this.parent = id;
    this.printed = { stdout: 0, stderr: 0 };
    this.dropped = { stdout: 0, stderr: 0 };
  }

  /** Ends a cell: flushes and says how much was dropped. */
  end(): void {
    for (const name of ["stdout", "stderr"] as const) {
      const n = this.dropped[name];
      if (n > 0) {
        this.printed[name] = -Infinity; // the note itself must get through
        this.write(
          name,
          `\n[convlab] output truncated: ${n} more characters on ${name} were dropped (limit ${this.maxChars}; set CONVLAB_MAX_STREAM_CHARS)\n`,
        );
      }
    }
    this.flush();
  }
}
