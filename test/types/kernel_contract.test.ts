/**
 * The kernel contract, checked by the compiler. `npm run typecheck` (scripts/test.sh) type-checks this file:
 * every line under a `@ts-expect-error` must fail to compile, or the check fails ("unused directive"). So
 * each block below shows one mistake that the contract turns into a compile error. At run time the file
 * only confirms that the real tables are complete.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { KernelFn, KernelTable } from "../../src/core/backend";
import type { GradRule, GradRuleTable } from "../../src/core/grad_rule";
import { KERNEL_NAMES, type PoolKind } from "../../src/core/kernels";
import { cpuKernels } from "../../src/backends/cpu/cpu_kernels";
import { webgpuKernelTable, type WebgpuKernelTable } from "../../src/backends/webgpu/webgpu_kernels";
import { gradRules } from "../../src/autograd/rules";
import { poolForwardsTs, type PoolForwardsTs } from "../../src/ops/pool/cpu/pool.cpu";
import { poolKindsWgsl, type PoolKindsWgsl } from "../../src/ops/pool/webgpu/pool.wgsl";
import { poolGradients, type PoolGradients } from "../../src/ops/pool/grad/pool.grad";

// 1. A kernel missing on a backend: the tables are typed over every KernelName.
const { pool: _pool, ...cpuWithoutPool } = cpuKernels;
// @ts-expect-error — a cpu table without `pool` is not a KernelTable
const _cpuIncomplete: KernelTable = cpuWithoutPool;
const { fft: _fft, ...webgpuWithoutFft } = webgpuKernelTable;
// @ts-expect-error — a webgpu table without `fft` (neither a kernel nor a declared gap) does not compile
const _webgpuIncomplete: WebgpuKernelTable = webgpuWithoutFft;

// 2. A kernel without a gradient rule.
const { conv: _conv, ...rulesWithoutConv } = gradRules;
// @ts-expect-error — a rule table without `conv` is not a GradRuleTable
const _rulesIncomplete: GradRuleTable = rulesWithoutConv;

// 3. A new pooling kind without a forward or a gradient. The per-kind tables are typed over PoolKind, so
// every kind needs an entry in each of them…
// @ts-expect-error — a cpu forward table without `avg`
const _noAvgForward: PoolForwardsTs = { max: poolForwardsTs.max };
// @ts-expect-error — a WGSL table without `avg`
const _noAvgWgsl: PoolKindsWgsl = { max: poolKindsWgsl.max };
// @ts-expect-error — a gradient table without `max`
const _noMaxGradient: PoolGradients = { avg: poolGradients.avg };
// …and the tables hold exactly today's kinds: a kind added to PoolKindOutputs ("median") finds no entry.
type WithMedian = PoolKind | "median";
// @ts-expect-error — no cpu forward for "median"
const _medianForward: Record<WithMedian, unknown> = poolForwardsTs;
// @ts-expect-error — no WGSL for "median"
const _medianWgsl: Record<WithMedian, unknown> = poolKindsWgsl;
// @ts-expect-error — no gradient for "median"
const _medianGradient: Record<WithMedian, unknown> = poolGradients;

// 4. A rule returning the wrong number of cotangents (one per declared input).
// @ts-expect-error — binary has two inputs (a, b): one cotangent is too few
const _tooFew: GradRule<"binary"> = ({ dys }) => [dys[0]];
// @ts-expect-error — unary has one input (x): two cotangents are too many
const _tooMany: GradRule<"unary"> = ({ dys }) => [dys[0], null];
const _rightCount: GradRule<"binary"> = ({ dys }) => [dys[0], null];

// 5. A kernel returning the wrong outputs or reading an input it does not declare.
// @ts-expect-error — fft returns [re, im]
const _oneOutput: KernelFn<"fft"> = ([re]) => [re];
// @ts-expect-error — unary declares one input: there is no second one to read
const _readsTwo: KernelFn<"unary"> = ([, b]) => [b];

test("the kernel contract's tables are complete", () => {
  const names = [...KERNEL_NAMES].sort();
  assert.deepEqual(Object.keys(cpuKernels).sort(), names);
  assert.deepEqual(Object.keys(webgpuKernelTable).sort(), names);
  assert.deepEqual(Object.keys(gradRules).sort(), names);
  const kinds: PoolKind[] = ["avg", "max"];
  for (const table of [poolForwardsTs, poolKindsWgsl, poolGradients])
    assert.deepEqual(Object.keys(table).sort(), kinds);
  void [
    _pool,
    _cpuIncomplete,
    _fft,
    _webgpuIncomplete,
    _conv,
    _rulesIncomplete,
    _noAvgForward,
    _noAvgWgsl,
    _noMaxGradient,
  ];
  void [_medianForward, _medianWgsl, _medianGradient, _tooFew, _tooMany, _rightCount, _oneOutput, _readsTwo];
});
