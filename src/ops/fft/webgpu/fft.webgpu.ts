/**
 * webgpu kernel of `fft` (fft.wgsl.ts): the unnormalised complex DFT along `axis`, read in place through
 * the [outer, n, inner] layout (no transpose). Powers of two: Stockham passes (radix 16, plus one radix-2,
 * 4 or 8 pass when 4 ∤ log2 n), ping-ponging between the outputs and one scratch pair so that the last pass
 * lands in the outputs. Other lengths from 64 up: Bluestein (fft_bluestein.*), O(n log n); shorter ones
 * (and n = 1): the direct DFT, exact twiddles and cheap at that size.
 */
import type { KernelFn } from "../../../core/backend";
import { fmtShape, opError } from "../../../core/errors";
import { contiguousStrides, shapesEqual, sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram, programMemo, type Scalar } from "../../../backends/webgpu/shader";
import { bluestein } from "./fft_bluestein.webgpu";
import { dftDecl, fftRadixDecl } from "./fft.wgsl";
import { viewWebgpu } from "../../shape/webgpu/view.webgpu";

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

const radixProgram = programMemo((t: Scalar, R: number, strided: boolean, real: boolean, keep: boolean) =>
  fftRadixDecl(t, R, strided, real, keep),
);

/** What a Stockham run reads and writes: `keep` bins per output line; `real`: src has no imaginary part. */
interface StockhamIo {
  readonly src: readonly GPUBuffer[];
  readonly srcType: Scalar;
  readonly out: readonly GPUBuffer[];
  readonly real: boolean;
  readonly keep: number;
}

/**
 * Stockham passes over [outer, n, inner] buffers (count values); the last pass lands in `out`. The others
 * ping-pong between `out` and one scratch pair, or, when `out` holds only `keep` < n bins per line,
 * between two scratch pairs.
 */
function stockham(io: StockhamIo, n: number, inner: number, count: number, sign: number): void {
  const r = gpuRuntime();
  const radices = stockhamRadices(n),
    last = radices.length - 1;
  const trimmed = io.keep < n;
  const pairs = last === 0 ? 0 : trimmed && last > 1 ? 2 : 1;
  const scratch = Array.from({ length: 2 * pairs }, () => r.storage.acquire(count * 4));
  let from = io.src,
    ns = 1;
  radices.forEach((radix, pass) => {
    const dst =
      pass === last
        ? io.out
        : trimmed
          ? scratch.slice(2 * (pass % 2), 2 * (pass % 2) + 2)
          : (last - pass) % 2 === 0
            ? io.out
            : scratch;
    const prog = radixProgram(
      pass === 0 ? io.srcType : "f32",
      radix,
      inner > 1,
      pass === 0 && io.real,
      pass === last && trimmed,
    );
    r.run(prog, [...from, ...dst], {
      total: count / radix,
      ns,
      n,
      inner,
      sign,
      logQ: Math.log2(n / radix),
      logNs: Math.log2(ns),
      keep: pass === last ? io.keep : n,
    });
    ns *= radix;
    from = dst;
  });
  scratch.forEach((b) => r.storage.release(b));
}

/** Lengths from here up that are not powers of two use Bluestein; shorter ones the direct DFT. */
const BLUESTEIN_FROM = 64;

export const fftWebgpu: KernelFn<"fft"> = ([re, im], { axis, inverse, real = false, keep: keepAttr }) => {
  if (!real && !shapesEqual(re.shape, im.shape)) {
    throw opError("fft", `expected re and im of equal shape, got ${fmtShape(re.shape)} and ${fmtShape(im.shape)}`);
  }
  const shape = re.shape,
    n = shape[axis],
    size = sizeOf(shape);
  const keep = Math.min(keepAttr ?? n, n);
  const outShape = shape.map((d, k) => (k === axis ? keep : d));
  const inner = sizeOf(shape.slice(axis + 1)),
    sign = inverse ? 1 : -1;
  const pow2 = (n & (n - 1)) === 0;
  if (pow2 && n > 1) {
    const out: [Tensor, Tensor] = [gpuEmpty(outShape, "float32"), gpuEmpty(outShape, "float32")];
    if (size === 0) return out;
    const src = [gpuBuffer(re), gpuBuffer(real ? re : im)];
    stockham({ src, srcType: wgslType(re.dtype), out: out.map(gpuBuffer), real, keep }, n, inner, size, sign);
    return out;
  }
  // Bluestein and the direct DFT transform whole lines of a complex input; rfft's half is copied out after
  const imag = real ? zerosOf(re) : im;
  const full: [Tensor, Tensor] = [gpuEmpty(shape, "float32"), gpuEmpty(shape, "float32")];
  if (size > 0) fullLines(re, imag, full, n, inner, inverse);
  if (real) imag.dispose();
  if (keep === n) return full;
  const cut = (t: Tensor) => viewWebgpu([t], { shape: outShape, strides: contiguousStrides(shape), offset: 0 })[0];
  const trimmed: [Tensor, Tensor] = [cut(full[0]), cut(full[1])];
  full.forEach((t) => t.dispose());
  return trimmed;
};

/** A float32 tensor of zeros shaped like t (a cleared buffer). */
function zerosOf(t: Tensor): Tensor {
  const z = gpuEmpty(t.shape, "float32");
  gpuRuntime().clear(gpuBuffer(z), t.size * 4);
  return z;
}

/** Bluestein (lengths from BLUESTEIN_FROM) or the direct DFT over whole lines, into `out`. */
function fullLines(re: Tensor, im: Tensor, out: [Tensor, Tensor], n: number, inner: number, inverse: boolean): void {
  const r = gpuRuntime(),
    sign = inverse ? 1 : -1;
  if (n >= BLUESTEIN_FROM) {
    bluestein(re, im, out, n, inner, inverse, (src, dst, m, inr, count, sg) => {
      stockham({ src, srcType: "f32", out: dst, real: false, keep: m }, m, inr, count, sg);
    });
  } else {
    r.run(buildProgram(dftDecl(wgslType(re.dtype))), [gpuBuffer(re), gpuBuffer(im), ...out.map(gpuBuffer)], {
      total: re.size,
      ns: 1,
      n,
      inner,
      sign,
    });
  }
}
