// Public ops of this family (re-exported by src/index.ts).
export {
  conv1d,
  conv2d,
  conv3d,
  type ConvOptions,
  type Conv1dOptions,
  type Conv2dOptions,
  type Conv3dOptions,
  type PaddingMode,
} from "./conv";
export { convTranspose1d, convTranspose2d, convTranspose3d, type ConvTransposeOptions } from "./conv_transpose";
export { convolve, correlate, type ConvolveOptions, type ConvolveMethod } from "./convolve";
export { convMatrix, convMatrix2d, type ConvMatrixOptions, type ConvMatrix2dOptions } from "./conv_matrix";
export { unfold, type UnfoldOptions } from "./unfold";
export { separableConv2d, type SeparableConv2dOptions } from "./separable_conv";
export { locallyConnected1d, locallyConnected2d, type LocallyConnectedOptions } from "./locally_connected";
export { tiledConv2d, type TiledConv2dOptions } from "./tiled_conv";
export { convGeometry, type ConvGeometryOptions } from "./geometry/conv_geometry";
export type { ConvGeometry } from "../../core/geometry";
export type { ConvPadding } from "./geometry/conv_padding";
