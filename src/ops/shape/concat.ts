/** concat(xs, axis) and stack(xs, axis). Gradient: dy sliced back into one piece per input. */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { fmtShape, opError } from "../../core/errors";
import { normAxis } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { unsqueeze } from "./view_ops";

export function concat(xs: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0) throw opError("concat", "expected a non-empty array of tensors, got none");
  const ts = xs.map((x, i) => toTensor("concat", `xs[${i}]`, x));
  const r = ts[0].rank;
  const a = normAxis("concat", axis, r);
  ts.forEach((t, i) => {
    if (t.rank !== r || t.shape.some((d, j) => j !== a && d !== ts[0].shape[j])) {
      throw opError(
        "concat",
        `expected shapes equal except on dim ${a}, got ${fmtShape(ts[0].shape)} and ${fmtShape(t.shape)} (xs[${i}])`,
      );
    }
  });
  if (ts.length === 1) return ts[0];
  return run1("concat", ts, { axis: a });
}

export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(xs) || xs.length === 0) throw opError("stack", "expected a non-empty array of tensors, got none");
  const ts = xs.map((x, i) => toTensor("stack", `xs[${i}]`, x));
  const a = normAxis("stack", axis, ts[0].rank + 1);
  return concat(
    ts.map((t) => unsqueeze(t, a)),
    a,
  );
}
