/**
 * Which forward-conv algorithm runs on the wasm kernels, chosen per shape by measured cost (as
 * cudnn.benchmark does): the first call of a shape runs every candidate twice (three times when Winograd
 * competes), in turn (A B A B: the first run of each pays for memory first touched, which costs up to ~80 µs
 * per 4 KB page on the shared VM this was measured on), and keeps the one with the smaller time for every
 * later call of that shape. direct and im2col give the same bits (direct.ts sums in the im2col GEMM's
 * order), so a choice between them changes time only, never a value.
 *   direct: the implicit-GEMM kernel over a padded input (stride 1 along the innermost dim)
 *   im2col: column matrix + packed GEMM (any geometry)
 *   winograd: F(2×2, 3×3) for 3×3 kernels, stride 1, from 100 MFLOP (2.25x fewer multiplies; PyTorch's
 *             CPU convs use it too). Its values differ from the other two by float32 rounding (≈1e-6 relative), so it is
 *             "inexact": it is chosen only when it measured at least 20 % faster than the best exact
 *             candidate, a margin the noise of this measurement rarely crosses, so that the choice (and
 *             with it the last bits of a result) stays the same from run to run.
 * CONVLAB_CONV_ALGO=direct|im2col|winograd forces one where it applies; CONVLAB_DEBUG=conv prints each choice;
 * cl.backendInfo().cpu.convAlgos lists them.
 */
export type ConvAlgo = "direct" | "im2col" | "winograd";

export interface ConvAlgoChoice {
  /** the shape: kind, batch, channels, sizes, kernel, stride, dilation, padding, groups */
  shape: string;
  algo: ConvAlgo;
  /** the smaller of the two times each candidate took on the measuring call, ms (empty when only one applied or one was forced) */
  measuredMs: Partial<Record<ConvAlgo, number>>;
  how: "measured" | "only candidate" | "forced by CONVLAB_CONV_ALGO";
}

export interface Candidate<T = Float32Array> {
  algo: ConvAlgo;
  run: () => T;
  /** its values differ from the exact candidates' by rounding: it must win by INEXACT_MARGIN */
  inexact?: boolean;
}

/** How much faster an inexact candidate must measure than the best exact one to be chosen. */
export const INEXACT_MARGIN = 1.2;

const choices = new Map<string, ConvAlgoChoice>();

/**
 * Runs the chosen candidate for `shape` (measuring all of them on the first call). The measuring call
 * returns the chosen candidate's result: that of its last run when it ran last, otherwise of one more run
 * (a candidate may reuse memory an earlier one wrote its result to: conv.wasm.ts resets its arena per run,
 * so that the second round's timings do not include the first touch of fresh pages).
 */
export function runChosen<T>(shape: string, candidates: readonly Candidate<T>[]): T {
  const known = choices.get(shape);
  if (known) return (candidates.find((c) => c.algo === known.algo) ?? candidates[0]).run();
  const forced = process.env.CONVLAB_CONV_ALGO;
  const pick = candidates.find((c) => c.algo === forced);
  if (pick || candidates.length === 1) {
    const c = pick ?? candidates[0];
    record({ shape, algo: c.algo, measuredMs: {}, how: pick ? "forced by CONVLAB_CONV_ALGO" : "only candidate" });
    return c.run();
  }
  const measuredMs: Partial<Record<ConvAlgo, number>> = {};
  let last: T | undefined;
  // a third round when an inexact candidate competes: its margin must not be decided by a first round
  // that paid for the thread pool's start (the first parallel call of a process runs before its workers)
  const rounds = candidates.some((c) => c.inexact) ? 3 : 2;
  for (let round = 0; round < rounds; round++) {
    for (const c of candidates) {
      const t0 = performance.now();
      last = c.run();
      measuredMs[c.algo] = Math.min(measuredMs[c.algo] ?? Infinity, performance.now() - t0);
    }
  }
  const time = (c: Candidate<T>) => (measuredMs[c.algo] ?? Infinity) * (c.inexact ? INEXACT_MARGIN : 1);
  const best = candidates.reduce((a, b) => (time(b) < time(a) ? b : a));
  record({ shape, algo: best.algo, measuredMs, how: "measured" });
  return best === candidates[candidates.length - 1] && last !== undefined ? last : best.run();
}

function record(c: ConvAlgoChoice): void {
  choices.set(c.shape, c);
  if ((process.env.CONVLAB_DEBUG ?? "").split(",").includes("conv")) {
    const ms = Object.entries(c.measuredMs)
      .map(([a, t]) => `${a} ${t?.toFixed(2)} ms`)
      .join(", ");
    console.error(`convlab: ${c.shape}: ${c.algo} (${c.how}${ms ? `: ${ms}` : ""})`);
  }
}

/** Every choice made so far (cl.backendInfo().cpu.convAlgos). */
export function convAlgoChoices(): ConvAlgoChoice[] {
  return [...choices.values()];
}

/** Forgets every choice (tests that force each algorithm in turn). */
export function clearConvAlgoChoices(): void {
  choices.clear();
}
