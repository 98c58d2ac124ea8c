/**
 * The cpu backend's kernel table. `satisfies KernelTable` makes a missing kernel a compile error.
 */
import type { KernelTable } from "../../core/backend";
import { unaryCpu } from "../../ops/elementwise/unary.cpu";
import { binaryCpu, whereCpu } from "../../ops/elementwise/binary.cpu";
import { castCpu } from "../../ops/elementwise/cast.cpu";
import { reduceCpu, argReduceCpu } from "../../ops/reduce/reduce.cpu";
import { matmulCpu } from "../../ops/matmul/matmul.cpu";
import { viewCpu } from "../../ops/shape/view.cpu";
import { padCpu } from "../../ops/shape/pad.cpu";
import { concatCpu } from "../../ops/shape/concat.cpu";
import { gatherCpu, scatterAddCpu } from "../../ops/indexing/gather.cpu";
import { topkCpu } from "../../ops/indexing/topk.cpu";
import { convCpu, convTransposeCpu, convWeightGradCpu } from "../../ops/conv/conv.cpu";
import { unfoldCpu, foldCpu } from "../../ops/conv/unfold.cpu";
import { poolCpu, avgPoolGradCpu } from "../../ops/pool/pool.cpu";
import { fftCpu } from "../../ops/fft/fft.cpu";

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
