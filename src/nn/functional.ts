/**
 * Losses (`cl.nn.functional`), mean over the batch as PyTorch's default reduction:
 *   nllLoss(logp, labels)         = −(1/N) Σ_n logp[n, labels[n]]
 *   crossEntropy(logits, labels)  = nllLoss(logSoftmax(logits, 1), labels)   (stable: max subtracted first)
 *   mseLoss(x, target)            = (1/numel) Σ (x − target)²
 * labels: int32 tensor, number array or float tensor of class indices, shape (N).
 */
import { toTensor, type TensorLike } from "../core/coerce";
import { fromHost, run1 } from "../core/dispatch";
import { fmtShape, opError } from "../core/errors";
import { owned } from "../core/scope";
import { checkValues, isViolation, violationError } from "../core/value_check";
import type { Tensor } from "../core/tensor";
import { sub } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";
import { neg, square } from "../ops/elementwise/unary";
import { logSoftmax, mean } from "../ops/reduce/reduce";
import { reshape } from "../ops/shape/view_ops";

function isNumberArray(x: unknown): x is readonly number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

/**
 * Class labels as an int32 tensor of shape (N), checked to be whole numbers in [0, C): an out-of-range or
 * fractional label would otherwise be read as some other class (or as NaN on the GPU) and the loss would
 * silently be wrong. On webgpu the check runs on the device and the next read reports it.
 */
function labelIndices(op: string, labels: TensorLike | readonly number[], n: number, classes: number): Tensor {
  const range = { lo: 0, hi: classes, integer: true };
  let t: Tensor;
  if (isNumberArray(labels)) {
    const bad = labels.findIndex((v) => isViolation(v, range));
    if (bad >= 0) throw violationError({ op, what: "labels", range, dtype: "float64" }, labels[bad], bad);
    t = fromHost(Int32Array.from(labels), [labels.length], "int32");
  } else {
    t = toTensor(op, "labels", labels);
    if (t.rank !== 1 || t.shape[0] !== n)
      throw opError(op, `expected labels of shape [${n}], got ${fmtShape(t.shape)}`);
    checkValues(op, "labels", t, range);
    if (t.dtype !== "int32") t = cast(t, "int32");
  }
  if (t.rank !== 1 || t.shape[0] !== n) throw opError(op, `expected labels of shape [${n}], got ${fmtShape(t.shape)}`);
  return t;
}

export function nllLoss(logp: TensorLike, labels: TensorLike | readonly number[], op = "nllLoss"): Tensor {
  return owned(() => nll(op, toTensor(op, "logp", logp), labels));
}

function nll(op: string, x: Tensor, labels: TensorLike | readonly number[]): Tensor {
  if (x.rank !== 2) throw opError(op, `expected log-probabilities of shape (N, C), got ${fmtShape(x.shape)}`);
  const idx = labelIndices(op, labels, x.shape[0], x.shape[1]);
  const picked = run1("gather", [x, reshape(idx, [x.shape[0], 1])], { axis: 1 });
  return neg(mean(picked));
}

export function crossEntropy(logits: TensorLike, labels: TensorLike | readonly number[]): Tensor {
  const x = toTensor("crossEntropy", "logits", logits);
  if (x.rank !== 2) throw opError("crossEntropy", `expected logits of shape (N, C), got ${fmtShape(x.shape)}`);
  return owned(() => nll("crossEntropy", logSoftmax(x, 1), labels));
}

export function mseLoss(x: TensorLike, target: TensorLike): Tensor {
  const a = toTensor("mseLoss", "x", x),
    b = toTensor("mseLoss", "target", target, a);
  if (a.size !== b.size)
    throw opError(
      "mseLoss",
      `expected x and target of the same shape, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  return owned(() => mean(square(sub(a, reshape(b, a.shape)))));
}
