/**
 * The WebAssembly module's exports: every kernel the cpu backend's wasm glue (the *.wasm.ts files beside
 * each op family's cpu kernel) calls, on the main thread or on a worker of the pool (wasm_pool.ts).
 */
export { packA, packB, gemm, gemmBatch } from "./gemm";
export { convForward, convCols, convWeightGrad } from "./conv";
export { convDirect, padPlanes } from "./direct";
export { poolPlanes } from "./pool";
export { fftLines, fftSplitPairs } from "./fft";
export { winogradForward, winogradGradTransforms, winogradGemms } from "./winograd";
export { binaryF32, reluF32 } from "./elementwise";
export { scatterAddF32 } from "./scatter";
export { reduceSumF32 } from "./reduce";
