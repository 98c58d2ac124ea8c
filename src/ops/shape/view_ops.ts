/**
 * Views: reshape, transpose/permute, flip, slice, squeeze/unsqueeze, broadcastTo. Each is a `view` kernel
 * call (strides and an offset over the row-major input): zero-copy on the cpu backend.
 * Gradient of a view: scatter dy back through the same index map (autograd/rules).
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { run1 } from "../../core/dispatch";
import { fmtShape, opError } from "../../core/errors";
import { broadcastShapes, contiguousStrides, normAxis, shapesEqual, sizeOf } from "../../core/shape";
import type { Tensor } from "../../core/tensor";

function view(x: Tensor, shape: readonly number[], strides: readonly number[], offset = 0): Tensor {
  return run1("view", [x], { shape, strides, offset });
}

/** reshape(x, shape) with one −1 allowed (inferred). */
export function reshape(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor("reshape", "x", x);
  const s = [...shape];
  const free = s.indexOf(-1);
  if (s.some((d, i) => !Number.isInteger(d) || (d < 0 && !(d === -1 && i === free)))) {
    throw opError("reshape", `expected a shape of non-negative integers with at most one -1, got ${fmtShape(shape)}`);
  }
  if (free >= 0) {
    const known = sizeOf(s.filter((_, i) => i !== free));
    if (known === 0 || t.size % known !== 0)
      throw opError("reshape", `cannot infer -1 in ${fmtShape(shape)} for ${t.size} elements`);
    s[free] = t.size / known;
  }
  if (sizeOf(s) !== t.size) {
    throw opError(
      "reshape",
      `expected a shape with ${t.size} elements (input ${fmtShape(t.shape)}), got ${fmtShape(shape)}`,
    );
  }
  if (shapesEqual(s, t.shape)) return t;
  return view(t, s, contiguousStrides(s));
}

export function flatten(x: TensorLike, startDim = 0, endDim = -1): Tensor {
  const t = toTensor("flatten", "x", x);
  if (t.rank === 0) return reshape(t, [1]);
  const a = normAxis("flatten", startDim, t.rank),
    b = normAxis("flatten", endDim, t.rank);
  return reshape(t, [...t.shape.slice(0, a), sizeOf(t.shape.slice(a, b + 1)), ...t.shape.slice(b + 1)]);
}

/** permute(x, dims): y.shape[i] = x.shape[dims[i]]. */
export function permute(x: TensorLike, dims: readonly number[]): Tensor {
  const t = toTensor("permute", "x", x);
  const p = dims.map((d) => normAxis("permute", d, t.rank));
  if (p.length !== t.rank || new Set(p).size !== p.length) {
    throw opError("permute", `expected a permutation of ${t.rank} dims, got [${dims}]`);
  }
  const cs = contiguousStrides(t.shape);
  return view(
    t,
    p.map((d) => t.shape[d]),
    p.map((d) => cs[d]),
  );
}

/** transpose(x, dims?): NumPy semantics (reverses the axes by default). */
export function transpose(x: TensorLike, dims?: readonly number[]): Tensor {
  const t = toTensor("transpose", "x", x);
  return permute(t, dims ?? t.shape.map((_, i) => t.rank - 1 - i));
}

/** swapaxes(x, a, b): torch.transpose(x, a, b). */
export function swapaxes(x: TensorLike, a: number, b: number): Tensor {
  const t = toTensor("swapaxes", "x", x);
  const p = t.shape.map((_, i) => i);
  const i = normAxis("swapaxes", a, t.rank),
    j = normAxis("swapaxes", b, t.rank);
  [p[i], p[j]] = [p[j], p[i]];
  return permute(t, p);
}

/** flip(x, dims): reverses the order along each axis in dims (all axes by default). */
export function flip(x: TensorLike, dims?: number | readonly number[]): Tensor {
  const t = toTensor("flip", "x", x);
  const ds = (dims === undefined ? t.shape.map((_, i) => i) : typeof dims === "number" ? [dims] : dims).map((d) =>
    normAxis("flip", d, t.rank),
  );
  const cs = contiguousStrides(t.shape);
  let offset = 0;
  const strides = cs.map((s, d) => {
    if (!ds.includes(d)) return s;
    offset += (t.shape[d] - 1) * s;
    return -s;
  });
  return view(t, t.shape, strides, t.size === 0 ? 0 : offset);
}

