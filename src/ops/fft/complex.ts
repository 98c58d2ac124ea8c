/**
 * Complex values as a pair of real tensors `{re, im}` of one shape (ARCHITECTURE: no complex dtype), and
 * the helpers the FFT family and users need. All are compositions of real ops, so gradients flow.
 *   complex(re, im)        z = re + i·im (broadcast to one shape)
 *   conj(z)                re − i·im
 *   complexMul(a, b)       (ar·br − ai·bi) + i·(ar·bi + ai·br)
 *   abs(z)                 |z| = √(re² + im²)     (abs of a real tensor is the elementwise |x|)
 *   angle(z)               atan2(im, re) ∈ (−π, π] (a real tensor: 0 or π, as numpy.angle)
 */
import { toTensor, type TensorLike } from "../../core/coerce";
import { describe, opError } from "../../core/errors";
import { broadcastShapes } from "../../core/shape";
import { isTensor, type Tensor } from "../../core/tensor";
import { zeros } from "../creation";
import { add, atan2, mul, sub } from "../elementwise/binary";
import { absReal, neg, sqrt, square } from "../elementwise/unary";
import { broadcastTo } from "../shape/view_ops";

export interface Complex {
  re: Tensor;
  im: Tensor;
}

/** true for `{re, im}` objects (a Tensor, an ndarray or a nested array is a real value) */
export function isComplex(x: unknown): x is Complex {
  return typeof x === "object" && x !== null && !isTensor(x) && "re" in x && "im" in x;
}

/** What FFT-family ops accept: a real tensor-like or a complex pair of tensor-likes. */
export type ComplexLike = TensorLike | Complex | { re: TensorLike; im: TensorLike };

/** complex(re, im): a Complex of broadcast shape; float dtypes only. */
export function complex(re: TensorLike, im: TensorLike, op = "complex"): Complex {
  let r = toTensor(op, "re", re);
  let i = toTensor(op, "im", im, r);
  if (r.dtype === "int32" || i.dtype === "int32")
    throw opError(op, `expected float re and im, got ${r.dtype} and ${i.dtype}`);
  const shape = broadcastShapes(op, r.shape, i.shape);
  r = broadcastTo(r, shape);
  i = broadcastTo(i, shape);
  return { re: r, im: i };
}

/** Any accepted value as a Complex (a real value gets a zero imaginary part of its dtype). */
export function toComplex(op: string, name: string, x: unknown): Complex {
  if (isComplex(x)) return complex(x.re, x.im, op);
  const re = realTensor(op, name, x);
  return { re, im: zerosLike(re) };
}

/** A real value as a float Tensor (the checks of toComplex, without making an imaginary part). */
export function realTensor(op: string, name: string, x: unknown): Tensor {
  if (x === null || x === undefined || typeof x === "string" || typeof x === "boolean") {
    throw opError(op, `expected ${name} as a Tensor or a Complex {re, im}, got ${describe(x)}`);
  }
  const re = toTensor(op, name, x);
  if (re.dtype === "int32") throw opError(op, `expected ${name} of a float dtype, got int32`);
  return re;
}

/** A broadcast scalar zero of t's shape: no memory, and the cpu fft kernel takes its real-input path. */
export function zerosLike(t: Tensor): Tensor {
  return broadcastTo(zeros([], { dtype: t.dtype }), t.shape);
}

export function conj(z: Complex | TensorLike): Complex {
  const c = toComplex("conj", "z", z);
  return { re: c.re, im: neg(c.im) };
}

export function complexMul(a: Complex | TensorLike, b: Complex | TensorLike): Complex {
  const x = toComplex("complexMul", "a", a),
    y = toComplex("complexMul", "b", b);
  return {
    re: sub(mul(x.re, y.re), mul(x.im, y.im)),
    im: add(mul(x.re, y.im), mul(x.im, y.re)),
  };
}

/** |z| for a Complex, |x| elementwise for a real tensor. */
export function abs(z: Complex | TensorLike): Tensor {
  if (!isComplex(z)) return absReal(z);
  const c = toComplex("abs", "z", z);
  return sqrt(add(square(c.re), square(c.im)));
}

/** The phase atan2(im, re). */
export function angle(z: Complex | TensorLike): Tensor {
  const c = toComplex("angle", "z", z);
  return atan2(c.im, c.re);
}

/** Real and imaginary parts (a real tensor's imaginary part is zeros). */
export function real(z: Complex | TensorLike): Tensor {
  return toComplex("real", "z", z).re;
}

export function imag(z: Complex | TensorLike): Tensor {
  return toComplex("imag", "z", z).im;
}
