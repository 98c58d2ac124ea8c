/**
 * Reference blocks from the lectures:
 *   vggBlock:        n × (3×3 conv, padding 1, ReLU) then 2×2 max pooling (Simonyan & Zisserman)
 *   InceptionModule: parallel 1×1 | 1×1→3×3 | 1×1→5×5 | 3×3 max pool→1×1 branches, concatenated on
 *                    channels; the 1×1 "reductions" cut the channels before the expensive convolutions
 *   ResidualBlock:   y = relu(bn(conv(relu(bn(conv(x))))) + shortcut(x)), shortcut = identity or a 1×1
 *                    conv + bn when the shape changes (He et al.)
 */
import { nextDefaultSeed } from "../core/random";
import type { Tensor } from "../core/tensor";
import { add } from "../ops/elementwise/binary";
import { relu } from "../ops/elementwise/unary";
import { concat } from "../ops/shape/concat";
import { maxPool2d } from "../ops/pool";
import { BatchNorm2d } from "../nn/batchnorm";
import { Conv2d } from "../nn/conv_layers";
import { ReLU } from "../nn/layers";
import { Module, libraryModules } from "../nn/module";
import { MaxPool2d } from "../nn/pool_layers";
import { Sequential } from "../nn/sequential";

export function vggBlock(
  inChannels: number,
  outChannels: number,
  numConvs = 2,
  opts: { seed?: number } = {},
): Sequential {
  const seed = opts.seed ?? nextDefaultSeed();
  const layers: Module[] = [];
  for (let i = 0; i < numConvs; i++) {
    layers.push(
      new Conv2d(i === 0 ? inChannels : outChannels, outChannels, 3, { padding: 1, seed: seed + i }),
      new ReLU(),
    );
  }
  layers.push(new MaxPool2d(2));
  return new Sequential(...layers);
}

export interface InceptionChannels {
  c1: number;
  c3Reduce: number;
  c3: number;
  c5Reduce: number;
  c5: number;
  poolProj: number;
}

export class InceptionModule extends Module {
  b1: Conv2d;
  b3: Sequential;
  b5: Sequential;
  bp: Conv2d;
  constructor(inChannels: number, c: InceptionChannels, opts: { seed?: number } = {}) {
    super();
    const s = opts.seed ?? nextDefaultSeed();
    this.b1 = new Conv2d(inChannels, c.c1, 1, { seed: s });
    this.b3 = new Sequential(
      new Conv2d(inChannels, c.c3Reduce, 1, { seed: s + 1 }),
      new ReLU(),
      new Conv2d(c.c3Reduce, c.c3, 3, { padding: 1, seed: s + 2 }),
    );
    this.b5 = new Sequential(
      new Conv2d(inChannels, c.c5Reduce, 1, { seed: s + 3 }),
      new ReLU(),
      new Conv2d(c.c5Reduce, c.c5, 5, { padding: 2, seed: s + 4 }),
    );
    this.bp = new Conv2d(inChannels, c.poolProj, 1, { seed: s + 5 });
  }
  forward(x: Tensor): Tensor {
    const pooled = maxPool2d(x, { kernelSize: 3, stride: 1, padding: 1 });
    return relu(concat([this.b1(x), this.b3(x), this.b5(x), this.bp(pooled)], 1));
  }
}

export class ResidualBlock extends Module {
  conv1: Conv2d;
  bn1: BatchNorm2d;
  conv2: Conv2d;
  bn2: BatchNorm2d;
  shortcut: Sequential | null;
  constructor(inChannels: number, outChannels = inChannels, opts: { stride?: number; seed?: number } = {}) {
    super();
    const s = opts.seed ?? nextDefaultSeed(),
      stride = opts.stride ?? 1;
    this.conv1 = new Conv2d(inChannels, outChannels, 3, { stride, padding: 1, bias: false, seed: s });
    this.bn1 = new BatchNorm2d(outChannels);
    this.conv2 = new Conv2d(outChannels, outChannels, 3, { padding: 1, bias: false, seed: s + 1 });
    this.bn2 = new BatchNorm2d(outChannels);
    this.shortcut =
      stride !== 1 || inChannels !== outChannels
        ? new Sequential(
            new Conv2d(inChannels, outChannels, 1, { stride, bias: false, seed: s + 2 }),
            new BatchNorm2d(outChannels),
          )
        : null;
  }
  forward(x: Tensor): Tensor {
    const h = this.bn2(this.conv2(relu(this.bn1(this.conv1(x)))));
    return relu(add(h, this.shortcut ? this.shortcut(x) : x));
  }
}

libraryModules(InceptionModule, ResidualBlock);
