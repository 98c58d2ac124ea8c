/**
 * webgpu kernel of `fft` (fft.wgsl.ts): the unnormalised complex DFT along `axis`, read in place through
 * the [outer, n, inner] layout (no transpose). Powers of two: Stockham passes (radix 16, plus one radix-2,
 * 4 or 8 pass when 4 ∤ log2 n), ping-ponging between the outputs and one scratch pair so that the last pass
 * lands in the outputs. Other lengths from 64 up: Bluestein (fft_bluestein.*), O(n log n); shorter ones
 * (and n = 1): the direct DFT, exact twiddles and cheap at that size.
 */
import type { KernelFn } from "../../core/backend";
import { fmtShape, opError } from "../../core/errors";
import { shapesEqual, sizeOf } from "../../core/shape";
import type { Tensor } from "../../core/tensor";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram, programMemo, type Scalar } from "../../backends/webgpu/shader";
import { bluestein } from "./fft_bluestein.webgpu";
import { dftDecl, fftRadixDecl } from "./fft.wgsl";

/**
 * Radices of the Stockham passes for n = 2^m: as few passes as radix 64 allows, the bits spread evenly
 * (larger radices first). On lavapipe a pass costs about the same from radix 4 to 64 (2^16: 0.45-0.6 ms,
 * bound by its buffer traffic), so the pass count is what matters: 512 = 32·16 (was 2·16·16, whose
 * radix-2 pass alone cost as much as the other two), 1024 = 32·32, 2^16 = 64·32·32.
 */
export function stockhamRadices(n: number): number[] {
  const m = Math.round(Math.log2(n));
  const passes = Math.ceil(m / 6);
  return Array.from({ length: passes }, (_, p) => 2 ** (Math.floor(m / passes) + (p < m % passes ? 1 : 0)));
}

const radixProgram = programMemo(fftRadixDecl);

/** Stockham passes over [outer, n, inner] buffers; the last pass lands in `out` (`scratch` ping-pongs). */
function stockham(src: readonly GPUBuffer[], srcType: Scalar, out: readonly GPUBuffer[], scratch: readonly GPUBuffer[], n: number, inner: number, count: number, sign: number): void {
  const r = rt();
  const radices = stockhamRadices(n);
  let from = src, type = srcType, ns = 1;
  radices.forEach((radix, pass) => {
    const dst = (radices.length - 1 - pass) % 2 === 0 ? out : scratch;
    r.run(radixProgram(type, radix, inner > 1), [...from, ...dst], { total: count / radix, ns, n, inner, sign, logQ: Math.log2(n / radix), logNs: Math.log2(ns) });
    ns *= radix;
    from = dst;
    type = "f32";
  });
}

/** Lengths from here up that are not powers of two use Bluestein; shorter ones the direct DFT. */
const BLUESTEIN_FROM = 64;

export const fftWebgpu: KernelFn<"fft"> = ([re, im], { axis, inverse }) => {
  if (!shapesEqual(re.shape, im.shape)) {
    throw opError("fft", `expected re and im of equal shape, got ${fmtShape(re.shape)} and ${fmtShape(im.shape)}`);
  }
  const shape = re.shape, n = shape[axis], size = sizeOf(shape);
  const out: [Tensor, Tensor] = [gpuEmpty(shape, "float32"), gpuEmpty(shape, "float32")];
  if (size === 0) return out;
  const r = rt();
  const inner = sizeOf(shape.slice(axis + 1)), sign = inverse ? 1 : -1;
  const pow2 = (n & (n - 1)) === 0;
  if (pow2 && n > 1) {
    const scratch = [r.storage.acquire(size * 4), r.storage.acquire(size * 4)];
    stockham([gpuBuffer(re), gpuBuffer(im)], wgslType(re.dtype), out.map(gpuBuffer), scratch, n, inner, size, sign);
    scratch.forEach((b) => r.storage.release(b));
  } else if (!pow2 && n >= BLUESTEIN_FROM) {
    bluestein(re, im, out, n, inner, inverse, (src, dst, m, inr, count, sg) => {
      const scratch = [r.storage.acquire(count * 4), r.storage.acquire(count * 4)];
      stockham(src, "f32", dst, scratch, m, inr, count, sg);
      scratch.forEach((b) => r.storage.release(b));
    });
  } else {
    r.run(buildProgram(dftDecl(wgslType(re.dtype))), [gpuBuffer(re), gpuBuffer(im), ...out.map(gpuBuffer)], { total: size, ns: 1, n, inner, sign });
  }
  return out;
};
