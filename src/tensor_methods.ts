/**
 * Chainable Tensor methods (`x.add(y).relu().sum()`), installed on the prototype here so that
 * core/tensor.ts does not import the ops (which import it). Declaration merging keeps them typed.
 */
import { Tensor } from "./core/tensor";
import type { TensorLike } from "./core/coerce";
import type { DType } from "./core/dtype";
import * as B from "./ops/elementwise/binary";
import * as U from "./ops/elementwise/unary";
import * as R from "./ops/reduce/reduce";
import * as S from "./ops/shape/view_ops";
import { cast } from "./ops/elementwise/cast";
import { matmul } from "./ops/matmul/matmul";
import { pad, type PadOptions } from "./ops/shape/pad";

declare module "./core/tensor" {
  interface Tensor {
    add(b: TensorLike): Tensor;
    sub(b: TensorLike): Tensor;
    mul(b: TensorLike): Tensor;
    div(b: TensorLike): Tensor;
    pow(b: TensorLike): Tensor;
    maximum(b: TensorLike): Tensor;
    minimum(b: TensorLike): Tensor;
    gt(b: TensorLike): Tensor;
    lt(b: TensorLike): Tensor;
    eq(b: TensorLike): Tensor;
    matmul(b: TensorLike): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    square(): Tensor;
    sum(opts?: R.ReduceOptions): Tensor;
    mean(opts?: R.ReduceOptions): Tensor;
    max(opts?: R.ReduceOptions): Tensor;
    min(opts?: R.ReduceOptions): Tensor;
    argmax(opts?: { dim?: number; keepDim?: boolean }): Tensor;
    softmax(dim?: number): Tensor;
    logSoftmax(dim?: number): Tensor;
    reshape(shape: readonly number[]): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    transpose(dims?: readonly number[]): Tensor;
    permute(dims: readonly number[]): Tensor;
    flip(dims?: number | readonly number[]): Tensor;
    slice(spec: readonly S.SliceSpec[]): Tensor;
    squeeze(dim?: number): Tensor;
    unsqueeze(dim: number): Tensor;
    pad(pads: readonly (readonly [number, number])[], opts?: PadOptions): Tensor;
    cast(dtype: DType): Tensor;
    /** T: the transpose of a 2-D tensor (all axes reversed for higher ranks) */
    readonly T: Tensor;
  }
}

const P = Tensor.prototype;
P.add = function (b) {
  return B.add(this, b);
};
P.sub = function (b) {
  return B.sub(this, b);
};
P.mul = function (b) {
  return B.mul(this, b);
};
P.div = function (b) {
  return B.div(this, b);
};
P.pow = function (b) {
  return B.pow(this, b);
};
P.maximum = function (b) {
  return B.maximum(this, b);
};
P.minimum = function (b) {
  return B.minimum(this, b);
};
P.gt = function (b) {
  return B.gt(this, b);
};
P.lt = function (b) {
  return B.lt(this, b);
};
P.eq = function (b) {
  return B.eq(this, b);
};
P.matmul = function (b) {
  return matmul(this, b);
};
P.neg = function () {
  return U.neg(this);
};
P.exp = function () {
  return U.exp(this);
};
P.log = function () {
  return U.log(this);
};
P.sqrt = function () {
  return U.sqrt(this);
};
P.abs = function () {
  return U.absReal(this);
};
P.relu = function () {
  return U.relu(this);
};
P.sigmoid = function () {
  return U.sigmoid(this);
};
P.tanh = function () {
  return U.tanh(this);
};
P.square = function () {
  return U.square(this);
};
P.sum = function (o) {
  return R.sum(this, o);
};
P.mean = function (o) {
  return R.mean(this, o);
};
P.max = function (o) {
  return R.max(this, o);
};
P.min = function (o) {
  return R.min(this, o);
};
P.argmax = function (o) {
  return R.argmax(this, o);
};
P.softmax = function (d) {
  return R.softmax(this, d);
};
P.logSoftmax = function (d) {
  return R.logSoftmax(this, d);
};
P.reshape = function (s) {
  return S.reshape(this, s);
};
P.flatten = function (a, b) {
  return S.flatten(this, a, b);
};
P.transpose = function (d) {
  return S.transpose(this, d);
};
P.permute = function (d) {
  return S.permute(this, d);
};
P.flip = function (d) {
  return S.flip(this, d);
};
P.slice = function (s) {
  return S.slice(this, s);
};
P.squeeze = function (d) {
  return S.squeeze(this, d);
};
P.unsqueeze = function (d) {
  return S.unsqueeze(this, d);
};
P.pad = function (p, o) {
  return pad(this, p, o);
};
P.cast = function (d) {
  return cast(this, d);
};
Object.defineProperty(P, "T", {
  get(this: Tensor) {
    return S.transpose(this);
  },
});
