/**
 * webgpu kernel of `fft` (fft.wgsl.ts): the unnormalised complex DFT along `axis`, read in place through
 * the [outer, n, inner] layout (no transpose). Powers of two: Stockham passes (radix 4, plus one radix-2
 * pass when log2 n is odd), ping-ponging between the outputs and one scratch pair so that the last pass
 * lands in the outputs. Other lengths (and n = 1): the direct DFT.
 */
import type { KernelFn } from "../../core/backend";
import { fmtShape, opError } from "../../core/errors";
import { shapesEqual, sizeOf } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../backends/webgpu/shader";
import { dftDecl, fftRadix2Decl, fftRadix4Decl } from "./fft.wgsl";

/** Radices of the Stockham passes for n = 2^m: one 2 first when m is odd, then 4s. */
export function stockhamRadices(n: number): number[] {
  const m = Math.round(Math.log2(n));
  return [...(m % 2 ? [2] : []), ...new Array<number>(m >> 1).fill(4)];
}

export const fftWebgpu: KernelFn<"fft"> = ([re, im], { axis, inverse }) => {
  if (!shapesEqual(re.shape, im.shape)) {
    throw opError("fft", `expected re and im of equal shape, got ${fmtShape(re.shape)} and ${fmtShape(im.shape)}`);
  }
  const shape = re.shape, n = shape[axis], size = sizeOf(shape);
  const out: [Tensor, Tensor] = [gpuEmpty(shape, "float32"), gpuEmpty(shape, "float32")];
  if (size === 0) return out;
  const r = rt();
  const base = { n, inner: sizeOf(shape.slice(axis + 1)), sign: inverse ? 1 : -1 };
  const radices = stockhamRadices(n);
  if ((n & (n - 1)) !== 0 || radices.length === 0) {
    r.run(buildProgram(dftDecl(wgslType(re.dtype))), [gpuBuffer(re), gpuBuffer(im), ...out.map(gpuBuffer)], { total: size, ns: 1, ...base });
    return out;
  }
  const scratch: [Tensor, Tensor] = [gpuEmpty(shape, "float32"), gpuEmpty(shape, "float32")];
  let src: readonly Tensor[] = [re, im];
  let ns = 1;
  radices.forEach((radix, pass) => {
    const dst = (radices.length - 1 - pass) % 2 === 0 ? out : scratch;
    const decl = radix === 4 ? fftRadix4Decl(wgslType(src[0].dtype)) : fftRadix2Decl(wgslType(src[0].dtype));
    r.run(buildProgram(decl), [...src, ...dst].map(gpuBuffer), { total: size / radix, ns, ...base });
    ns *= radix;
    src = dst;
  });
  scratch.forEach((t) => t.dispose());
  return out;
};
