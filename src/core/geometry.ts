/**
 * The geometry types of the sliding-window families, resolved to numbers: one source for the kernel
 * declarations (core/kernels.ts), the geometry functions (ops/conv/geometry/conv_geometry.ts,
 * ops/pool/geometry/pool_geometry.ts), the kernels on every backend, the gradient rules and the validators.
 * A window on spatial dim d starts at o·stride − padLo and takes kernelSize taps spaced by dilation.
 */

/** What every sliding window over 1, 2 or 3 spatial dims shares. */
export interface WindowGeometry {
  /** number of spatial dims: 1, 2 or 3 */
  readonly dims: number;
  readonly batch: number;
  readonly inSize: readonly number[];
  readonly kernelSize: readonly number[];
  readonly outSize: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padLo: readonly number[];
  readonly padHi: readonly number[];
}

/**
 * The geometry of an N-d convolution. One info object is shared by the forward kernel, the two gradient
 * kernels (convTranspose = dL/dx, convWeightGrad = dL/dw), unfold/fold, and the validators. Padding here is
 * always *zero* padding applied implicitly; other padding modes are materialised by the `pad` kernel before
 * the convolution.
 *
 *   y[n, o, p] = Σ_{c ∈ group(o)} Σ_k x[n, c, p·stride − padLo + k·dilation] · w[o, c − g(o)·C/G, k]
 *   outSize = ⌊(inSize + padLo + padHi − dilation·(kernelSize − 1) − 1) / stride⌋ + 1
 */
export interface ConvGeometry extends WindowGeometry {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
}

/**
 * The geometry of an N-d sliding-window pooling (max / avg / Lp). Taps outside the input are padding:
 * ignored by max, counted by avg only with countIncludePad (PyTorch's rules, where a window that ceilMode
 * lets run past the padded input is clipped to the padded extent for the divisor). PyTorch pads
 * symmetrically: padLo = padHi = padding (ceilMode windows may run past padHi).
 *
 *   outSize = ⌊(inSize + 2·pad − dilation·(kernelSize − 1) − 1 + (ceilMode ? stride − 1 : 0)) / stride⌋ + 1,
 *   minus one when ceilMode made the last window start at or beyond inSize + pad (it must start inside
 *   the input or the left padding).
 */
export interface PoolGeometry extends WindowGeometry {
  readonly channels: number;
  /** the input had no batch dim (C, spatial…): outputs drop it again */
  readonly unbatched: boolean;
}
