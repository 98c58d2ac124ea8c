/**
 * How large a tensor a backend can hold, checked before a kernel allocates: an op whose output would not fit
 * fails with a message naming the op and the bytes it would need, never with a raw RangeError from deep in a
 * kernel (or, worse, an allocation the machine cannot back).
 */
import { totalmem } from "node:os";
import { currentBackendName, getBackendImpl, hasBackend, type BackendName } from "./backend";
import { bytesPerElement, type DType } from "./dtype";
import { fmtShape, opError } from "./errors";
import { sizeOf } from "./shape";

/** The largest typed array Node allocates (elements), and the machine's memory (bytes). */
const MAX_TYPED_ARRAY_LENGTH = 2 ** 32;

/** Bytes one tensor may occupy on a backend. */
export function maxTensorBytes(backend: BackendName, dtype: DType): number {
  if (backend === "cpu") return Math.min(MAX_TYPED_ARRAY_LENGTH * bytesPerElement(dtype), totalmem());
  return hasBackend(backend) ? getBackendImpl(backend).maxTensorBytes : Infinity;
}

const fmtBytes = (b: number): string =>
  b >= 1e9 ? `${(b / 1e9).toPrecision(3)} GB` : `${(b / 1e6).toPrecision(3)} MB`;

/** Throws `op: expected an output that fits in memory, got …` when shape would not fit. */
export function checkAlloc(
  op: string,
  what: string,
  shape: readonly number[],
  dtype: DType,
  backend = currentBackendName(),
): void {
  // float64 is stored as float32 on the GPU; the cpu backend stores what it is given
  const bytes = sizeOf(shape) * (backend === "cpu" ? bytesPerElement(dtype) : 4);
  const limit = maxTensorBytes(backend, dtype);
  if (bytes > limit) {
    throw opError(
      op,
      `expected ${what} that fits in memory, got shape ${fmtShape(shape)}: ${sizeOf(shape).toExponential(2)} ` +
        `${dtype} values needing ${bytes.toLocaleString("en-US")} bytes (${fmtBytes(bytes)}), more than the ` +
        `${fmtBytes(limit)} one tensor can hold on the ${backend} backend`,
    );
  }
}

/** Runs a kernel call, turning a failed allocation inside it into an error that names the public op. */
export function guardAlloc<T>(op: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /array|buffer|allocation/i.test(e.message)) {
      throw opError(op, `expected its work to fit in memory, got an allocation that failed (${e.message})`);
    }
    throw e;
  }
}
