/**
 * The primitive kernels: the only operations a backend must implement. Every public op is validation +
 * geometry + a composition of these; every gradient rule is written with public ops, so it runs on every
 * backend. A backend's kernel table is typed `{ [K in KernelName]: ... }`, so a kernel missing on a
 * backend is a compile error (see src/backends/cpu/cpu_kernels.ts).
 *
 * Inputs and outputs are Tensors of the backend that runs the kernel; `attrs` are plain data.
 */
import type { DType } from "./dtype";
import type { ConvGeometry } from "./geometry";
import type { PoolGeometry } from "../ops/pool/pool_geometry_types";

export type UnaryOp =
  | "neg" | "exp" | "log" | "sqrt" | "abs" | "relu" | "sigmoid" | "tanh" | "sign" | "square"
  | "reciprocal" | "sin" | "cos" | "floor" | "ceil" | "round" | "isfinite" | "log1p" | "expm1";

export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum" | "atan2"
  | "gt" | "ge" | "lt" | "le" | "eq" | "ne";

export type ReduceOp = "sum" | "max" | "min" | "prod";
export type PadMode = "constant" | "reflect" | "replicate" | "circular";
export type PoolKind = "max" | "avg";

/** attrs of each primitive kernel, and how many outputs it returns */
export interface KernelDefs {
  /** y = f(x) elementwise */
  unary: { attrs: { op: UnaryOp }; outputs: 1 };
  /** y = a ∘ b with NumPy broadcasting to `shape`; comparison ops return 1/0 */
  binary: { attrs: { op: BinaryOp; shape: readonly number[] }; outputs: 1 };
  /** y = cond ≠ 0 ? a : b, broadcast to `shape` */
  where: { attrs: { shape: readonly number[] }; outputs: 1 };
  /** reduction over sorted, normalised `axes` */
  reduce: { attrs: { op: ReduceOp; axes: readonly number[]; keepDims: boolean }; outputs: 1 };
  /** int32 index of the max/min along `axis` (first occurrence) */
  argReduce: { attrs: { op: "argmax" | "argmin"; axis: number; keepDims: boolean }; outputs: 1 };
  /** batched matmul with broadcast batch dims: [...b, M, K] @ [...b, K, N] (after optional transposes) */
  matmul: { attrs: { transA: boolean; transB: boolean }; outputs: 1 };
  /** y[i] = x_flat[offset + Σ_k strides[k]·i_k]: transpose, slice, step, flip, broadcastTo, reshape */
  view: { attrs: { shape: readonly number[]; strides: readonly number[]; offset: number }; outputs: 1 };
  cast: { attrs: { dtype: DType }; outputs: 1 };
  /** pads[d] = [lo, hi] ≥ 0 on every axis */
  pad: { attrs: { pads: readonly (readonly [number, number])[]; mode: PadMode; value: number }; outputs: 1 };
  concat: { attrs: { axis: number }; outputs: 1 };
  /** torch.gather along axis: y[..i..] = x[.. idx[..i..] ..]; inputs [x, idx:int32] */
  gather: { attrs: { axis: number }; outputs: 1 };
  /** zeros of x's shape with `size` on `axis`, then y[.. idx[..i..] ..] += src[..i..]; inputs [src, idx] */
  scatterAdd: { attrs: { axis: number; size: number }; outputs: 1 };
  /** int32 indices of the k largest along axis, in their original order (k-max pooling) */
  topk: { attrs: { k: number; axis: number }; outputs: 1 };
  /** cross-correlation with implicit zero padding; inputs [x (N,C,...), w (O,C/G,...k)] */
  conv: { attrs: { geom: ConvGeometry }; outputs: 1 };
  /** dL/dx of `conv` with the same geometry; inputs [dy (N,O,...out), w] → (N,C,...in) */
  convTranspose: { attrs: { geom: ConvGeometry }; outputs: 1 };
  /** dL/dw of `conv`; inputs [x, dy] → (O, C/G, ...k) */
  convWeightGrad: { attrs: { geom: ConvGeometry }; outputs: 1 };
  /** im2col, PyTorch F.unfold layout generalised to N-d: (N, C·Πk, L); geom.outChannels is unused */
  unfold: { attrs: { geom: ConvGeometry }; outputs: 1 };
  /** col2im, the adjoint of unfold (overlaps summed) */
  fold: { attrs: { geom: ConvGeometry }; outputs: 1 };
  /** max: [y, idx:int32 flat index into the input's spatial plane]; avg: [y] */
  pool: { attrs: { geom: PoolGeometry; kind: PoolKind; countIncludePad: boolean }; outputs: 1 | 2 };
  /** dL/dx of avg pooling with the same geometry; inputs [dy] */
  avgPoolGrad: { attrs: { geom: PoolGeometry; countIncludePad: boolean }; outputs: 1 };
  /**
   * unnormalised complex DFT along `axis`: inputs [re, im] → [re, im]; inverse uses e^{+2πi kn/N}.
   * `real`: the input is real (im is ignored; callers pass re twice). `keep`: only bins 0 … keep−1 along
   * `axis` are output (rfft: ⌊n/2⌋ + 1), so no narrowing copy follows.
   */
  fft: { attrs: { axis: number; inverse: boolean; real?: boolean; keep?: number }; outputs: 2 };
}

export type KernelName = keyof KernelDefs;
export type KernelAttrs<K extends KernelName> = KernelDefs[K]["attrs"];

export const KERNEL_NAMES = [
  "unary", "binary", "where", "reduce", "argReduce", "matmul", "view", "cast", "pad", "concat",
  "gather", "scatterAdd", "topk", "conv", "convTranspose", "convWeightGrad", "unfold", "fold",
  "pool", "avgPoolGrad", "fft",
] as const satisfies readonly KernelName[];

// Compile-time check that KERNEL_NAMES lists every kernel.
type Missing = Exclude<KernelName, (typeof KERNEL_NAMES)[number]>;
const _allListed: [Missing] extends [never] ? true : Missing = true;
void _allListed;
