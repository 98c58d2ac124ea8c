/** fft.js contenders shared by the FFT benchmarks (its radix-4 float64 transforms on preallocated arrays). */
import FFT from "fft.js";

/** `batch` complex transforms of length n, one after another. */
export function fftJs1d(n: number, batch: number): () => void {
  const f = new FFT(n);
  const input = f.createComplexArray() as number[];
  for (let i = 0; i < input.length; i++) input[i] = Math.sin(i * 0.37);
  const out = f.createComplexArray() as number[];
  return () => {
    for (let b = 0; b < batch; b++) f.transform(out, input);
  };
}

/**
 * A real n×n 2-D FFT as the study measured it: n real row transforms, then n/2+1 complex column transforms.
 * It re-transforms one preallocated row and column and moves no data: a lower bound for fft.js.
 */
export function fftJsReal2d(n: number): () => void {
  const f = new FFT(n);
  const row = Array.from({ length: n }, (_, i) => Math.cos(i));
  const out = f.createComplexArray() as number[],
    col = f.createComplexArray() as number[],
    colOut = f.createComplexArray() as number[];
  return () => {
    for (let r = 0; r < n; r++) f.realTransform(out, row);
    for (let c = 0; c <= n / 2; c++) f.transform(colOut, col);
  };
}
