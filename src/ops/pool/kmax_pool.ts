/**
 * kMaxPool1d(x, k, {dim = -1}) — k-max pooling (Kalchbrenner, Grefenstette & Blunsom 2014): the k largest
 * values along `dim`, kept in their original order, so the relative positions of the strongest features
 * survive. y = gather(x, topk(x, k), dim) with topk returning sorted positions; ties keep the earlier one.
 * Gradient: dy scattered back to the chosen positions (the gather rule).
 */
import { run1 } from "../../core/dispatch";
import type { TensorLike } from "../../core/coerce";
import { describe, fmtShape, opError } from "../../core/errors";
import { normAxis } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { checkOpts } from "../../core/options";
import { floatInput } from "./max_pool";

export interface KMaxPoolOptions {
  dim?: number;
}

export function kMaxPool1d(x: TensorLike, k: number, opts: KMaxPoolOptions = {}): Tensor {
  const op = "kMaxPool1d";
  const t = floatInput(op, x);
  const o = checkOpts(op, opts, ["dim"]);
  if (t.rank === 0) throw opError(op, "expected x of rank >= 1, got a scalar");
  const axis = normAxis(op, o.dim ?? -1, t.rank);
  const n = t.shape[axis];
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > n) {
    throw opError(
      op,
      `expected k as an integer in [1, ${n}] (the length of dim ${axis} of ${fmtShape(t.shape)}), got ${describe(k)}`,
    );
  }
  const idx = run1("topk", [t], { k, axis });
  return run1("gather", [t, idx], { axis });
}
