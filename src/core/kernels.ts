/**
 * The primitive kernels: the only operations a backend must implement. Every public op is validation +
 * geometry + a composition of these; every gradient rule is written with public ops, so it runs on every
 * backend. A backend's kernel table is typed `{ [K in KernelName]: ... }`, so a kernel missing on a
 * backend is a compile error (see src/backends/cpu/cpu_kernels.ts).
 *
 * Inputs and outputs are Tensors of the backend that runs the kernel; `attrs` are plain data.
 * Sub-kinds inside a kernel (`UnaryOp`, `BinaryOp`, `ReduceOp`, `ArgReduceOp`, `PadMode`, `PoolKind`) are
 * handled by tables typed `{ [P in Kind]: … }` or `switch`es checked with `never`, so a new kind does
 * not compile until every backend and the gradient handle it.
 */
import type { DType } from "./dtype";
import type { ConvGeometry, PoolGeometry } from "./geometry";
import type { Tensor } from "./tensor";

export type UnaryOp =
  | "neg"
  | "exp"
  | "log"
  | "sqrt"
  | "abs"
  | "relu"
  | "sigmoid"
  | "tanh"
  | "sign"
  | "square"
  | "reciprocal"
  | "sin"
  | "cos"
  | "floor"
  | "ceil"
  | "round"
  | "isfinite"
  | "log1p"
  | "expm1";

export type BinaryOp =
  "add" | "sub" | "mul" | "div" | "pow" | "maximum" | "minimum" | "atan2" | "gt" | "ge" | "lt" | "le" | "eq" | "ne";

export type ReduceOp = "sum" | "max" | "min" | "prod";
export type PadMode = "constant" | "reflect" | "replicate" | "circular";
export type ArgReduceOp = "argmax" | "argmin";

/**
 * The outputs of each pooling kind. A kind is added here, and then the tables keyed by `PoolKind` — the
 * forward on each backend (ops/pool/cpu/pool.cpu.ts, ops/pool/webgpu/pool.wgsl.ts) and the gradient
 * (ops/pool/grad/pool.grad.ts) — do not compile until they have an entry for it.
 */
export interface PoolKindOutputs {
  /** the window maxima and the flat index (d·H + h)·W + w of each one in its input plane */
  max: [y: Tensor, idx: Tensor];
  avg: [y: Tensor];
}
export type PoolKind = keyof PoolKindOutputs;

/**
 * The contract of each primitive kernel: its input and output tuples (named as in the formulas) and its
 * attrs. Kernel functions (`KernelFn<K>`, core/backend.ts), the webgpu table and gradient rules
 * (`GradRule<K>`, core/grad_rule.ts) are typed from it: a kernel that reads a missing input, returns the
 * wrong number of outputs, or a rule that returns the wrong number of cotangents does not compile.
 */
