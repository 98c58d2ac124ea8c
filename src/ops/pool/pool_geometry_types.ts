/**
 * The geometry of an N-d sliding-window pooling (max / avg / Lp), resolved to numbers.
 * Windows start at o·stride − padLo and take kernelSize taps spaced by dilation; taps outside the input
 * are padding: ignored by max, counted by avg only with countIncludePad (PyTorch's rules, where a window
 * that ceilMode lets run past the padded input is clipped to the padded extent for the divisor).
 *
 *   outSize = ⌊(inSize + 2·pad − dilation·(kernelSize − 1) − 1 + (ceilMode ? stride − 1 : 0)) / stride⌋ + 1,
 *   minus one when ceilMode made the last window start at or beyond inSize + pad (it must start inside
 *   the input or the left padding).
 */
export interface PoolGeometry {
  /** number of spatial dims: 1, 2 or 3 */
  readonly dims: number;
  readonly batch: number;
  readonly channels: number;
  /** the input had no batch dim (C, spatial…): outputs drop it again */
  readonly unbatched: boolean;
  readonly inSize: readonly number[];
  readonly kernelSize: readonly number[];
  readonly outSize: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  /** PyTorch pads symmetrically: padLo = padHi = padding (ceilMode windows may run past padHi) */
  readonly padLo: readonly number[];
  readonly padHi: readonly number[];
}
