// Public API of this module (re-exported by src/index.ts as `cl.data`).
export { mnist, type MnistOptions, type Dataset } from "./mnist";
export { batches, type BatchOptions } from "./batches";
export { fashionMnist, type FashionMnistOptions } from "./fashion_mnist";
