/**
 * The geometry of an N-d convolution (d = 1, 2, 3 spatial dims), resolved to numbers.
 * One info object is shared by the forward kernel, the two gradient kernels (convTranspose = dL/dx,
 * convWeightGrad = dL/dw), unfold/fold, and the validators. Padding here is always *zero* padding applied
 * implicitly; other padding modes are materialised by the `pad` kernel before the convolution.
 *
 *   y[n, o, p] = Σ_{c ∈ group(o)} Σ_k x[n, c, p·stride − padLo + k·dilation] · w[o, c − g(o)·C/G, k]
 *   outSize = ⌊(inSize + padLo + padHi − dilation·(kernelSize − 1) − 1) / stride⌋ + 1
 */
export interface ConvGeometry {
  /** number of spatial dims: 1, 2 or 3 */
  readonly dims: number;
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
  readonly inSize: readonly number[];
  readonly kernelSize: readonly number[];
  readonly outSize: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padLo: readonly number[];
  readonly padHi: readonly number[];
}
