/**
 * Elementwise and shape layers, Linear, Dropout and Embedding.
 *   Linear:    y = x·Wᵀ + b, W (out, in), PyTorch init
 *   Dropout:   training: y = x·m/(1−p), m ~ Bernoulli(1−p) from the layer's own seeded Rng (reproducible);
 *              eval: y = x
 *   Embedding: y[..., :] = W[idx[...], :], W ~ N(0, 1); its gradient scatter-adds rows (repeated ids sum)
 */
import { toTensor } from "../core/coerce";
import { fromHost, run1 } from "../core/dispatch";
import { fmtShape, opError } from "../core/errors";
import type { Rng } from "../core/random";
import type { Tensor } from "../core/tensor";
import { add, mul } from "../ops/elementwise/binary";
import { cast } from "../ops/elementwise/cast";
import { relu, sigmoid, tanh } from "../ops/elementwise/unary";
import { matmul } from "../ops/matmul/matmul";
import { broadcastTo, flatten, reshape, transpose } from "../ops/shape/view_ops";
import { moduleRng, parameter, uniformParameter } from "./init";
import { Module, libraryModules } from "./module";

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}

export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: { bias?: boolean; seed?: number } = {},
  ) {
    super();
    if (![inFeatures, outFeatures].every((v) => Number.isInteger(v) && v > 0)) {
      throw opError("Linear", `expected positive integer in/out features, got ${inFeatures}, ${outFeatures}`);
    }
    const rng = moduleRng(opts.seed),
      bound = 1 / Math.sqrt(inFeatures);
    this.weight = uniformParameter([outFeatures, inFeatures], bound, rng);
    this.bias = opts.bias === false ? null : uniformParameter([outFeatures], bound, rng);
  }
  forward(x: Tensor): Tensor {
    if (x.shape[x.rank - 1] !== this.inFeatures) {
      throw opError("Linear", `expected x with last dim ${this.inFeatures}, got shape ${fmtShape(x.shape)}`);
    }
    const y = matmul(x, transpose(this.weight));
    return this.bias ? add(y, this.bias) : y;
  }
  protected override extraRepr(): string {
    return `${this.inFeatures}, ${this.outFeatures}`;
  }
}

export class Dropout extends Module {
  private readonly rng: Rng;
  constructor(
    readonly p = 0.5,
    opts: { seed?: number } = {},
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw opError("Dropout", `expected p in [0, 1), got ${p}`);
    this.rng = moduleRng(opts.seed);
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const keep = 1 - this.p;
    const m = new Float32Array(x.size);
    for (let i = 0; i < m.length; i++) m[i] = this.rng.uniform() < keep ? 1 / keep : 0;
    return mul(
      x,
      fromHost(
        x.dtype === "float64" ? Float64Array.from(m) : m,
        x.shape,
        x.dtype === "float64" ? "float64" : "float32",
      ),
    );
  }
  protected override extraRepr(): string {
    return `p=${this.p}`;
  }
}

export class Embedding extends Module {
  weight: Tensor;
  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    opts: { seed?: number } = {},
  ) {
    super();
    this.weight = parameter([numEmbeddings, embeddingDim], (r) => r.normal(), moduleRng(opts.seed));
  }
  forward(idx: Tensor): Tensor {
    const ids = idx.dtype === "int32" ? idx : cast(toTensor("Embedding", "idx", idx), "int32");
    const n = ids.size,
      d = this.embeddingDim;
    const rows = broadcastTo(reshape(ids, [n, 1]), [n, d]);
    return reshape(run1("gather", [this.weight, rows], { axis: 0 }), [...ids.shape, d]);
  }
  protected override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}`;
  }
}

libraryModules(ReLU, Tanh, Sigmoid, Flatten, Linear, Dropout, Embedding);
