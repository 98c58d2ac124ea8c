/**
 * pad(x, pads, {mode, value}): pads[i] = [lo, hi] for the LAST pads.length axes (leading axes unpadded).
 * mode: "constant" (value, default 0) | "reflect" | "replicate" | "circular" (PyTorch F.pad semantics).
 * Gradient: dy cropped back (constant), with the mirrored/clamped/wrapped positions summed in (others).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { describe, opError } from "../../core/errors";
import type { PadMode } from "../../core/kernels";
import type { Tensor } from "../../core/tensor";

export interface PadOptions {
  mode?: PadMode;
  value?: number;
}

const MODES: readonly PadMode[] = ["constant", "reflect", "replicate", "circular"];

export function pad(
  x: TensorLike,
  pads: readonly (readonly [number, number])[],
  opts: PadOptions = {},
  op = "pad",
): Tensor {
  const t = toTensor(op, "x", x);
  const mode = opts.mode ?? "constant";
  if (!MODES.includes(mode))
    throw opError(op, `expected mode "constant" | "reflect" | "replicate" | "circular", got ${describe(mode)}`);
  if (!Array.isArray(pads) || pads.length > t.rank) {
    throw opError(op, `expected at most ${t.rank} [lo, hi] pairs for shape [${t.shape}], got ${describe(pads)}`);
  }
  const full: [number, number][] = t.shape.map(() => [0, 0]);
  pads.forEach((p, i) => {
    const d = t.rank - pads.length + i;
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => Number.isInteger(v) && v >= 0)) {
      throw opError(op, `expected pads as [lo, hi] pairs of non-negative integers, got ${JSON.stringify(pads)}`);
    }
    const n = t.shape[d];
    if (mode === "reflect" && (p[0] >= n || p[1] >= n)) {
      throw opError(op, `reflect padding expects pad < size on every axis, got pad [${p}] for size ${n} on dim ${d}`);
    }
    if ((mode === "circular" && (p[0] > n || p[1] > n)) || (mode !== "constant" && n === 0 && (p[0] || p[1]))) {
      throw opError(op, `${mode} padding expects pad <= size on every axis, got pad [${p}] for size ${n} on dim ${d}`);
    }
    full[d] = [p[0], p[1]];
  });
  if (full.every(([a, b]) => a === 0 && b === 0)) return t;
  return run1("pad", [t], { pads: full, mode, value: opts.value ?? 0 });
}
