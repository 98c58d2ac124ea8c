/**
 * The cpu backend's kernel table. `satisfies KernelTable` makes a missing kernel a compile error.
 */
import type { KernelTable } from "../../core/backend";
import { unaryCpu } from "../../ops/elementwise/cpu/unary.cpu";
import { binaryCpu, whereCpu } from "../../ops/elementwise/cpu/binary.cpu";
import { castCpu } from "../../ops/elementwise/cpu/cast.cpu";
import { reduceCpu, argReduceCpu } from "../../ops/reduce/cpu/reduce.cpu";
import { matmulCpu } from "../../ops/matmul/cpu/matmul.cpu";
import { viewCpu } from "../../ops/shape/cpu/view.cpu";
import { padCpu } from "../../ops/shape/cpu/pad.cpu";
import { concatCpu } from "../../ops/shape/cpu/concat.cpu";
import { gatherCpu, scatterAddCpu } from "../../ops/indexing/cpu/gather.cpu";
import { topkCpu } from "../../ops/indexing/cpu/topk.cpu";
import { convCpu, convTransposeCpu, convWeightGradCpu } from "../../ops/conv/cpu/conv.cpu";
import { unfoldCpu, foldCpu } from "../../ops/conv/cpu/unfold.cpu";
import { poolCpu, avgPoolGradCpu } from "../../ops/pool/cpu/pool.cpu";
import { fftCpu } from "../../ops/fft/cpu/fft.cpu";

export const cpuKernels = {
  unary: unaryCpu,
  binary: binaryCpu,
  where: whereCpu,
  cast: castCpu,
  reduce: reduceCpu,
  argReduce: argReduceCpu,
  matmul: matmulCpu,
  view: viewCpu,
  pad: padCpu,
  concat: concatCpu,
  gather: gatherCpu,
  scatterAdd: scatterAddCpu,
  topk: topkCpu,
  conv: convCpu,
  convTranspose: convTransposeCpu,
  convWeightGrad: convWeightGradCpu,
  unfold: unfoldCpu,
  fold: foldCpu,
  pool: poolCpu,
  avgPoolGrad: avgPoolGradCpu,
  fft: fftCpu,
} satisfies KernelTable;
