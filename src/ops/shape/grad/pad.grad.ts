/**
 * Gradient of the `pad` kernel. Constant mode: dy cropped back to x (the padding holds a constant).
 * reflect / replicate / circular: every padded position read some x element (padSourceIndex), so dx
 * is dy scatter-added through that integer map: the mirrored, clamped or wrapped border values are
 * summed onto the elements they copied.
 */
import type { GradRule } from "../../../core/grad_rule";
import { fromHost, run1 } from "../../../core/dispatch";
import { contiguousStrides, sizeOf } from "../../../core/shape";
import { padAxisMap } from "../geometry/pad_index";
import { reshape, slice } from "../view_ops";

/** flat x index read by each element of the padded output, row-major */
function padIndexMap(
  xShape: readonly number[],
  pads: readonly (readonly [number, number])[],
  mode: "reflect" | "replicate" | "circular",
): Int32Array {
  const shape = xShape.map((n, d) => pads[d][0] + n + pads[d][1]);
  const maps = xShape.map((n, d) => padAxisMap(pads[d][0], pads[d][1], n, mode));
  const xs = contiguousStrides(xShape);
  const out = new Int32Array(sizeOf(shape));
  const idx = new Array<number>(shape.length).fill(0);
  for (let f = 0; f < out.length; f++) {
    let src = 0;
    for (let d = 0; d < shape.length; d++) src += maps[d][idx[d]] * xs[d];
    out[f] = src;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

export const padGrad: GradRule<"pad"> = ({ node, dys }) => {
  const dy = dys[0];
  if (!dy) return [null];
  const x = node.inputs[0];
  const { pads, mode } = node.attrs;
  if (mode === "constant")
    return [
      slice(
        dy,
        pads.map(([lo], d) => [lo, lo + x.shape[d]] as const),
      ),
    ];
  const idx = fromHost(padIndexMap(x.shape, pads, mode), [dy.size], "int32");
  const flat = run1("scatterAdd", [reshape(dy, [dy.size]), idx], { axis: 0, size: x.size });
  return [reshape(flat, x.shape)];
};