export interface KernelDefs {
  /** y = f(x) elementwise */
  unary: { inputs: [x: Tensor]; outputs: [y: Tensor]; attrs: { op: UnaryOp } };
  /** y = a ∘ b with NumPy broadcasting to `shape`; comparison ops return 1/0 */
  binary: { inputs: [a: Tensor, b: Tensor]; outputs: [y: Tensor]; attrs: { op: BinaryOp; shape: readonly number[] } };
  /** y = cond ≠ 0 ? a : b, broadcast to `shape` */
  where: { inputs: [cond: Tensor, a: Tensor, b: Tensor]; outputs: [y: Tensor]; attrs: { shape: readonly number[] } };
  /** reduction over sorted, normalised `axes` */
  reduce: {
    inputs: [x: Tensor];
    outputs: [y: Tensor];
    attrs: { op: ReduceOp; axes: readonly number[]; keepDims: boolean };
  };
  /** int32 index of the max/min along `axis` (first occurrence) */
  argReduce: {
    inputs: [x: Tensor];
    outputs: [idx: Tensor];
    attrs: { op: ArgReduceOp; axis: number; keepDims: boolean };
  };
  /** batched matmul with broadcast batch dims: [...b, M, K] @ [...b, K, N] (after optional transposes) */
  matmul: { inputs: [a: Tensor, b: Tensor]; outputs: [y: Tensor]; attrs: { transA: boolean; transB: boolean } };
  /** y[i] = x_flat[offset + Σ_k strides[k]·i_k]: transpose, slice, step, flip, broadcastTo, reshape */
  view: {
    inputs: [x: Tensor];
    outputs: [y: Tensor];
    attrs: { shape: readonly number[]; strides: readonly number[]; offset: number };
  };
  cast: { inputs: [x: Tensor]; outputs: [y: Tensor]; attrs: { dtype: DType } };
  /** pads[d] = [lo, hi] ≥ 0 on every axis */
  pad: {
    inputs: [x: Tensor];
    outputs: [y: Tensor];
    attrs: { pads: readonly (readonly [number, number])[]; mode: PadMode; value: number };
  };
  /** any number of inputs, joined along `axis` */
  concat: { inputs: Tensor[]; outputs: [y: Tensor]; attrs: { axis: number } };
  /** torch.gather along axis: y[..i..] = x[.. idx[..i..] ..]; idx int32 */
  gather: { inputs: [x: Tensor, idx: Tensor]; outputs: [y: Tensor]; attrs: { axis: number } };
  /** zeros of src's shape with `size` on `axis`, then y[.. idx[..i..] ..] += src[..i..] */
  scatterAdd: { inputs: [src: Tensor, idx: Tensor]; outputs: [y: Tensor]; attrs: { axis: number; size: number } };
  /** int32 indices of the k largest along axis, in their original order (k-max pooling) */
  topk: { inputs: [x: Tensor]; outputs: [idx: Tensor]; attrs: { k: number; axis: number } };
  /** cross-correlation with implicit zero padding; x (N,C,...), w (O,C/G,...k) */
  conv: { inputs: [x: Tensor, w: Tensor]; outputs: [y: Tensor]; attrs: { geom: ConvGeometry } };
  /** dL/dx of `conv` with the same geometry: dy (N,O,...out) → dx (N,C,...in) */
  convTranspose: { inputs: [dy: Tensor, w: Tensor]; outputs: [dx: Tensor]; attrs: { geom: ConvGeometry } };
  /** dL/dw of `conv` → (O, C/G, ...k) */
  convWeightGrad: { inputs: [x: Tensor, dy: Tensor]; outputs: [dw: Tensor]; attrs: { geom: ConvGeometry } };
  /** im2col, PyTorch F.unfold layout generalised to N-d: (N, C·Πk, L); geom.outChannels is unused */
  unfold: { inputs: [x: Tensor]; outputs: [cols: Tensor]; attrs: { geom: ConvGeometry } };
  /** col2im, the adjoint of unfold (overlaps summed) */
  fold: { inputs: [cols: Tensor]; outputs: [x: Tensor]; attrs: { geom: ConvGeometry } };
  /** the outputs of its kind (`PoolKindOutputs`): max → [y, idx], avg → [y] */
  pool: {
    inputs: [x: Tensor];
    outputs: PoolKindOutputs[PoolKind];
    attrs: { geom: PoolGeometry; kind: PoolKind; countIncludePad: boolean };
  };
  /** dL/dx of avg pooling with the same geometry */
  avgPoolGrad: { inputs: [dy: Tensor]; outputs: [dx: Tensor]; attrs: { geom: PoolGeometry; countIncludePad: boolean } };
  /**
   * unnormalised complex DFT along `axis`; inverse uses e^{+2πi kn/N}.
   * `real`: the input is real (im is ignored; callers pass re twice). `keep`: only bins 0 … keep−1 along
   * `axis` are output (rfft: ⌊n/2⌋ + 1), so no narrowing copy follows.
   */
  fft: {
    inputs: [re: Tensor, im: Tensor];
    outputs: [re: Tensor, im: Tensor];
    attrs: { axis: number; inverse: boolean; real?: boolean; keep?: number };
  };
}

export type KernelName = keyof KernelDefs;
/** The three kernels of a convolution, sharing one ConvGeometry (their cpu and webgpu paths are tables over these). */
export type ConvKernelName = Extract<KernelName, "conv" | "convTranspose" | "convWeightGrad">;
export type KernelAttrs<K extends KernelName> = KernelDefs[K]["attrs"];
/** the input tensors of kernel K, a readonly tuple */
export type KernelInputs<K extends KernelName> = Readonly<KernelDefs[K]["inputs"]>;
/** the output tensors of kernel K, a readonly tuple */
export type KernelOutputs<K extends KernelName> = Readonly<KernelDefs[K]["outputs"]>;

/** A tuple of V as long as T (a homomorphic mapped type: instantiated with a tuple, it stays one). */
export type OnePer<T extends readonly unknown[], V> = { -readonly [I in keyof T]: V };

// Compile-time check that every declaration has the shape a kernel needs.
type Malformed = {
  [K in KernelName]: KernelDefs[K] extends { inputs: readonly Tensor[]; outputs: readonly Tensor[]; attrs: object }
    ? never
    : K;
}[KernelName];
const _wellFormed: [Malformed] extends [never] ? true : Malformed = true;
void _wellFormed;

export const KERNEL_NAMES = [
  "unary",
  "binary",
  "where",
  "reduce",
  "argReduce",
  "matmul",
  "view",
  "cast",
  "pad",
  "concat",
  "gather",
  "scatterAdd",
  "topk",
  "conv",
  "convTranspose",
  "convWeightGrad",
  "unfold",
  "fold",
  "pool",
  "avgPoolGrad",
  "fft",
] as const satisfies readonly KernelName[];

// Compile-time check that KERNEL_NAMES lists every kernel.
type Missing = Exclude<KernelName, (typeof KERNEL_NAMES)[number]>;
const _allListed: [Missing] extends [never] ? true : Missing = true;
void _allListed;
