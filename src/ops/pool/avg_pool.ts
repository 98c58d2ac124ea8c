/**
 * avgPool1d/2d/3d(x, {kernelSize, stride = kernelSize, padding = 0, ceilMode = false,
 * countIncludePad = true}) — torch.nn.functional.avg_pool{1,2,3}d. x: (N, C, spatial…) or (C, spatial…).
 *   y[n, c, o] = (1/|w_o|) Σ_{t ∈ w_o ∩ input} x[n, c, t]
 * |w_o| is the window clipped to the padded input with countIncludePad, else its in-bounds taps only.
 * Gradient: the `avgPoolGrad` kernel, dx[t] = Σ_{o ∋ t} dy[o] / |w_o|.
 */
import type { TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, opError } from "../../core/errors";
import type { Tensor } from "../../core/tensor";
import { checkOpts } from "../../core/options";
import { batchedPool, floatInput } from "./max_pool";

export interface AvgPoolOptions {
  kernelSize: number | readonly number[];
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

const KEYS = ["kernelSize", "stride", "padding", "ceilMode", "countIncludePad"] as const;

export function avgPoolNd(dims: number, op: string) {
  return (x: TensorLike, opts: AvgPoolOptions): Tensor => {
    const t = floatInput(op, x);
    const o = checkOpts(op, opts, KEYS);
    if (o.kernelSize === undefined) throw opError(op, "expected options with a kernelSize, got none");
    const countIncludePad = o.countIncludePad ?? true;
    if (typeof countIncludePad !== "boolean")
      throw opError(op, `expected countIncludePad as a boolean, got ${describe(countIncludePad)}`);
    const { geom, xb, unbatch } = batchedPool(op, t, { dims, ...o, kernelSize: o.kernelSize });
    return unbatch(run1("pool", [xb], { geom, kind: "avg", countIncludePad }));
  };
}

export const avgPool1d = avgPoolNd(1, "avgPool1d");
export const avgPool2d = avgPoolNd(2, "avgPool2d");
export const avgPool3d = avgPoolNd(3, "avgPool3d");
