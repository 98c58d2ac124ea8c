/**
 * The webgpu backend's kernel table. Typed over every KernelName: a missing kernel is a compile error,
 * and a kernel without WGSL must say so with `{ notOnGpu: reason }` (listed in docs/webgpu.md's backend
 * matrix). Such a kernel throws on webgpu tensors; nothing silently runs on the cpu.
 */
import type { KernelFn, KernelTable } from "../../core/backend";
import { opError } from "../../core/errors";
import type { KernelName } from "../../core/kernels";
import { KERNEL_NAMES } from "../../core/kernels";
import { unaryWebgpu } from "../../ops/elementwise/webgpu/unary.webgpu";
import { binaryWebgpu, whereWebgpu } from "../../ops/elementwise/webgpu/binary.webgpu";
import { castWebgpu } from "../../ops/elementwise/webgpu/cast.webgpu";
import { viewWebgpu } from "../../ops/shape/webgpu/view.webgpu";
import { padWebgpu } from "../../ops/shape/webgpu/pad.webgpu";
import { concatWebgpu } from "../../ops/shape/webgpu/concat.webgpu";
import { reduceWebgpu, argReduceWebgpu } from "../../ops/reduce/webgpu/reduce.webgpu";
import { matmulWebgpu } from "../../ops/matmul/webgpu/matmul.webgpu";
import { gatherWebgpu, scatterAddWebgpu } from "../../ops/indexing/webgpu/gather.webgpu";
import { topkWebgpu } from "../../ops/indexing/webgpu/topk.webgpu";
import { convWebgpu, convTransposeWebgpu, convWeightGradWebgpu } from "../../ops/conv/webgpu/conv.webgpu";
import { unfoldWebgpu, foldWebgpu } from "../../ops/conv/webgpu/unfold.webgpu";
import { poolWebgpu, avgPoolGradWebgpu } from "../../ops/pool/webgpu/pool.webgpu";
import { fftWebgpu } from "../../ops/fft/webgpu/fft.webgpu";

export interface NotOnGpu {
  readonly notOnGpu: string;
}

export type WebgpuKernelTable = { readonly [K in KernelName]: KernelFn<K> | NotOnGpu };

export const webgpuKernelTable: WebgpuKernelTable = {
  unary: unaryWebgpu,
  binary: binaryWebgpu,
  where: whereWebgpu,
  cast: castWebgpu,
  view: viewWebgpu,
  reduce: reduceWebgpu,
  argReduce: argReduceWebgpu,
  matmul: matmulWebgpu,
  pad: padWebgpu,
  concat: concatWebgpu,
  gather: gatherWebgpu,
  scatterAdd: scatterAddWebgpu,
  topk: topkWebgpu,
  conv: convWebgpu,
  convTranspose: convTransposeWebgpu,
  convWeightGrad: convWeightGradWebgpu,
  unfold: unfoldWebgpu,
  fold: foldWebgpu,
  pool: poolWebgpu,
  avgPoolGrad: avgPoolGradWebgpu,
  fft: fftWebgpu,
};

/** Kernels declared without WGSL, with their reasons. */
export function kernelsNotOnGpu(): { kernel: KernelName; reason: string }[] {
  return KERNEL_NAMES.flatMap((k) => {
    const e = webgpuKernelTable[k];
    return "notOnGpu" in e ? [{ kernel: k, reason: e.notOnGpu }] : [];
  });
}

function entry<K extends KernelName>(k: K): KernelFn<K> {
  const e: KernelFn<K> | NotOnGpu = webgpuKernelTable[k];
  if (typeof e === "function") return e;
  return () => {
    throw opError(
      k,
      `expected a kernel with a WGSL implementation, got none on webgpu (${e.notOnGpu}); ` +
        `move the tensors with await t.to("cpu")`,
    );
  };
}

/** The complete table the Backend interface needs (declared gaps become functions that throw). */
export function webgpuKernels(): KernelTable {
  return {
    unary: entry("unary"),
    binary: entry("binary"),
    where: entry("where"),
    reduce: entry("reduce"),
    argReduce: entry("argReduce"),
    matmul: entry("matmul"),
    view: entry("view"),
    cast: entry("cast"),
    pad: entry("pad"),
    concat: entry("concat"),
    gather: entry("gather"),
    scatterAdd: entry("scatterAdd"),
    topk: entry("topk"),
    conv: entry("conv"),
    convTranspose: entry("convTranspose"),
    convWeightGrad: entry("convWeightGrad"),
    unfold: entry("unfold"),
    fold: entry("fold"),
    pool: entry("pool"),
    avgPoolGrad: entry("avgPoolGrad"),
    fft: entry("fft"),
  };
}
