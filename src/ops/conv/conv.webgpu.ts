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

/** (kd, kh, kw) of tap t, times the dilation */
function tapOffsets(k: Geom3, t: number): [number, number, number] {
  const kw = t % k.k[2], kh = Math.floor(t / k.k[2]) % k.k[1], kd = Math.floor(t / (k.k[1] * k.k[2]));
  return [kd * k.dil[0], kh * k.dil[1], kw * k.dil[2]];
}

/** The per-depth-index table of each implicit GEMM (see conv_gemm.wgsl.ts). */
const KTABLES = {
  conv: (k: Geom3) => tableOf(k.Cg * k.K, (i) => [(Math.floor(i / k.K)) * k.inLen, ...tapOffsets(k, i % k.K)]),
  convTranspose: (k: Geom3) => tableOf(k.Og * k.K, (i) => [Math.floor(i / k.K), ...tapOffsets(k, i % k.K)]),
  convWeightGrad: (k: Geom3) => tableOf(k.N * k.L, (i) => {
    const l = i % k.L;
    const p2 = l % k.out[2], p1 = Math.floor(l / k.out[2]) % k.out[1], p0 = Math.floor(l / (k.out[1] * k.out[2]));
    return [Math.floor(i / k.L), p0 * k.s[0], p1 * k.s[1], p2 * k.s[2]];
  }),
};

function tableOf(n: number, row: (i: number) => number[]): Int32Array {
  const t = new Int32Array(Math.max(1, n) * 4);
  for (let i = 0; i < n; i++) t.set(row(i), 4 * i);
  return t;
}

interface Variant {
  table: (k: Geom3) => Int32Array;
  shape: (g: ConvGeometry) => number[];
  /** GEMM sizes and the number of z slices */
  gemm: (k: Geom3) => { M: number; N: number; K: number; Z: number };
}

const VARIANTS = {
  conv: { table: KTABLES.conv, shape: (g) => [g.batch, g.outChannels, ...g.outSize], gemm: (k) => ({ M: k.Og, N: k.L, K: k.Cg * k.K, Z: k.N * k.G }) },
  convTranspose: { table: KTABLES.convTranspose, shape: (g) => [g.batch, g.inChannels, ...g.inSize], gemm: (k) => ({ M: k.Cg, N: k.inLen, K: k.Og * k.K, Z: k.N * k.G }) },
  convWeightGrad: { table: KTABLES.convWeightGrad, shape: (g) => [g.outChannels, g.inChannels / g.groups, ...g.kernelSize], gemm: (k) => ({ M: k.Og, N: k.Cg * k.K, K: k.N * k.L, Z: k.G }) },
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
    const table = v.table(k);
    const ktab = r.storage.acquire(table.byteLength);
    r.device.queue.writeBuffer(ktab, 0, table.buffer, 0, table.byteLength);
    for (let zBase = 0; zBase < Z; zBase += maxZ) {
      r.run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(y), ktab], { M, N, K, zBase, ...convValues(k) }, [gx, gy, Math.min(maxZ, Z - zBase)]);
    }
    r.storage.release(ktab);
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
