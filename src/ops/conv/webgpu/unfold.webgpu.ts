/**
 * webgpu kernels of `unfold` (im2col: cols[n, c·taps + t, l] = x[n, c, i(l, t)], 0 in the padding) and
 * `fold` (col2im, its adjoint). fold gathers instead of scattering: input position i sums, over taps t,
 * the one column l with i(l, t) = i (outIndex), so it needs no atomics and is deterministic.
 */
import type { KernelFn } from "../../../core/backend";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, type KernelDecl, type Scalar } from "../../../backends/webgpu/shader";
import { convGeometry3d } from "../geometry/conv_geometry_3d";
import { CONV_INDEX, CONV_UNIFORMS, convValues, uniformize } from "./conv_naive.wgsl";

function decl(op: "unfold" | "fold", xt: Scalar, body: string): KernelDecl {
  return {
    op,
    bindings: [
      { name: "x", type: xt },
      { name: "y", type: "f32", write: true },
    ],
    uniforms: CONV_UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: uniformize(CONV_INDEX),
    body: uniformize(body),
  };
}

const unfoldBody = `
  let l = i % L;
  let t = (i / L) % taps;
  let nc = i / (L * taps);
  let at = tapIndex(l, t);
  if (at < 0) { y[i] = 0.0; } else { y[i] = f32(x[nc * inLen + u32(at)]); }`;

const foldBody = `
  let pos = i % inLen;
  let nc = i / inLen;
  var acc = 0.0;
  for (var t = 0u; t < taps; t++) {
    let l = outIndex(pos, t);
    if (l >= 0) { acc += f32(x[(nc * taps + t) * L + u32(l)]); }
  }
  y[i] = acc;`;

export const unfoldDecl = (xt: Scalar): KernelDecl => decl("unfold", xt, unfoldBody);
export const foldDecl = (xt: Scalar): KernelDecl => decl("fold", xt, foldBody);

/** inputs [x (N, C, ...inSize)] → cols (N, C·taps, L) */
export const unfoldWebgpu: KernelFn<"unfold"> = ([x], { geom }) => {
  const k = convGeometry3d(geom);
  const y = gpuEmpty([geom.batch, geom.inChannels * k.K, k.L], "float32");
  gpuRuntime().run(buildProgram(unfoldDecl(wgslType(x.dtype))), [gpuBuffer(x), gpuBuffer(y)], {
    total: y.size,
    ...convValues(k),
  });
  return [y];
};

/** inputs [cols (N, C·taps, L)] → x (N, C, ...inSize) */
export const foldWebgpu: KernelFn<"fold"> = ([cols], { geom }) => {
  const k = convGeometry3d(geom);
  const y = gpuEmpty([geom.batch, geom.inChannels, ...geom.inSize], "float32");
  gpuRuntime().run(buildProgram(foldDecl(wgslType(cols.dtype))), [gpuBuffer(cols), gpuBuffer(y)], {
    total: y.size,
    ...convValues(k),
  });
  return [y];
};
