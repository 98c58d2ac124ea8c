/**
 * convlab — convolutional networks for teaching, in TypeScript.
 * `import * as cl from "convlab"`; the names below are the public API (see docs/API.md).
 */
import "./backends/select";
import "./tensor_methods";

export { Tensor, isTensor, type NestedArray } from "./core/tensor";
export type { TensorLike, TensorOptions } from "./core/coerce";
export type { DType } from "./core/dtype";
export type { BackendName } from "./core/backend";
export { ConvlabError } from "./core/errors";
export { memory, collect, type MemoryInfo, type CollectInfo } from "./core/memory";
export { tidy, keep } from "./core/scope";
export { noGrad } from "./core/grad_node";
export { manualSeed, Rng } from "./core/random";
export { setBackend, getBackend, backendInfo, shutdown, type BackendInfo } from "./backends/select";

export { tensor, zeros, ones, full, arange, linspace, eye, rand, randn, type RandomOptions } from "./ops/creation";
export * from "./ops/elementwise/unary";
export * from "./ops/elementwise/binary";
export { softplus, type SoftplusOptions } from "./ops/elementwise/softplus";
export { cast } from "./ops/elementwise/cast";
export * from "./ops/reduce/reduce";
export { matmul, dot } from "./ops/matmul/matmul";
export * from "./ops/shape/view_ops";
export { pad, type PadOptions } from "./ops/shape/pad";
export { concat, stack } from "./ops/shape/concat";

// op families, each behind its own barrel so their owners never edit this file
export * from "./ops/conv";
export * from "./ops/pool";
export * from "./ops/fft";
export * from "./autograd";
export * as nn from "./nn";
export * as optim from "./optim";
export * as data from "./data";
export * as models from "./models";
export * from "./display";
export * as check from "./check";
export * as grading from "./grading";
export { CheckError } from "./check/error";
