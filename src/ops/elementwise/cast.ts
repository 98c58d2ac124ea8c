/** cast(x, dtype). Gradient: dy cast back to x's dtype (none into int32). */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { isDType, type DType } from "../../core/dtype";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";

export function cast(x: TensorLike, dtype: DType): Tensor {
  const t = toTensor("cast", "x", x);
  if (!isDType(dtype)) throw opError("cast", `expected dtype "float32" | "float64" | "int32", got ${describe(dtype)}`);
  return t.dtype === dtype ? t : run1("cast", [t], { dtype });
}
