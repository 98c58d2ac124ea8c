/**
 * webgpu kernels of `reduce` and `argReduce`. The reduced axes are moved last (a strided copy, skipped
 * when they already are), so every output element reduces one contiguous row. Many or short rows: one
 * invocation per row; few long rows: one workgroup per row; a handful of very long rows (a full sum of a
 * large tensor): two passes over chunks, so that every core has work.
 */
import type { KernelFn } from "../../../core/backend";
import type { ReduceOp } from "../../../core/kernels";
import { contiguousStrides, sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { viewWebgpu } from "../../shape/webgpu/view.webgpu";
import { argReduceDecl, reduceGroupDecl, reduceRowDecl } from "./reduce.wgsl";

const INIT: { readonly [K in ReduceOp]: number } = { sum: 0, prod: 1, max: -Infinity, min: Infinity };
const CHUNK = 8192;

/** x with the `axes` moved last, as a contiguous tensor (x itself when no move is needed). */
function rowsOf(x: Tensor, axes: readonly number[]): { rows: Tensor; outer: number; inner: number } {
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const perm = [...kept, ...axes];
  const outer = sizeOf(kept.map((d) => x.shape[d])),
    inner = sizeOf(axes.map((d) => x.shape[d]));
  if (perm.every((d, k) => d === k)) return { rows: x, outer, inner };
  const cs = contiguousStrides(x.shape);
  const [rows] = viewWebgpu([x], { shape: perm.map((d) => x.shape[d]), strides: perm.map((d) => cs[d]), offset: 0 });
  return { rows, outer, inner };
}

function outShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/** Reduces rows of `inner` values of `x` into `y` (chunks > 1: `rows` partial results per row). */
function reduceRows(
  op: ReduceOp,
  x: Tensor,
  y: Tensor,
  rows: number,
  inner: number,
  chunks: number,
  group: boolean,
): void {
  const r = gpuRuntime();
  const chunkLen = Math.ceil(inner / chunks);
  const values = { rows: rows * chunks, chunks, chunkLen, inner, init: INIT[op] };
  if (group) {
    const p = buildProgram(reduceGroupDecl(op, wgslType(x.dtype), wgslType(y.dtype)));
    r.run(p, [gpuBuffer(x), gpuBuffer(y)], values, r.flatDispatch("reduce", rows * chunks, 1));
  } else {
    const p = buildProgram(reduceRowDecl(op, wgslType(x.dtype), wgslType(y.dtype)));
    r.run(p, [gpuBuffer(x), gpuBuffer(y)], { total: rows * chunks, ...values });
  }
}

export const reduceWebgpu: KernelFn<"reduce"> = ([x], { op, axes, keepDims }) => {
  const { rows, outer, inner } = rowsOf(x, axes);
  const y = gpuEmpty(outShape(x.shape, axes, keepDims), x.dtype);
  if (outer >= 256 || inner <= 64) reduceRows(op, rows, y, outer, inner, 1, false);
  else if (outer < 16 && inner > 8 * CHUNK) {
    const chunks = Math.ceil(inner / CHUNK);
    const partial = gpuEmpty([outer * chunks], "float32");
    reduceRows(op, rows, partial, outer, inner, chunks, true);
    reduceRows(op, partial, y, outer, chunks, 1, true);
    partial.dispose();
  } else reduceRows(op, rows, y, outer, inner, 1, true);
  if (rows !== x) rows.dispose();
  return [y];
};

export const argReduceWebgpu: KernelFn<"argReduce"> = ([x], { op, axis, keepDims }) => {
  const { rows, outer, inner } = rowsOf(x, [axis]);
  const y = gpuEmpty(outShape(x.shape, [axis], keepDims), "int32");
  gpuRuntime().run(buildProgram(argReduceDecl(op, wgslType(x.dtype))), [gpuBuffer(rows), gpuBuffer(y)], {
    total: outer,
    inner,
  });
  if (rows !== x) rows.dispose();
  return [y];
};
