/**
 * cpu kernels of `conv`, `convTranspose` (dL/dx) and `convWeightGrad` (dL/dw), all sharing one
 * ConvGeometry. Inputs may be strided views (dense() copies only those); float32 or float64 (the result
 * is float64 when either input is). The fast kernels are tested against the reference loops of
 * conv_naive.cpu.ts.
 */
import type { KernelFn } from "../../../core/backend";
import type { FloatArray, FloatDType } from "../../../core/dtype";
import type { Tensor } from "../../../core/tensor";
import { convertArray, cpuFromData, dense } from "../../../backends/cpu/cpu_storage";
import type { ConvGeometry } from "../../../core/geometry";
import { convGeometry3d } from "../geometry/conv_geometry_3d";
import { runConvKernel } from "./conv_threads.cpu";
import { convWasm } from "./conv.wasm";
import type { SplitKernel } from "./conv_worker.cpu";

/** float64 when either operand is, else float32 */
export function resultDType(a: Tensor, b: Tensor): FloatDType {
  return a.dtype === "float64" || b.dtype === "float64" ? "float64" : "float32";
}

/** Row-major values of t as a Float32Array / Float64Array of `dtype`. */
export function floatValues(t: Tensor, dtype: FloatDType): FloatArray {
  const d = dense(t);
  return (t.dtype === dtype ? d : convertArray(d, dtype)) as FloatArray;
}

const batchShape = (g: ConvGeometry, channels: number, spatial: readonly number[]) => [g.batch, channels, ...spatial];

const yShape = (g: ConvGeometry) => batchShape(g, g.outChannels, g.outSize);
const xShape = (g: ConvGeometry) => batchShape(g, g.inChannels, g.inSize);
const wShape = (g: ConvGeometry) => [g.outChannels, g.inChannels / g.groups, ...g.kernelSize];

/**
 * The fast kernels: float32 on the WebAssembly kernels (conv.wasm.ts) when they run here, else (float64,
 * CONVLAB_CPU_KERNELS=js) the TypeScript ones, split over worker threads when large (conv_threads.cpu.ts).
 */
function fastKernel(kind: SplitKernel, outShape: (g: ConvGeometry) => number[]) {
  return ([a, b]: readonly [Tensor, Tensor], { geom }: { geom: ConvGeometry }): readonly [Tensor] => {
    const dtype = resultDType(a, b),
      g = convGeometry3d(geom);
    const av = floatValues(a, dtype),
      bv = floatValues(b, dtype);
    const fast = av instanceof Float32Array && bv instanceof Float32Array ? convWasm(kind, g, av, bv) : null;
    const out = fast ?? runConvKernel(kind, g, av, bv, dtype);
    return [cpuFromData(out, outShape(geom), dtype)];
  };
}

/** inputs [x, w] → y (N, O, ...outSize) */
export const convCpu: KernelFn<"conv"> = fastKernel("conv", yShape);
/** inputs [dy, w] → dx (N, C, ...inSize) */
export const convTransposeCpu: KernelFn<"convTranspose"> = fastKernel("convTranspose", xShape);
/** inputs [x, dy] → dw (O, C/G, ...kernelSize) */
export const convWeightGradCpu: KernelFn<"convWeightGrad"> = fastKernel("convWeightGrad", wShape);
