/**
 * Benchmark harness: every contender is measured in the same run, min and median of repeated runs,
 * printed as a table with GFLOP/s (where a flop count is known) and time ratios against a reference row.
 * Benchmarks print; they never assert.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export interface Timing {
  min: number;
  median: number;
  reps: number;
}

export interface TimeOptions {
  warmup?: number;
  /** stop after this many repetitions… */
  maxReps?: number;
  /** …or once this much time (ms) has been spent, whichever first (at least minReps) */
  budgetMs?: number;
  minReps?: number;
}

/** Times fn (sync or async) after warm-up; returns milliseconds. */
export async function timeIt(fn: () => unknown, opts: TimeOptions = {}): Promise<Timing> {
  const { warmup = 1, maxReps = 20, budgetMs = 3000, minReps = 3 } = opts;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < maxReps && (times.length < minReps || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { min: times[0], median: times[Math.floor(times.length / 2)], reps: times.length };
}

export interface Row {
  case: string;
  contender: string;
  timing: Timing | null;
  /** flops of one run, for GFLOP/s */
  flops?: number;
  note?: string;
}

const fmt = (ms: number) =>
  ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);

/**
 * Prints a markdown table grouped by case; `ratioTo` names the contender each ratio divides by
 * (ratio = its time / this row's time, so > 1 means this row is faster).
 */
export function printTable(title: string, rows: readonly Row[], ratioTo: readonly string[]): string {
  const lines = [
    `### ${title}`,
    "",
    `| case | contender | min ms | median ms | GFLOP/s | ${ratioTo.map((r) => `speed-up vs ${r}`).join(" | ")} |`,
    `|---|---|---:|---:|---:|${ratioTo.map(() => "---:").join("|")}|`,
  ];
  for (const r of rows) {
    const peers = ratioTo.map((name) => rows.find((p) => p.case === r.case && p.contender === name)?.timing ?? null);
    if (!r.timing) {
      lines.push(`| ${r.case} | ${r.contender} | n/a | n/a | | ${ratioTo.map(() => "").join(" | ")} | ${r.note ?? ""}`);
      continue;
    }
    const gf = r.flops ? (r.flops / (r.timing.min * 1e6)).toFixed(2) : "";
    const ratios = peers.map((p) => (p && r.timing ? `${(p.min / r.timing.min).toFixed(2)}x` : ""));
    lines.push(
      `| ${r.case} | ${r.contender} | ${fmt(r.timing.min)} | ${fmt(r.timing.median)} | ${gf} | ${ratios.join(" | ")} |${r.note ? ` ${r.note}` : ""}`,
    );
  }
  const text = lines.join("\n");
  console.log(text + "\n");
  return text;
}

/**
 * PyTorch CPU reference timings (Debian python3-torch, 2 threads) for cases described as in torch_ref.py:
 * {kind: "conv2d" | "conv1d" | "conv2d_dx" | "conv2d_dw" | "maxpool2d" | "fft" | "fft_batch" | "rfft2", x, w, padding}.
 */
export function torchTimes(cases: readonly object[]): (Timing | null)[] {
  const r = spawnSync("/usr/bin/python3", [path.join(__dirname, "torch_ref.py")], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) {
    console.error(`PyTorch reference failed: ${r.stderr}`);
    return cases.map(() => null);
  }
  return (JSON.parse(r.stdout) as { min: number; median: number }[]).map((t) => ({ ...t, reps: 0 }));
}
