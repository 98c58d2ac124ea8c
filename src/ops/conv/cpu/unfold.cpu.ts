/**
 * cpu kernels of `unfold` (im2col, PyTorch F.unfold layout generalised to N-d: (N, C·Πk, L)) and `fold`
 * (col2im, its adjoint: overlapping patches are summed). geom.groups / outChannels are not used: every
 * channel is unfolded. Tested against the reference loops of conv_naive.cpu.ts.
 */
import type { KernelFn } from "../../../core/backend";
import type { FloatArray } from "../../../core/dtype";
import type { Tensor } from "../../../core/tensor";
import { cpuFromData } from "../../../backends/cpu/cpu_storage";
import type { ConvGeometry } from "../../../core/geometry";
import { allocFloat, convGeometry3d, type ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { floatValues } from "./conv.cpu";
import { col2im, im2col } from "./im2col.cpu";

function unfoldFast(g: ConvGeometry3d, x: FloatArray, cols: FloatArray): void {
  for (let n = 0; n < g.N; n++) im2col(g, g.C, x, n * g.C * g.inLen, cols, n * g.C * g.K * g.L, 0, g.L);
}

function foldFast(g: ConvGeometry3d, cols: FloatArray, x: FloatArray): void {
  x.fill(0);
  for (let n = 0; n < g.N; n++) col2im(g, g.C, cols, n * g.C * g.K * g.L, 0, g.L, x, n * g.C * g.inLen);
}

const colsShape = (g: ConvGeometry, k: ConvGeometry3d) => [g.batch, g.inChannels * k.K, k.L];
const imShape = (g: ConvGeometry) => [g.batch, g.inChannels, ...g.inSize];

function kernel(
  loop: (g: ConvGeometry3d, a: FloatArray, out: FloatArray) => void,
  shapeOf: (g: ConvGeometry, k: ConvGeometry3d) => number[],
) {
  return ([a]: readonly [Tensor], { geom }: { geom: ConvGeometry }): readonly [Tensor] => {
    const dtype = a.dtype === "float64" ? "float64" : "float32";
    const g3 = convGeometry3d(geom),
      shape = shapeOf(geom, g3);
    const out = allocFloat(
      dtype,
      shape.reduce((p, q) => p * q, 1),
    );
    loop(g3, floatValues(a, dtype), out);
    return [cpuFromData(out, shape, dtype)];
  };
}

/** inputs [x (N, C, ...inSize)] → cols (N, C·K, L) */
export const unfoldCpu: KernelFn<"unfold"> = kernel(unfoldFast, colsShape);
/** inputs [cols (N, C·K, L)] → x (N, C, ...inSize) */
export const foldCpu: KernelFn<"fold"> = kernel(foldFast, (g) => imShape(g));
