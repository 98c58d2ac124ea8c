/**
 * Conv1d / Conv2d / Conv3d: y = convNd(x, weight, {bias, stride, padding, dilation, groups, paddingMode})
 * with weight (O, I/groups, k…) and bias (O), PyTorch's default initialisation (init.ts).
 */
import { opError } from "../core/errors";
import type { Tensor } from "../core/tensor";
import { conv1d, conv2d, conv3d, type ConvOptions } from "../ops/conv";
import { moduleRng, uniformParameter } from "./init";
import { Module, libraryModules } from "./module";

export interface ConvLayerOptions extends Omit<ConvOptions, "bias" | "flip"> {
  /** learn a bias (default true) */
  bias?: boolean;
  /** seed of the initialisation (default: the cl.manualSeed sequence) */
  seed?: number;
}

const CONV = [conv1d, conv2d, conv3d] as const;

abstract class ConvNd extends Module {
  weight: Tensor;
  bias: Tensor | null;
  constructor(
    private readonly dims: 1 | 2 | 3,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    readonly opts: ConvLayerOptions = {},
  ) {
    super();
    const op = `Conv${dims}d`;
    const ks = typeof kernelSize === "number" ? new Array<number>(dims).fill(kernelSize) : [...kernelSize];
    const groups = opts.groups ?? 1;
    const okInts = [inChannels, outChannels, groups, ...ks].every((v) => Number.isInteger(v) && v > 0);
    if (!okInts || ks.length !== dims || inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw opError(
        op,
        `expected positive channels divisible by groups and ${dims} kernel sizes, got in ${inChannels}, out ${outChannels}, groups ${groups}, kernel [${ks}]`,
      );
    }
    const fanIn = (inChannels / groups) * ks.reduce((a, b) => a * b, 1);
    const rng = moduleRng(opts.seed);
    const bound = 1 / Math.sqrt(fanIn);
    this.weight = uniformParameter([outChannels, inChannels / groups, ...ks], bound, rng);
    this.bias = opts.bias === false ? null : uniformParameter([outChannels], bound, rng);
  }

  forward(x: Tensor): Tensor {
    const { bias: _b, seed: _s, ...conv } = this.opts;
    return CONV[this.dims - 1](x, this.weight, { ...conv, bias: this.bias ?? undefined });
  }

  protected override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernelSize=[${this.weight.shape.slice(2)}]`;
  }
}

export class Conv1d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly number[],
    opts?: ConvLayerOptions,
  ) {
    super(1, inChannels, outChannels, kernelSize, opts);
  }
}
export class Conv2d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly number[],
    opts?: ConvLayerOptions,
  ) {
    super(2, inChannels, outChannels, kernelSize, opts);
  }
}
export class Conv3d extends ConvNd {
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | readonly number[],
    opts?: ConvLayerOptions,
  ) {
    super(3, inChannels, outChannels, kernelSize, opts);
  }
}

libraryModules(Conv1d, Conv2d, Conv3d);
