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
import { isTensor, type Tensor } from "../core/tensor";
import { sub } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";
import { neg, square } from "../ops/elementwise/unary";
import { logSoftmax, mean } from "../ops/reduce/reduce";
import { reshape } from "../ops/shape/view_ops";

function isNumberArray(x: unknown): x is readonly number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

function labelIndices(op: string, labels: TensorLike | readonly number[], n: number, classes: number): Tensor {
  let t: Tensor;
  if (isTensor(labels)) t = labels.dtype === "int32" ? labels : cast(labels, "int32");
  else if (isNumberArray(labels)) {
    if (labels.some((v) => !Number.isInteger(v) || v < 0 || v >= classes)) {
      throw opError(op, `expected labels as integers in [0, ${classes}), got ${JSON.stringify(labels.slice(0, 8))}…`);
    }
    t = fromHost(Int32Array.from(labels), [labels.length], "int32");
  } else t = cast(toTensor(op, "labels", labels), "int32");
  if (t.rank !== 1 || t.shape[0] !== n) throw opError(op, `expected labels of shape [${n}], got ${fmtShape(t.shape)}`);
  return t;
}

export function nllLoss(logp: TensorLike, labels: TensorLike | readonly number[], op = "nllLoss"): Tensor {
  const x = toTensor(op, "logp", logp);
  if (x.rank !== 2) throw opError(op, `expected log-probabilities of shape (N, C), got ${fmtShape(x.shape)}`);
  const idx = labelIndices(op, labels, x.shape[0], x.shape[1]);
  const picked = run1("gather", [x, reshape(idx, [x.shape[0], 1])], { axis: 1 });
  return neg(mean(picked));
}

export function crossEntropy(logits: TensorLike, labels: TensorLike | readonly number[]): Tensor {
  const x = toTensor("crossEntropy", "logits", logits);
  if (x.rank !== 2) throw opError("crossEntropy", `expected logits of shape (N, C), got ${fmtShape(x.shape)}`);
  return nllLoss(logSoftmax(x, 1), labels, "crossEntropy");
}

export function mseLoss(x: TensorLike, target: TensorLike): Tensor {
  const a = toTensor("mseLoss", "x", x), b = toTensor("mseLoss", "target", target, a);
  if (a.size !== b.size) throw opError("mseLoss", `expected x and target of the same shape, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  return mean(square(sub(a, reshape(b, a.shape))));
}
