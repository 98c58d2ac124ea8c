/**
 * webgpu kernels of `conv`, `convTranspose` (dL/dx) and `convWeightGrad` (dL/dw), all on the
 * register-blocked GEMM of gemm_kn.wgsl.ts (formulas in conv_gemm_plan.webgpu.ts):
 *  - stride-1 conv and dL/dx read their windows straight from the input (conv_window.webgpu.ts): no
 *    im2col matrix, no padded copy; dL/dw slides windows of a padded input (conv_weight_grad_window.webgpu.ts);
 *  - strided ones pack an explicit im2col matrix in bounded chunks (conv_packed.webgpu.ts).
 * The `*NaiveWebgpu` twins run the one-invocation-per-output reference kernels of conv_naive.wgsl.ts; tests
 * check both fast paths against them and against the cpu.
 */
import type { KernelFn } from "../../../core/backend";
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl, type Scalar } from "../../../backends/webgpu/shader";
import { gemmKnShape } from "../../gemm/gemm_kn.wgsl";
import type { ConvGeometry } from "../../../core/geometry";
import { convGeometry3d, type ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { convNaiveDecl, convTransposeNaiveDecl, convValues, convWeightGradNaiveDecl } from "./conv_naive.wgsl";
import type { ConvVariant } from "./conv_gemm_plan.webgpu";
import { convPacked } from "./conv_packed.webgpu";
import { convWindow } from "./conv_window.webgpu";
import { convWgradWindow } from "./conv_weight_grad_window.webgpu";

/** floats of packed operand per chunk (64 MiB): bounded extra memory, few chunks for lecture-sized layers */
let PACK_BUDGET = 16 << 20;
/** tests turn the window paths off to check the packed one on stride-1 geometries too */
let WINDOW = true;

/** Sets the chunk size in floats (tests force every chunking path with small ones); returns the old one. */
export function setConvPackBudget(floats: number): number {
  const old = PACK_BUDGET;
  PACK_BUDGET = floats;
  return old;
}

/** Enables or disables the window paths; returns the old setting. */
export function setConvWindow(on: boolean): boolean {
  const old = WINDOW;
  WINDOW = on;
  return old;
}

const SHAPES: Record<ConvVariant, (g: ConvGeometry) => number[]> = {
  conv: (g) => [g.batch, g.outChannels, ...g.outSize],
  convTranspose: (g) => [g.batch, g.inChannels, ...g.inSize],
  convWeightGrad: (g) => [g.outChannels, g.inChannels / g.groups, ...g.kernelSize],
};

/**
 * Each kernel's stride-1 window path, tried first (false: the geometry does not suit it). The weight-like
 * operand (w, or dy for dL/dw) is the second input and becomes At.
 */
const WINDOW_PATHS: { readonly [V in ConvVariant]: (k: ConvGeometry3d, a: Tensor, b: Tensor, y: Tensor) => boolean } = {
  conv: (k, a, b, y) => convWindow("conv", k, b, a, y),
  convTranspose: (k, a, b, y) => convWindow("convTranspose", k, b, a, y),
  convWeightGrad: (k, a, b, y) => convWgradWindow(k, a, b, y),
};

/** rows of each kernel's GEMM (output channels per group, or input channels for dL/dx) */
const GEMM_ROWS: { readonly [V in ConvVariant]: (k: ConvGeometry3d) => number } = {
  conv: (k) => k.Og,
  convTranspose: (k) => k.Cg,
  convWeightGrad: (k) => k.Og,
};

function fast(v: ConvVariant) {
  return ([a, b]: readonly [Tensor, Tensor], { geom }: { geom: ConvGeometry }): readonly [Tensor] => {
    const y = gpuEmpty(SHAPES[v](geom), "float32");
    if (y.size === 0) return [y];
    const k = convGeometry3d(geom);
    if (WINDOW && WINDOW_PATHS[v](k, a, b, y)) return [y];
    convPacked(v, k, b, a, y, gemmKnShape(GEMM_ROWS[v](k), gpuRuntime().dev.subgroupSize), PACK_BUDGET);
    return [y];
  };
}

type DeclOf = (a: Scalar, b: Scalar) => KernelDecl;

function naive(v: ConvVariant, decl: DeclOf) {
  return ([a, b]: readonly [Tensor, Tensor], { geom }: { geom: ConvGeometry }): readonly [Tensor] => {
    const y = gpuEmpty(SHAPES[v](geom), "float32");
    const p = buildProgram(decl(wgslType(a.dtype), wgslType(b.dtype)));
    gpuRuntime().run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], {
      total: y.size,
      ...convValues(convGeometry3d(geom)),
    });
    return [y];
  };
}

/** inputs [x, w] → y (N, O, ...outSize) */
export const convWebgpu: KernelFn<"conv"> = fast("conv");
/** inputs [dy, w] → dx (N, C, ...inSize) */
export const convTransposeWebgpu: KernelFn<"convTranspose"> = fast("convTranspose");
/** inputs [x, dy] → dw (O, C/G, ...kernelSize) */
export const convWeightGradWebgpu: KernelFn<"convWeightGrad"> = fast("convWeightGrad");

export const convNaiveWebgpu: KernelFn<"conv"> = naive("conv", convNaiveDecl);
export const convTransposeNaiveWebgpu: KernelFn<"convTranspose"> = naive("convTranspose", convTransposeNaiveDecl);
export const convWeightGradNaiveWebgpu: KernelFn<"convWeightGrad"> = naive("convWeightGrad", convWeightGradNaiveDecl);
