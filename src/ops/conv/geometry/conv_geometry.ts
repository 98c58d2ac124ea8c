/**
 * convGeometry: the one pure function that validates a convolution's shapes and options and resolves
 * them to a `ConvGeometry` (see geometry.ts for the formula). Kernels, gradient rules, the
 * public ops and their validators all use it, so a shape error reads the same everywhere.
 */
import { describe, fmtShape, opError } from "../../../core/errors";
import type { ConvGeometry } from "../../../core/geometry";
import { perDim } from "../../../core/options";
import { resolvePadding, type ConvPadding } from "./conv_padding";

export interface ConvGeometryOptions {
  /** number of spatial dims (1, 2 or 3) */
  dims: number;
  stride?: number | readonly number[];
  padding?: ConvPadding;
  dilation?: number | readonly number[];
  groups?: number;
}

const LAYOUT = ["(N,C,L)", "(N,C,H,W)", "(N,C,D,H,W)"];
const UNBATCHED = ["(C,L)", "(C,H,W)", "(C,D,H,W)"];

/** "x of rank 4 (N,C,H,W) or 3 (C,H,W)" */
export function xRankText(dims: number): string {
  return `rank ${dims + 2} ${LAYOUT[dims - 1] ?? ""} or ${dims + 1} ${UNBATCHED[dims - 1] ?? ""}`;
}

/** Output length of one spatial dim: ⌊(n + lo + hi − dil·(k−1) − 1) / s⌋ + 1. */
export function convOutSize(n: number, k: number, s: number, dil: number, lo: number, hi: number): number {
  return Math.floor((n + lo + hi - dil * (k - 1) - 1) / s) + 1;
}

/**
 * xShape: (N, C, spatial…) or unbatched (C, spatial…) (then batch = 1); wShape: (O, C/groups, k…).
 */
export function convGeometry(
  op: string,
  xShape: readonly number[],
  wShape: readonly number[],
  opts: ConvGeometryOptions,
): ConvGeometry {
  const dims = opts.dims;
  if (xShape.length !== dims + 2 && xShape.length !== dims + 1) {
    throw opError(op, `expected x of ${xRankText(dims)}, got shape ${fmtShape(xShape)}`);
  }
  if (wShape.length !== dims + 2) {
    throw opError(
      op,
      `expected w of rank ${dims + 2} (O, C/groups, ${dims === 1 ? "k" : dims === 2 ? "kh, kw" : "kd, kh, kw"}), got shape ${fmtShape(wShape)}`,
    );
  }
  const batched = xShape.length === dims + 2;
  const batch = batched ? xShape[0] : 1;
  const inChannels = xShape[batched ? 1 : 0];
  const inSize = xShape.slice(batched ? 2 : 1);
  const [outChannels, wIn] = wShape;
  const kernelSize = wShape.slice(2);
  const groups = opts.groups ?? 1;
  if (typeof groups !== "number" || !Number.isInteger(groups) || groups < 1) {
    throw opError(op, `expected groups as a positive integer, got ${describe(groups)}`);
  }
  if (batch < 1 || inChannels < 1 || inSize.some((n) => n < 1)) {
    throw opError(op, `expected x with non-empty batch, channel and spatial dims, got shape ${fmtShape(xShape)}`);
  }
  if (outChannels < 1 || kernelSize.some((k) => k < 1)) {
    throw opError(op, `expected w with positive out-channel and kernel dims, got shape ${fmtShape(wShape)}`);
  }
  if (inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw opError(
      op,
      `expected in channels (${inChannels}) and out channels (${outChannels}) divisible by groups (${groups})`,
    );
  }
  if (wIn !== inChannels / groups) {
    throw opError(
      op,
      `expected w.shape[1] == C/groups = ${inChannels}/${groups} = ${inChannels / groups} ` +
        `(x ${fmtShape(xShape)}), got w ${fmtShape(wShape)}`,
    );
  }
  const stride = perDim(op, "stride", opts.stride, dims, 1, 1);
  const dilation = perDim(op, "dilation", opts.dilation, dims, 1, 1);
  const { padLo, padHi } = resolvePadding(op, opts.padding, kernelSize, dilation, stride);
  const outSize = inSize.map((n, d) => {
    const padded = n + padLo[d] + padHi[d],
      eff = dilation[d] * (kernelSize[d] - 1) + 1;
    if (eff > padded) {
      throw opError(
        op,
        `expected a (dilated) kernel no larger than the padded input, got kernel ${eff} > ` +
          `padded input ${padded} on spatial dim ${d} (x ${fmtShape(xShape)}, w ${fmtShape(wShape)})`,
      );
    }
    return convOutSize(n, kernelSize[d], stride[d], dilation[d], padLo[d], padHi[d]);
  });
  return { dims, batch, inChannels, outChannels, groups, inSize, kernelSize, outSize, stride, dilation, padLo, padHi };
}

/** Geometry for unfold/fold: kernelSize given directly, C treated as one group, outChannels unused (= C). */
export function unfoldGeometry(
  op: string,
  xShape: readonly number[],
  kernelSize: readonly number[],
  opts: Omit<ConvGeometryOptions, "groups" | "dims">,
): ConvGeometry {
  const dims = kernelSize.length;
  const c = xShape[xShape.length - dims - 1] ?? 0;
  return convGeometry(op, xShape, [c, c, ...kernelSize], { ...opts, dims });
}
