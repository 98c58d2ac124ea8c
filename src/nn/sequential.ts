/** Sequential(m0, m1, …): y = m_{k}(… m1(m0(x))). Children are named "0", "1", … as in PyTorch. */
import type { Tensor } from "../core/tensor";
import { Module, libraryModules } from "./module";

export class Sequential extends Module {
  layers: Module[];
  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }
  forward(x: Tensor): Tensor {
    return this.layers.reduce((h, m) => m(h), x);
  }
  override namedChildren(): [string, Module][] {
    return this.layers.map((m, i) => [String(i), m]);
  }
  at(i: number): Module | undefined {
    return this.layers.at(i);
  }
}

libraryModules(Sequential);
