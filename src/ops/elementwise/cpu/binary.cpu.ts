/**
 * cpu kernels of `binary` and `where`: broadcasting is a stride-0 view of each operand
 * (no copies), and ndarray-ops' compiled loops walk the strided views.
 */
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { allocArray, promoteTypes, type TypedArray } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import type { BinaryOp } from "../../../core/kernels";
import { contiguousStrides, sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { cpuArray, cpuFromData, type CpuArray } from "../../../backends/cpu/cpu_storage";
import { binaryDense } from "./binary_dense.cpu";

/** A view of t's ndarray broadcast to `shape` (stride 0 on broadcast axes). */
export function broadcastView(t: Tensor, shape: readonly number[]): CpuArray {
  const a = cpuArray(t);
  const r = shape.length;
  const stride = new Array<number>(r).fill(0);
  for (let i = 0; i < a.shape.length; i++) {
    const j = r - a.shape.length + i;
    stride[j] = a.shape[i] === 1 && shape[j] !== 1 ? 0 : a.stride[i];
  }
  return ndarray(a.data, [...shape], stride, a.offset);
}

type Loop = (out: CpuArray, a: CpuArray, b: CpuArray) => void;

const LOOPS: { readonly [K in BinaryOp]: Loop } = {
  add: ops.add,
  sub: ops.sub,
  mul: ops.mul,
  div: ops.div,
  pow: ops.pow,
  atan2: ops.atan2,
  maximum: ops.max,
  minimum: ops.min,
  gt: ops.gt,
  ge: ops.geq,
  lt: ops.lt,
  le: ops.leq,
  eq: ops.eq,
  ne: ops.neq,
};

export const binaryCpu: KernelFn<"binary"> = ([a, b], { op, shape }) => {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const out = allocArray(dtype, sizeOf(shape));
  if (out.length > 0 && !binaryDense(op, a, b, shape, out)) {
    const vs = shape.length ? shape : [1]; // 0-d tensors are walked as shape [1]
    const o = ndarray(out, [...vs], contiguousStrides(vs));
    LOOPS[op](o, broadcastView(a, vs), broadcastView(b, vs));
    // Math.max/Math.min propagate NaN as torch.maximum/minimum do; nothing more to fix up.
  }
  return [cpuFromData(out, shape, dtype)];
};

export const whereCpu: KernelFn<"where"> = ([cond, a, b], { shape }) => {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const n = sizeOf(shape);
  const out: TypedArray = allocArray(dtype, n);
  const vs = shape.length ? shape : [1];
  const c = broadcastView(cond, vs),
    va = broadcastView(a, vs),
    vb = broadcastView(b, vs);
  const cd = allocArray(cond.dtype, n),
    ad = allocArray(dtype, n),
    bd = allocArray(dtype, n);
  if (n > 0) {
    ops.assign(ndarray(cd, [...vs]), c);
    ops.assign(ndarray(ad, [...vs]), va);
    ops.assign(ndarray(bd, [...vs]), vb);
  }
  for (let i = 0; i < n; i++) out[i] = cd[i] !== 0 ? ad[i] : bd[i];
  return [cpuFromData(out, shape, dtype)];
};
