/**
 * The gradient registry: one rule per primitive kernel, typed so that a kernel without a rule is a
 * compile error. Because every public op is a composition of these kernels, every public op is
 * differentiable. `withGradRule` swaps one rule for the duration of a call: notebooks use it to plug in
 * a hand-written backward pass and check it with gradcheck (and the tests use it for a wrong rule).
 */
import type { KernelName } from "../core/kernels";
import { unaryGrad } from "../ops/elementwise/grad/unary.grad";
import { binaryGrad, whereGrad } from "../ops/elementwise/grad/binary.grad";
import { castGrad } from "../ops/elementwise/grad/cast.grad";
import { argReduceGrad, reduceGrad } from "../ops/reduce/grad/reduce.grad";
import { matmulGrad } from "../ops/matmul/grad/matmul.grad";
import { viewGrad } from "../ops/shape/grad/view.grad";
import { padGrad } from "../ops/shape/grad/pad.grad";
import { concatGrad } from "../ops/shape/grad/concat.grad";
import { gatherGrad, scatterAddGrad, topkGrad } from "../ops/indexing/grad/gather.grad";
import { convGrad, convTransposeGrad, convWeightGradGrad } from "../ops/conv/grad/conv.grad";
import { foldGrad, unfoldGrad } from "../ops/conv/grad/unfold.grad";
import { avgPoolGradGrad, poolGrad } from "../ops/pool/grad/pool.grad";
import { fftGrad } from "../ops/fft/grad/fft.grad";
import type { GradRule, GradRuleTable } from "../core/grad_rule";

/** The built-in rules (exported for the type-level tests of the kernel contract). */
export const gradRules = {
  unary: unaryGrad,
  binary: binaryGrad,
  where: whereGrad,
  reduce: reduceGrad,
  argReduce: argReduceGrad,
  matmul: matmulGrad,
  view: viewGrad,
  cast: castGrad,
  pad: padGrad,
  concat: concatGrad,
  gather: gatherGrad,
  scatterAdd: scatterAddGrad,
  topk: topkGrad,
  conv: convGrad,
  convTranspose: convTransposeGrad,
  convWeightGrad: convWeightGradGrad,
  unfold: unfoldGrad,
  fold: foldGrad,
  pool: poolGrad,
  avgPoolGrad: avgPoolGradGrad,
  fft: fftGrad,
} satisfies GradRuleTable;

/** The rules in force: the built-in ones, with those that `withGradRule` put in place. */
let active: GradRuleTable = gradRules;

export function gradRule<K extends KernelName>(kernel: K): GradRule<K> {
  return active[kernel];
}

/**
 * Runs fn (sync or async) with `rule` in place of the built-in gradient of `kernel`, restoring it after.
 * Example: check a hand-written backward pass of the conv kernel with `gradcheck`.
 */
export function withGradRule<K extends KernelName, T>(kernel: K, rule: GradRule<K>, fn: () => T): T {
  const prev: GradRule<K> = active[kernel];
  active = { ...active, [kernel]: rule };
  // restores this kernel's rule only: a withGradRule of another kernel may still be running (async)
  const restore = () => {
    active = { ...active, [kernel]: prev };
  };
  let result: T;
  try {
    result = fn();
  } catch (e) {
    restore();
    throw e;
  }
  if (result instanceof Promise) {
    return result.finally(restore) as T;
  }
  restore();
  return result;
}
