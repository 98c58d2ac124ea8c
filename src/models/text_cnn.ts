/**
 * TextCNN (Kim 2014; Kalchbrenner et al. 2014 for k-max): token ids (N, L) → embedding (N, L, E) →
 * (N, E, L) → one Conv1d per width (ReLU) → max-over-time (k = 1) or k-max pooling (k largest in their
 * order) → concatenated features → dropout → Linear → class logits.
 */
import { nextDefaultSeed } from "../core/random";
import type { Tensor } from "../core/tensor";
import { relu } from "../ops/elementwise/unary";
import { concat } from "../ops/shape/concat";
import { flatten, swapaxes } from "../ops/shape/view_ops";
import { kMaxPool1d } from "../ops/pool";
import { Conv1d } from "../nn/conv_layers";
import { Dropout, Embedding, Linear } from "../nn/layers";
import { Module, libraryModules } from "../nn/module";

export interface TextCnnOptions {
  vocabSize: number;
  embedDim?: number;
  widths?: readonly number[];
  filters?: number;
  classes?: number;
  /** k of k-max pooling over time (1 = max-over-time) */
  k?: number;
  dropout?: number;
  seed?: number;
}

export class TextCNN extends Module {
  embedding: Embedding;
  convs: Conv1d[];
  dropout: Dropout;
  fc: Linear;
  readonly k: number;
  constructor(o: TextCnnOptions) {
    super();
    const s = o.seed ?? nextDefaultSeed();
    const e = o.embedDim ?? 32,
      widths = o.widths ?? [3, 4, 5],
      f = o.filters ?? 16;
    this.k = o.k ?? 1;
    this.embedding = new Embedding(o.vocabSize, e, { seed: s });
    this.convs = widths.map((w, i) => new Conv1d(e, f, w, { seed: s + 1 + i }));
    this.dropout = new Dropout(o.dropout ?? 0.5, { seed: s + 100 });
    this.fc = new Linear(widths.length * f * this.k, o.classes ?? 2, { seed: s + 101 });
  }
  forward(ids: Tensor): Tensor {
    const h = swapaxes(this.embedding(ids), 1, 2);
    const feats = this.convs.map((c) => flatten(kMaxPool1d(relu(c(h)), this.k), 1));
    return this.fc(this.dropout(concat(feats, 1)));
  }
}

export function textCnn(o: TextCnnOptions): TextCNN {
  return new TextCNN(o);
}

libraryModules(TextCNN);
