// Public API of this module (re-exported by src/index.ts as `cl.optim`).
export { Optimizer } from "./optimizer";
export { SGD, type SGDOptions } from "./sgd";
export { Adam, type AdamOptions } from "./adam";
