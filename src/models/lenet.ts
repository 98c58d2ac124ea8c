/**
 * LeNet-5 (LeCun et al. 1998) for 1×28×28 inputs: conv 5×5 (6, padding 2) → pool 2 → conv 5×5 (16) →
 * pool 2 → 400 → 120 → 84 → 10 logits. Default: the modern variant (ReLU, max pooling); the original's
 * tanh + average pooling with `{activation: "tanh", pool: "avg"}`.
 */
import { Conv2d } from "../nn/conv_layers";
import { Flatten, Linear, ReLU, Tanh } from "../nn/layers";
import type { Module } from "../nn/module";
import { AvgPool2d, MaxPool2d } from "../nn/pool_layers";
import { Sequential } from "../nn/sequential";
import { nextDefaultSeed } from "../core/random";

export interface LeNetOptions {
  activation?: "relu" | "tanh";
  pool?: "max" | "avg";
  classes?: number;
  inChannels?: number;
  seed?: number;
}

export function lenet5(opts: LeNetOptions = {}): Sequential {
  const seed = opts.seed ?? nextDefaultSeed();
  const act = (): Module => (opts.activation === "tanh" ? new Tanh() : new ReLU());
  const pool = (): Module => (opts.pool === "avg" ? new AvgPool2d(2) : new MaxPool2d(2));
  return new Sequential(
    new Conv2d(opts.inChannels ?? 1, 6, 5, { padding: 2, seed }),
    act(),
    pool(),
    new Conv2d(6, 16, 5, { seed: seed + 1 }),
    act(),
    pool(),
    new Flatten(),
    new Linear(16 * 5 * 5, 120, { seed: seed + 2 }),
    act(),
    new Linear(120, 84, { seed: seed + 3 }),
    act(),
    new Linear(84, opts.classes ?? 10, { seed: seed + 4 }),
  );
}
