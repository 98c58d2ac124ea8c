/**
 * poolGeometry: the one pure function that validates a pooling op's input shape and options and resolves
 * them to a `PoolGeometry` with PyTorch's rules (kernelSize, stride = kernelSize by default, padding at
 * most half the kernel, dilation, ceilMode). Kernels, the public ops and gradient rules all use it.
 */
import { describe, fmtShape, opError } from "../../../core/errors";
import { perDim } from "../../../core/options";
import type { PoolGeometry } from "../../../core/geometry";

export interface PoolGeometryOptions {
  /** number of spatial dims (1, 2 or 3) */
  dims: number;
  kernelSize: number | readonly number[];
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}

const LAYOUT = ["(N,C,L)", "(N,C,H,W)", "(N,C,D,H,W)"];
const UNBATCHED = ["(C,L)", "(C,H,W)", "(C,D,H,W)"];

/** "rank 4 (N,C,H,W) or 3 (C,H,W)" */
export function poolRankText(dims: number): string {
  return `rank ${dims + 2} ${LAYOUT[dims - 1]} or ${dims + 1} ${UNBATCHED[dims - 1]}`;
}

/** PyTorch's pooling_output_shape for one spatial dim (may be ≤ 0: the caller reports it). */
export function poolOutSize(n: number, k: number, s: number, pad: number, dil: number, ceilMode: boolean): number {
  let out = Math.floor((n + 2 * pad - dil * (k - 1) - 1 + (ceilMode ? s - 1 : 0)) / s) + 1;
  // the last window must start inside the input or the left padding
  if (ceilMode && (out - 1) * s >= n + pad) out--;
  return out;
}

export function poolGeometry(op: string, xShape: readonly number[], opts: PoolGeometryOptions): PoolGeometry {
  const { dims } = opts;
  if (xShape.length !== dims + 2 && xShape.length !== dims + 1) {
    throw opError(op, `expected x of ${poolRankText(dims)}, got shape ${fmtShape(xShape)}`);
  }
  const unbatched = xShape.length === dims + 1;
  const batch = unbatched ? 1 : xShape[0];
  const channels = xShape[unbatched ? 0 : 1];
  const inSize = xShape.slice(unbatched ? 1 : 2);
  if (batch < 1 || channels < 1 || inSize.some((n) => n < 1)) {
    throw opError(op, `expected x with non-empty batch, channel and spatial dims, got shape ${fmtShape(xShape)}`);
  }
  if (opts.kernelSize === undefined) throw opError(op, "expected a kernelSize option, got none");
  const kernelSize = perDim(op, "kernelSize", opts.kernelSize, dims, 1, 1);
  const stride =
    opts.stride === undefined || opts.stride === null ? kernelSize : perDim(op, "stride", opts.stride, dims, 1, 1);
  const padding = perDim(op, "padding", opts.padding, dims, 0, 0);
  const dilation = perDim(op, "dilation", opts.dilation, dims, 1, 1);
  const ceilMode = opts.ceilMode ?? false;
  if (typeof ceilMode !== "boolean") throw opError(op, `expected ceilMode as a boolean, got ${describe(ceilMode)}`);
  padding.forEach((p, d) => {
    if (2 * p > kernelSize[d]) {
      throw opError(
        op,
        `expected padding at most half the kernel size, got padding ${p} for kernelSize ${kernelSize[d]} on spatial dim ${d}`,
      );
    }
  });
  const outSize = inSize.map((n, d) => {
    const eff = dilation[d] * (kernelSize[d] - 1) + 1,
      padded = n + 2 * padding[d];
    const out = poolOutSize(n, kernelSize[d], stride[d], padding[d], dilation[d], ceilMode);
    if (eff > padded || out < 1) {
      throw opError(
        op,
        `expected a (dilated) kernel no larger than the padded input, got kernel ${eff} > ` +
          `padded input ${padded} on spatial dim ${d} (x ${fmtShape(xShape)})`,
      );
    }
    return out;
  });
  return {
    dims,
    batch,
    channels,
    unbatched,
    inSize,
    kernelSize,
    outSize,
    stride,
    dilation,
    padLo: padding,
    padHi: [...padding],
  };
}
