// Public ops of the pooling family (re-exported by src/index.ts).
export { maxPool1d, maxPool2d, maxPool3d, type MaxPoolOptions, type PoolWithIndices } from "./max_pool";
export { avgPool1d, avgPool2d, avgPool3d, type AvgPoolOptions } from "./avg_pool";
export { lpPool1d, lpPool2d, type LpPoolOptions } from "./lp_pool";
export { kMaxPool1d, type KMaxPoolOptions } from "./kmax_pool";
export {
  adaptiveAvgPool1d,
  adaptiveAvgPool2d,
  adaptiveAvgPool3d,
  adaptiveMaxPool1d,
  adaptiveMaxPool2d,
  adaptiveMaxPool3d,
  type AdaptiveSize,
} from "./adaptive_pool";
export { globalAvgPool, globalMaxPool, type GlobalPoolOptions } from "./global_pool";
export { poolGeometry, type PoolGeometryOptions } from "./geometry/pool_geometry";
export type { PoolGeometry } from "../../core/geometry";
