/**
 * The geometry of an N-d sliding-window pooling (max / avg / Lp), resolved to numbers.
 * Windows start at o·stride − padLo and take kernelSize taps spaced by dilation; taps outside the input
 * are padding: ignored by max, counted by avg only with countIncludePad (PyTorch's rules, where a window
 * that ceilMode lets run past the padded input is clipped to the padded extent for the divisor).
 */
export interface PoolGeometry {
  readonly dims: number;
  readonly batch: number;
  readonly channels: number;
  readonly inSize: readonly number[];
  readonly kernelSize: readonly number[];
  readonly outSize: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padLo: readonly number[];
  readonly padHi: readonly number[];
}
