// Public ops of the FFT family (re-exported by src/index.ts). `abs` lives here because it is
// complex-aware (|z| of a Complex, |x| of a real tensor).
export {
  complex,
  conj,
  complexMul,
  abs,
  angle,
  real,
  imag,
  isComplex,
  type Complex,
  type ComplexLike,
} from "./complex";
export { fft, ifft, rfft, irfft, type FftOptions, type FftNorm } from "./fft";
export { fftn, ifftn, fft2, ifft2, rfftn, irfftn, rfft2, irfft2, type FftnOptions } from "./fftn";
export { fftshift, ifftshift, fftfreq, rfftfreq, type FreqOptions } from "./fft_shift";
export { fftConvolve, nextFastLen, type FftConvolveOptions, type ConvolveMode } from "./fft_convolve";
export { fftConv } from "./fft_conv";
