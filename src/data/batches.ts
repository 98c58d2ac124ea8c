/**
 * cl.data.batches(x, y, {batchSize, shuffle, seed, dropLast}): mini-batches [xb, yb] along axis 0.
 * Iterable many times: each pass (epoch) draws a new permutation from the batcher's own seeded Rng, so a
 * whole training run is reproducible. Rows are gathered on the host for cpu tensors and with the gather
 * kernel elsewhere.
 */
import { fromHost, run1 } from "../core/dispatch";
import { fmtShape, opError } from "../core/errors";
import { Rng } from "../core/random";
import { owned } from "../core/scope";
import type { Tensor } from "../core/tensor";
import { sizeOf } from "../core/shape";
import { broadcastTo, reshape } from "../ops/shape/view_ops";
import type { TypedArray } from "../core/dtype";
import { allocArray } from "../core/dtype";

export interface BatchOptions {
  batchSize: number;
  shuffle?: boolean;
  seed?: number;
  /** drop a last batch smaller than batchSize (default false) */
  dropLast?: boolean;
}

function rows(t: Tensor, host: TypedArray | null, idx: Int32Array): Tensor {
  const d = sizeOf(t.shape.slice(1));
  const shape = [idx.length, ...t.shape.slice(1)];
  if (host) {
    const out = allocArray(t.dtype, idx.length * d);
    for (let i = 0; i < idx.length; i++) out.set(host.subarray(idx[i] * d, idx[i] * d + d), i * d);
    return fromHost(out, shape, t.dtype);
  }
  return owned(() => {
    const ids = broadcastTo(fromHost(idx, [idx.length, 1], "int32"), [idx.length, d]);
    return reshape(run1("gather", [reshape(t, [t.shape[0], d]), ids], { axis: 0 }), shape);
  });
}

export function batches(x: Tensor, y: Tensor, opts: BatchOptions): Iterable<[Tensor, Tensor]> & { length: number } {
  const n = x.shape[0];
  if (y.shape[0] !== n)
    throw opError(
      "batches",
      `expected x and y with the same first dim, got ${fmtShape(x.shape)} and ${fmtShape(y.shape)}`,
    );
  const bs = opts?.batchSize;
  if (!Number.isInteger(bs) || bs <= 0) throw opError("batches", `expected a positive integer batchSize, got ${bs}`);
  const rng = new Rng(opts.seed ?? 0);
  const count = opts.dropLast ? Math.floor(n / bs) : Math.ceil(n / bs);
  const hostX = x.backend === "cpu" ? x.dataSync() : null,
    hostY = y.backend === "cpu" ? y.dataSync() : null;
  return {
    length: count,
    *[Symbol.iterator]() {
      const order = opts.shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
      for (let b = 0; b < count; b++) {
        const idx = order.subarray(b * bs, Math.min(n, (b + 1) * bs));
        yield [rows(x, hostX, idx), rows(y, hostY, idx)] as [Tensor, Tensor];
      }
    },
  };
}
