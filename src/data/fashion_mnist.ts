/**
 * cl.data.fashionMnist({split, limit}): the 70,000 Fashion-MNIST images (60,000 train / 10,000 test,
 * 28×28, 10 clothing classes) from Debian's `dataset-fashion-mnist` package when it is installed
 * (IDX files, gzip, under /usr/share/datasets/fashion-mnist). Same layout as cl.data.mnist.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { fromHost } from "../core/dispatch";
import { opError } from "../core/errors";
import type { Dataset } from "./mnist";

export interface FashionMnistOptions {
  split?: "train" | "test";
  limit?: number;
  /** where the IDX files are (default: Debian's location) */
  dir?: string;
}

export const FASHION_MNIST_CLASSES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];

function readIdx(file: string): { dims: number[]; bytes: Uint8Array } {
  const buf = gunzipSync(fs.readFileSync(file));
  const rank = buf[3];
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  return {
    dims,
    bytes: new Uint8Array(
      buf.buffer,
      buf.byteOffset + 4 + 4 * rank,
      dims.reduce((a, b) => a * b, 1),
    ),
  };
}

export function fashionMnist(opts: FashionMnistOptions = {}): Dataset {
  const dir = opts.dir ?? "/usr/share/datasets/fashion-mnist";
  const prefix = (opts.split ?? "train") === "train" ? "train" : "t10k";
  const imgFile = path.join(dir, `${prefix}-images-idx3-ubyte.gz`);
  if (!fs.existsSync(imgFile)) {
    throw opError(
      "fashionMnist",
      `expected Debian's dataset-fashion-mnist files in ${dir} (apt install dataset-fashion-mnist), got no ${path.basename(imgFile)}`,
    );
  }
  const img = readIdx(imgFile),
    lab = readIdx(path.join(dir, `${prefix}-labels-idx1-ubyte.gz`));
  const n = Math.min(img.dims[0], opts.limit ?? Infinity);
  const [h, w] = [img.dims[1], img.dims[2]];
  const x = new Float32Array(n * h * w);
  for (let i = 0; i < x.length; i++) x[i] = img.bytes[i] / 255;
  const labels = Int32Array.from(lab.bytes.subarray(0, n));
  return { x: fromHost(x, [n, 1, h, w], "float32"), y: fromHost(labels.slice(), [n], "int32"), labels };
}
