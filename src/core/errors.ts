/**
 * Every error a user can trigger names the op, what it expected and what it got:
 * `conv2d: expected x of rank 4 (N,C,H,W), got shape [3,28,28]`.
 */
export class ConvlabError extends Error {
  constructor(
    readonly op: string,
    message: string,
  ) {
    super(`${op}: ${message}`);
    this.name = "ConvlabError";
  }
}

export function opError(op: string, message: string): ConvlabError {
  return new ConvlabError(op, message);
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** Short description of any value for error messages ("a string \"x\"", "shape [2,3]", "NaN"). */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (typeof v === "object" && "shape" in v && Array.isArray(v.shape)) {
    return `shape ${fmtShape((v as { shape: number[] }).shape)}`;
  }
  return `a ${typeof v}`;
}
