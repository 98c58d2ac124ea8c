/**
 * Element types. float32 is the default everywhere (the WebGPU backend computes in f32);
 * float64 exists on the cpu backend so it can serve as the reference for gradcheck and oracles;
 * int32 holds indices (argmax, pooling indices, top-k) and is consumed only by gather/scatter kernels.
 */
import { MIN_BYTES, newBuffer } from "./recycle";

export type DType = "float32" | "float64" | "int32";
export type FloatDType = "float32" | "float64";

export type TypedArray = Float32Array | Float64Array | Int32Array;
export type FloatArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ["float32", "float64", "int32"];

export function isDType(x: unknown): x is DType {
  return typeof x === "string" && (DTYPES as readonly string[]).includes(x);
}

/** n zeros of dtype; a large one over a buffer that dispose() may give back for reuse (core/recycle.ts). */
export function allocArray(dtype: DType, n: number): TypedArray {
  const big = n * (dtype === "float64" ? 8 : 4) >= MIN_BYTES;
  switch (dtype) {
    case "float32":
      return big ? new Float32Array(newBuffer(4 * n)) : new Float32Array(n);
    case "float64":
      return big ? new Float64Array(newBuffer(8 * n)) : new Float64Array(n);
    case "int32":
      return big ? new Int32Array(newBuffer(4 * n)) : new Int32Array(n);
  }
}

export function dtypeOfArray(a: TypedArray): DType {
  if (a instanceof Float64Array) return "float64";
  if (a instanceof Int32Array) return "int32";
  return "float32";
}

export function bytesPerElement(dtype: DType): number {
  return dtype === "float64" ? 8 : 4;
}

/** The result type of combining two operands: float64 wins, int32 alone stays int32. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") return "float32";
  return "int32";
}
