/**
 * Global pooling: one value per (sample, channel) over all spatial positions (Lin et al., "Network in
 * Network": global average pooling in place of fully connected layers).
 *   globalAvgPool(x)[n, c] = mean_{p} x[n, c, p]      globalMaxPool(x)[n, c] = max_{p} x[n, c, p]
 * x: (N, C, spatial…) with at least one spatial dim; the result is (N, C), or (N, C, 1, …) with keepDim
 * (PyTorch's adaptive_*_pool(x, 1) shape). Gradient: by composition (mean / max reductions).
 */
import type { TensorLike } from "../../core/coerce";
import { fmtShape, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { max, mean } from "../reduce/reduce";
import { checkOpts } from "../../core/options";
import { floatInput } from "./max_pool";

export interface GlobalPoolOptions {
  keepDim?: boolean;
}

function globalPool(op: string, reduce: typeof mean) {
  return (x: TensorLike, opts: GlobalPoolOptions = {}): Tensor => {
    const t = floatInput(op, x);
    const o = checkOpts(op, opts, ["keepDim"]);
    if (t.rank < 3) throw opError(op, `expected x of rank >= 3 (N, C, spatial…), got shape ${fmtShape(t.shape)}`);
    if (t.shape.some((d) => d < 1)) throw opError(op, `expected x with non-empty dims, got shape ${fmtShape(t.shape)}`);
    const dim = t.shape.slice(2).map((_, i) => i + 2);
    return reduce(t, { dim, keepDim: o.keepDim ?? false });
  };
}

export const globalAvgPool = globalPool("globalAvgPool", mean);
export const globalMaxPool = globalPool("globalMaxPool", max);
