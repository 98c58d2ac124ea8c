// Public API of this module (re-exported by src/index.ts as `cl.nn`).
export { Module } from "./module";
export { Conv1d, Conv2d, Conv3d, type ConvLayerOptions } from "./conv_layers";
export { MaxPool1d, MaxPool2d, AvgPool2d, LPPool2d } from "./pool_layers";
export { ReLU, Tanh, Sigmoid, Flatten, Linear, Dropout, Embedding } from "./layers";
export { BatchNorm2d } from "./batchnorm";
export { Sequential } from "./sequential";
export { assignInPlace } from "./assign";
export * as functional from "./functional";
