/**
 * Gradient of the `view` kernel y[i] = x_flat[offset + Σ_k strides[k]·i_k]: every dy element is added
 * back to the x element it read, dx_flat = scatterAdd(dy_flat, index map). Overlapping views (stride 0
 * from broadcasting, or any map that reads an element twice) therefore sum their contributions.
 * Fast paths that need no index map: reshape (contiguous strides, offset 0) and pure axis permutations.
 */
import type { GradRule } from "../../../core/grad_rule";
import { fromHost, run1 } from "../../../core/dispatch";
import { contiguousStrides, shapesEqual, sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { permute, reshape } from "../view_ops";

/** flat x index read by each y element, row-major over y's shape */
export function viewIndexMap(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const n = sizeOf(shape);
  const out = new Int32Array(n);
  const idx = new Array<number>(shape.length).fill(0);
  let pos = offset;
  for (let f = 0; f < n; f++) {
    out[f] = pos;
    for (let d = shape.length - 1; d >= 0; d--) {
      pos += strides[d];
      if (++idx[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      idx[d] = 0;
    }
  }
  return out;
}

/** dims p with y = permute(x, p) when the view is a pure permutation, else null */
function asPermutation(
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): number[] | null {
  if (offset !== 0 || shape.length !== x.rank) return null;
  const cs = contiguousStrides(x.shape);
  const used = new Set<number>();
  const p: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = cs.findIndex((s, j) => !used.has(j) && s === strides[i] && x.shape[j] === shape[i]);
    if (d < 0) return null;
    used.add(d);
    p.push(d);
  }
  return p;
}

/** dx for y = view(x, shape, strides, offset) */
export function viewBackward(
  dy: Tensor,
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  if (offset === 0 && sizeOf(shape) === x.size && shapesEqual(strides, contiguousStrides(shape)))
    return reshape(dy, x.shape);
  const p = asPermutation(x, shape, strides, offset);
  if (p) {
    const inv = new Array<number>(p.length);
    p.forEach((d, i) => {
      inv[d] = i;
    });
    return permute(dy, inv);
  }
  const idx = fromHost(viewIndexMap(shape, strides, offset), [sizeOf(shape)], "int32");
  const flat = run1("scatterAdd", [reshape(dy, [dy.size]), idx], { axis: 0, size: x.size });
  return reshape(flat, x.shape);
}

export const viewGrad: GradRule<"view"> = ({ node, dys }) => {
  const dy = dys[0];
  if (!dy) return [null];
  const { shape, strides, offset } = node.attrs;
  return [viewBackward(dy, node.inputs[0], shape, strides, offset)];
};
