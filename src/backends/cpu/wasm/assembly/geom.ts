/**
 * The conv geometry as the host writes it into memory (conv_geometry_3d.ts's ConvGeometry3d, one i32 per field, in this order):
 * every wasm conv kernel reads its shape from one pointer instead of 27 arguments.
 */
export const G_N = 0, G_C = 1, G_O = 2, G_G = 3, G_CG = 4, G_OG = 5;
export const G_IN = 6, G_K = 9, G_OUT = 12, G_S = 15, G_DIL = 18, G_PAD = 21;
export const G_INLEN = 24, G_KK = 25, G_L = 26;
export const G_FIELDS = 27;

// @ts-ignore: decorator
@inline export function gi(g: usize, field: i32): i32 {
  return load<i32>(g + (<usize>field << 2));
}

/** Output positions o (< outLen) with 0 <= o·s + kOff < n form [validLo, validHi) (callers clamp lo to outLen). */
// @ts-ignore: decorator
@inline export function validLo(kOff: i32, s: i32): i32 {
  return kOff >= 0 ? 0 : (-kOff + s - 1) / s;
}

// @ts-ignore: decorator
@inline export function validHi(kOff: i32, s: i32, n: i32, outLen: i32): i32 {
  const last = n - 1 - kOff;
  return last < 0 ? 0 : min(outLen, last / s + 1);
}
