/**
 * cpu kernels of `reduce` and `argReduce`. The input is viewed with the kept axes first and the reduced
 * axes last (a transpose, no copy), copied once to that order, and each contiguous run of R values is
 * reduced with a float64 accumulator.
 */
import ndarray from "ndarray";
import ops from "ndarray-ops";
import { allocArray } from "../../../core/dtype";
import type { KernelFn } from "../../../core/backend";
import type { ArgReduceOp, ReduceOp } from "../../../core/kernels";
import { sizeOf } from "../../../core/shape";
import type { Tensor } from "../../../core/tensor";
import { cpuArray, cpuFromData, dense, isContiguous } from "../../../backends/cpu/cpu_storage";
import { reduceSumWasm } from "./reduce.wasm";
import { denseRuns } from "./reduce_runs.cpu";

/** Values ordered [kept..., reduced...] as a row-major array, with the outer and inner sizes. */
function regroup(x: Tensor, axes: readonly number[]): { vals: Float64Array; outer: number; inner: number } {
  const a = cpuArray(x);
  const kept = a.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const t = a.transpose(...perm);
  const vals = new Float64Array(sizeOf(a.shape));
  if (vals.length > 0)
    ops.assign(ndarray(vals, t.shape.length ? t.shape : [1]), t.shape.length ? t : ndarray(a.data, [1], [0], a.offset));
  const inner = sizeOf(axes.map((d) => a.shape[d]));
  return { vals, outer: sizeOf(kept.map((d) => a.shape[d])), inner };
}

function outShape(shape: readonly number[], axes: readonly number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

const INIT: { readonly [K in ReduceOp]: number } = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/**
 * Reduction of a dense input without the transposing copy of regroup(): the input is walked once in
 * memory order as runs of (kept, reduced) dims merged where adjacent, accumulating into one float64 per
 * output. Each output still sees its values in the reduced axes' row-major order, as in the loop below,
 * so the results are the same; the copy to float64 of the whole input (measured 4.6 ms for the bias
 * gradient of a 32x6x28x28 conv output) is gone. Sum and prod only (max/min stop early at a NaN);
 * large float32 sums on the wasm kernel (reduce.wasm.ts), the same walk and order.
 */
function reduceDense(
  src: ArrayLike<number>,
  shape: readonly number[],
  axes: readonly number[],
  op: "sum" | "prod",
  out: Float64Array,
): void {
  const runs = denseRuns(shape, axes);
  out.fill(op === "sum" ? 0 : 1);
  const walk = (r: number, i: number, o: number): void => {
    if (r === runs.length - 1) {
      const n = runs[r].n;
      if (runs[r].reduced) {
        let acc = out[o];
        if (op === "sum") for (let k = 0; k < n; k++) acc += src[i + k];
        else for (let k = 0; k < n; k++) acc *= src[i + k];
        out[o] = acc;
      } else if (op === "sum") for (let k = 0; k < n; k++) out[o + k] += src[i + k];
      else for (let k = 0; k < n; k++) out[o + k] *= src[i + k];
      return;
    }
    for (let k = 0; k < runs[r].n; k++) walk(r + 1, i + k * runs[r].inS, o + k * runs[r].outS);
  };
  if (runs.length === 0) out[0] = op === "sum" ? 0 + src[0] : 1 * src[0];
  else if (!(op === "sum" && src instanceof Float32Array && reduceSumWasm(src, runs, out))) walk(0, 0, 0);
}

export const reduceCpu: KernelFn<"reduce"> = ([x], { op, axes, keepDims }) => {
  if ((op === "sum" || op === "prod") && x.size > 0 && isContiguous(cpuArray(x))) {
    const acc = new Float64Array(sizeOf(x.shape.filter((_, d) => !axes.includes(d))));
    reduceDense(dense(x), x.shape, axes, op, acc);
    const out = allocArray(x.dtype, acc.length);
    out.set(x.dtype === "int32" ? acc.map(Math.trunc) : acc);
    return [cpuFromData(out, outShape(x.shape, axes, keepDims), x.dtype)];
  }
  const { vals, outer, inner } = regroup(x, axes);
  const out = allocArray(x.dtype, outer);
  for (let o = 0; o < outer; o++) {
    let acc = INIT[op];
    const base = o * inner;
    switch (op) {
      case "sum":
        for (let i = 0; i < inner; i++) acc += vals[base + i];
        break;
      case "prod":
        for (let i = 0; i < inner; i++) acc *= vals[base + i];
        break;
      // NaN wins, as in torch.max / torch.amax
      case "max":
        for (let i = 0; i < inner; i++) {
          const v = vals[base + i];
          if (v > acc || v !== v) acc = v;
          if (acc !== acc) break;
        }
        break;
      case "min":
        for (let i = 0; i < inner; i++) {
          const v = vals[base + i];
          if (v < acc || v !== v) acc = v;
          if (acc !== acc) break;
        }
        break;
    }
    out[o] = acc;
  }
  return [cpuFromData(out, outShape(x.shape, axes, keepDims), x.dtype)];
};

/** v replaces the best so far: one comparison per argReduce op (a new op without one does not compile) */
const BETTER: { readonly [P in ArgReduceOp]: (v: number, best: number) => boolean } = {
  argmax: (v, b) => v > b,
  argmin: (v, b) => v < b,
};

export const argReduceCpu: KernelFn<"argReduce"> = ([x], { op, axis, keepDims }) => {
  const { vals, outer, inner } = regroup(x, [axis]);
  const out = new Int32Array(outer);
  const better = BETTER[op];
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    let best = vals[base],
      bi = 0;
    for (let i = 1; i < inner && best === best; i++) {
      const v = vals[base + i];
      if (better(v, best) || v !== v) {
        best = v;
        bi = i;
      }
    }
    out[o] = bi;
  }
  return [cpuFromData(out, outShape(x.shape, [axis], keepDims), "int32")];
};
