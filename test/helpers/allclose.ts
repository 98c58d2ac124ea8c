/**
 * assertClose(actual, expected, {rtol, atol}): |a − e| <= atol + rtol·|e| everywhere, NaN == NaN.
 * A failure names the worst index with both values, so a wrong kernel is easy to locate.
 */
import assert from "node:assert/strict";
import type { NdArray } from "ndarray";
import * as cl from "../../src/index";

export type Values = cl.Tensor | NdArray | ArrayLike<number> | number[][] | number[][][] | number;

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  /** also require this shape */
  shape?: readonly number[];
  label?: string;
}

async function flat(v: Values): Promise<{ data: ArrayLike<number>; shape?: number[] }> {
  if (v instanceof cl.Tensor) return { data: await v.data(), shape: v.shape };
  if (typeof v === "number") return { data: [v] };
  if (typeof v === "object" && v !== null && "stride" in v) {
    const t = cl.tensor(v, undefined, { dtype: "float64" });
    return { data: await t.data(), shape: t.shape };
  }
  if (Array.isArray(v)) return { data: (v as unknown[]).flat(Infinity) as number[] };
  return { data: v };
}

export async function assertClose(actual: Values, expected: Values, opts: CloseOptions = {}): Promise<void> {
  const rtol = opts.rtol ?? 1e-5,
    atol = opts.atol ?? 1e-6;
  const a = await flat(actual),
    e = await flat(expected);
  const label = opts.label ? `${opts.label}: ` : "";
  if (opts.shape && a.shape) assert.deepEqual(a.shape, [...opts.shape], `${label}shape`);
  assert.equal(a.data.length, e.data.length, `${label}expected ${e.data.length} values, got ${a.data.length}`);
  let worst = -1,
    worstExcess = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i],
      y = e.data[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (x === y) continue;
    const excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    assert.fail(
      `${label}not close (rtol ${rtol}, atol ${atol}): worst at flat index ${worst}` +
        `${a.shape ? ` of shape [${a.shape}]` : ""}: got ${a.data[worst]}, expected ${e.data[worst]}`,
    );
  }
}

/** assert that fn throws an error whose message contains every fragment */
export function assertThrowsWith(fn: () => unknown, ...fragments: string[]): void {
  let msg: string | null = null;
  try {
    fn();
  } catch (e) {
    msg = e instanceof Error ? e.message : String(e);
  }
  assert.ok(msg !== null, `expected an error containing ${JSON.stringify(fragments)}, got none`);
  for (const f of fragments)
    assert.ok(msg.includes(f), `expected the error to contain ${JSON.stringify(f)}, got ${JSON.stringify(msg)}`);
}
