/**
 * The bridge to the independent oracles: PyTorch 1.13 and SciPy (Debian's, under /usr/bin/python3).
 * Cases are batched: one python process computes every case of a test file (torch imports once).
 * Each case names an oracle op (test/oracle/oracle_ops/*.py registers them), its inputs as flat float64
 * data + shape, and plain-JSON attrs; the oracle answers a list of outputs per case.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export interface OracleArray {
  shape: number[];
  data: number[];
}

export interface OracleCase {
  op: string;
  inputs: Record<string, OracleArray>;
  attrs?: Record<string, unknown>;
}

export type OracleResult = { outputs: OracleArray[] } | { error: string };

export const ORACLE_PYTHON = process.env.CONVLAB_ORACLE_PYTHON ?? "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "..", "oracle", "oracle.py");

export function runOracle(cases: readonly OracleCase[]): OracleResult[] {
  const res = spawnSync(ORACLE_PYTHON, [SCRIPT], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    maxBuffer: 1 << 30,
    timeout: 300_000,
  });
  if (res.status !== 0) {
    throw new Error(`oracle failed (${ORACLE_PYTHON} ${SCRIPT}): exit ${res.status}\n${res.stderr}`);
  }
  return JSON.parse(res.stdout) as OracleResult[];
}

/** Array → oracle input, from any flat values and a shape. */
export function arr(data: ArrayLike<number>, shape: readonly number[]): OracleArray {
  return { shape: [...shape], data: Array.from(data) };
}