/** One entry per leading axis: null = all, a number = pick (drops the axis), [start, stop, step]. */
export type SliceSpec = null | number | readonly [(number | null)?, (number | null)?, (number | null)?];

export function slice(x: TensorLike, spec: readonly SliceSpec[]): Tensor {
  const t = toTensor("slice", "x", x);
  if (spec.length > t.rank)
    throw opError(
      "slice",
      `expected at most ${t.rank} slice entries for shape ${fmtShape(t.shape)}, got ${spec.length}`,
    );
  const cs = contiguousStrides(t.shape);
  const shape: number[] = [],
    strides: number[] = [];
  let offset = 0;
  t.shape.forEach((n, d) => {
    const s = spec[d] ?? null;
    if (typeof s === "number") {
      const i = s < 0 ? s + n : s;
      if (!Number.isInteger(i) || i < 0 || i >= n)
        throw opError("slice", `expected index in [${-n}, ${n}) on dim ${d}, got ${s}`);
      offset += i * cs[d];
      return;
    }
    const step = s?.[2] ?? 1;
    if (!Number.isInteger(step) || step === 0)
      throw opError("slice", `expected a non-zero integer step on dim ${d}, got ${step}`);
    const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
    const s0 = s?.[0],
      s1 = s?.[1];
    const start = s0 == null ? (step > 0 ? 0 : n - 1) : clamp(s0, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
    const stop = s1 == null ? (step > 0 ? n : -1) : clamp(s1, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
    const count = Math.max(0, Math.ceil((stop - start) / step));
    shape.push(count);
    strides.push(step * cs[d]);
    if (count > 0) offset += start * cs[d];
  });
  return view(t, shape, strides, offset);
}

/** narrow(x, dim, start, length) = torch.narrow */
export function narrow(x: TensorLike, dim: number, start: number, length: number): Tensor {
  const t = toTensor("narrow", "x", x);
  const d = normAxis("narrow", dim, t.rank);
  if (start < 0 || length < 0 || start + length > t.shape[d]) {
    throw opError("narrow", `expected start+length <= ${t.shape[d]} on dim ${d}, got start ${start}, length ${length}`);
  }
  return slice(
    t,
    t.shape.map((_, i) => (i === d ? [start, start + length] : null)),
  );
}

export function squeeze(x: TensorLike, dim?: number): Tensor {
  const t = toTensor("squeeze", "x", x);
  if (dim === undefined)
    return reshape(
      t,
      t.shape.filter((d) => d !== 1),
    );
  const d = normAxis("squeeze", dim, t.rank);
  return t.shape[d] === 1
    ? reshape(
        t,
        t.shape.filter((_, i) => i !== d),
      )
    : t;
}

export function unsqueeze(x: TensorLike, dim: number): Tensor {
  const t = toTensor("unsqueeze", "x", x);
  const d = normAxis("unsqueeze", dim, t.rank + 1);
  return reshape(t, [...t.shape.slice(0, d), 1, ...t.shape.slice(d)]);
}

/** broadcastTo(x, shape): a stride-0 view (NumPy broadcasting rules). */
export function broadcastTo(x: TensorLike, shape: readonly number[]): Tensor {
  const t = toTensor("broadcastTo", "x", x);
  const s = broadcastShapes("broadcastTo", t.shape, shape);
  if (!shapesEqual(s, shape))
    throw opError("broadcastTo", `cannot broadcast ${fmtShape(t.shape)} to ${fmtShape(shape)}`);
  if (shapesEqual(s, t.shape)) return t;
  const cs = contiguousStrides(t.shape);
  const strides = shape.map((n, j) => {
    const i = j - (shape.length - t.rank);
    return i < 0 || (t.shape[i] === 1 && n !== 1) ? 0 : cs[i];
  });
  return view(t, shape, strides);
}

/** A row-major copy (useful before handing data to code that assumes contiguity). */
export function contiguous(x: TensorLike): Tensor {
  const t = toTensor("contiguous", "x", x);
  return view(t, t.shape, contiguousStrides(t.shape));
}
