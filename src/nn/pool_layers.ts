/** Pooling layers: thin modules over cl.maxPool1d/2d, cl.avgPool2d, cl.lpPool2d (PyTorch constructors). */
import type { Tensor } from "../core/tensor";
import {
  avgPool2d,
  lpPool2d,
  maxPool1d,
  maxPool2d,
  type AvgPoolOptions,
  type LpPoolOptions,
  type MaxPoolOptions,
} from "../ops/pool";
import { Module, libraryModules } from "./module";

type Size = number | readonly number[];

export class MaxPool1d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly opts: Omit<MaxPoolOptions, "kernelSize" | "returnIndices"> = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return maxPool1d(x, { ...this.opts, kernelSize: this.kernelSize });
  }
  protected override extraRepr(): string {
    return `kernelSize=${this.kernelSize}`;
  }
}

export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly opts: Omit<MaxPoolOptions, "kernelSize" | "returnIndices"> = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return maxPool2d(x, { ...this.opts, kernelSize: this.kernelSize });
  }
  protected override extraRepr(): string {
    return `kernelSize=${this.kernelSize}`;
  }
}

export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: Size,
    readonly opts: Omit<AvgPoolOptions, "kernelSize"> = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return avgPool2d(x, { ...this.opts, kernelSize: this.kernelSize });
  }
  protected override extraRepr(): string {
    return `kernelSize=${this.kernelSize}`;
  }
}

export class LPPool2d extends Module {
  constructor(
    readonly p: number,
    readonly kernelSize: Size,
    readonly opts: Omit<LpPoolOptions, "kernelSize" | "p"> = {},
  ) {
    super();
  }
  forward(x: Tensor): Tensor {
    return lpPool2d(x, { ...this.opts, p: this.p, kernelSize: this.kernelSize });
  }
  protected override extraRepr(): string {
    return `p=${this.p}, kernelSize=${this.kernelSize}`;
  }
}

libraryModules(MaxPool1d, MaxPool2d, AvgPool2d, LPPool2d);
