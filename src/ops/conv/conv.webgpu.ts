/**
 * webgpu kernels of `conv`, `convTranspose` (dL/dx) and `convWeightGrad` (dL/dw): implicit GEMMs with
 * workgroup tiles (conv_gemm.wgsl.ts). The `*NaiveWebgpu` twins run the one-invocation-per-output
 * reference kernels of conv.wgsl.ts; tests check the fast kernels against them and against the cpu.
 */
import type { KernelFn } from "../../core/backend";
import type { Tensor } from "../../core/tensor";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl, type Scalar } from "../../backends/webgpu/shader";
import { gemmGroups, gemmShape } from "../matmul/gemm.wgsl";
import type { ConvGeometry } from "./conv_geometry_types";
import { geom3, type Geom3 } from "./conv3";
import { convNaiveDecl, convTransposeNaiveDecl, convValues, convWeightGradNaiveDecl } from "./conv.wgsl";
import { convGemmDecl, convTransposeGemmDecl, convWeightGradGemmDecl } from "./conv_gemm.wgsl";

type DeclOf = (a: Scalar, b: Scalar, shape?: readonly [number, number]) => KernelDecl;

interface Variant {
  shape: (g: ConvGeometry) => number[];
  /** GEMM sizes and the number of z slices */
  gemm: (k: Geom3) => { M: number; N: number; K: number; Z: number };
}

const VARIANTS = {
  conv: { shape: (g) => [g.batch, g.outChannels, ...g.outSize], gemm: (k) => ({ M: k.Og, N: k.L, K: k.Cg * k.K, Z: k.N * k.G }) },
  convTranspose: { shape: (g) => [g.batch, g.inChannels, ...g.inSize], gemm: (k) => ({ M: k.Cg, N: k.inLen, K: k.Og * k.K, Z: k.N * k.G }) },
  convWeightGrad: { shape: (g) => [g.outChannels, g.inChannels / g.groups, ...g.kernelSize], gemm: (k) => ({ M: k.Og, N: k.Cg * k.K, K: k.N * k.L, Z: k.G }) },
} satisfies Record<string, Variant>;

function naive(v: Variant, decl: DeclOf) {
  return ([a, b]: readonly Tensor[], { geom }: { geom: ConvGeometry }): Tensor[] => {
    const y = gpuEmpty(v.shape(geom), "float32");
    const p = buildProgram(decl(wgslType(a.dtype), wgslType(b.dtype)));
    rt().run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], { total: y.size, ...convValues(geom3(geom)) });
    return [y];
  };
}

function gemm(v: Variant, decl: DeclOf) {
  return ([a, b]: readonly Tensor[], { geom }: { geom: ConvGeometry }): Tensor[] => {
    const y = gpuEmpty(v.shape(geom), "float32");
    if (y.size === 0) return [y];
    const k = geom3(geom);
    const { M, N, K, Z } = v.gemm(k);
    const r = rt();
    const shape = gemmShape(M);
    const p = buildProgram(decl(wgslType(a.dtype), wgslType(b.dtype), shape));
    const [gx, gy] = gemmGroups(M, N, shape);
    const maxZ = r.dev.limits.maxComputeWorkgroupsPerDimension;
    for (let zBase = 0; zBase < Z; zBase += maxZ) {
      r.run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y)], { M, N, K, zBase, ...convValues(k) }, [gx, gy, Math.min(maxZ, Z - zBase)]);
    }
    return [y];
  };
}

/** inputs [x, w] → y (N, O, ...outSize) */
export const convWebgpu: KernelFn<"conv"> = gemm(VARIANTS.conv, convGemmDecl);
/** inputs [dy, w] → dx (N, C, ...inSize) */
export const convTransposeWebgpu: KernelFn<"convTranspose"> = gemm(VARIANTS.convTranspose, convTransposeGemmDecl);
/** inputs [x, dy] → dw (O, C/G, ...kernelSize) */
export const convWeightGradWebgpu: KernelFn<"convWeightGrad"> = gemm(VARIANTS.convWeightGrad, convWeightGradGemmDecl);

export const convNaiveWebgpu: KernelFn<"conv"> = naive(VARIANTS.conv, convNaiveDecl);
export const convTransposeNaiveWebgpu: KernelFn<"convTranspose"> = naive(VARIANTS.convTranspose, convTransposeNaiveDecl);
export const convWeightGradNaiveWebgpu: KernelFn<"convWeightGrad"> = naive(VARIANTS.convWeightGrad, convWeightGradNaiveDecl);
