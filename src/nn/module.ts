/**
 * Module: the base of every layer. A module is a callable object, so a notebook writes `conv(x)` as in
 * PyTorch (`conv.forward(x)` is the same call). Parameters are the module's own Tensor fields with
 * requiresGrad; sub-modules are its Module fields (and arrays of modules); buffers (running statistics)
 * are fields listed by registerBuffer. Names follow PyTorch: "0.weight", "features.3.bias", ...
 */
import { toTensor, type TensorLike } from "../core/coerce";
import { fmtShape, opError } from "../core/errors";
import { noGrad } from "../core/grad_node";
import { owned, shielded } from "../core/scope";
import { shapesEqual } from "../core/shape";
import { isTensor, type Tensor } from "../core/tensor";
import { mul } from "../ops/elementwise/binary";
import { assignInPlace } from "./assign";
import { dropGrad } from "./grads";

export interface Module {
  /** forward(x): modules are callable */
  (x: TensorLike): Tensor;
}

const libraryClasses = new WeakSet<object>();

/**
 * Marks Module classes as the library's own: their forward keeps no reference to the tensors it creates
 * or receives, so what it does not return can be released as soon as autograd is done with it. A user's
 * subclass of a library class is not covered (the check is on the exact class).
 */
export function libraryModules(...classes: object[]): void {
  for (const c of classes) libraryClasses.add(c);
}

function isLibraryModule(m: Module): boolean {
  return libraryClasses.has(Object.getPrototypeOf(m).constructor);
}

export abstract class Module {
  /** true in training mode (Dropout drops, BatchNorm uses batch statistics) */
  declare training: boolean;
  declare protected bufferNames: string[];

  constructor() {
    // a function object carrying this class's prototype: callable, with methods and fields
    const self: Module = Object.setPrototypeOf(
      (x: TensorLike) => {
        const t = toTensor(self.kind, "x", x);
        // the library's modules keep nothing they create: their internals are released (core/scope.ts);
        // a user's forward may keep references we cannot see, so nothing it touches is ever released
        return isLibraryModule(self) ? owned(() => self.forward(t)) : shielded(t, () => self.forward(t));
      },
      new.target.prototype,
    );
    self.training = true;
    self.bufferNames = [];
    return self;
  }

  abstract forward(x: Tensor): Tensor;

  /** the class name, for messages and printing */
  get kind(): string {
    return this.constructor.name;
  }

  protected registerBuffer(name: string): void {
    this.bufferNames.push(name);
  }

  /** direct sub-modules with their names */
  namedChildren(): [string, Module][] {
    const out: [string, Module][] = [];
    for (const [k, v] of Object.entries(this)) {
      if (v instanceof Module) out.push([k, v]);
      else if (Array.isArray(v))
        v.forEach((m, i) => {
          if (m instanceof Module) out.push([`${k}.${i}`, m]);
        });
    }
    return out;
  }

  /** every parameter (requiresGrad tensor field) of this module and its descendants, with dotted names */
  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [k, v] of Object.entries(this)) {
      if (isTensor(v) && v.requiresGrad && !this.bufferNames.includes(k)) out.push([prefix + k, v]);
    }
    for (const [k, m] of this.namedChildren()) out.push(...m.namedParameters(`${prefix}${k}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  namedBuffers(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const k of this.bufferNames) {
      const v: unknown = Reflect.get(this, k);
      if (isTensor(v)) out.push([prefix + k, v]);
    }
    for (const [k, m] of this.namedChildren()) out.push(...m.namedBuffers(`${prefix}${k}.`));
    return out;
  }

  /** train(mode = true) / eval(): sets the mode of this module and every descendant */
  train(mode = true): this {
    this.training = mode;
    for (const [, m] of this.namedChildren()) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** clears .grad of every parameter (see nn/grads.ts for what is disposed) */
  zeroGrad(): void {
    for (const p of this.parameters()) dropGrad(p);
  }

  /** snapshot of every parameter and buffer by name (copies: later training does not change them) */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    noGrad(() => {
      // x·1 is a fresh buffer on every backend (a reshape alias would share the parameter's storage)
      for (const [k, t] of [...this.namedParameters(), ...this.namedBuffers()]) out[k] = mul(t.detach(), 1);
    });
    return out;
  }

  /** loads values by name into the existing tensors (in place); strict: the key sets must match */
  loadStateDict(state: Record<string, TensorLike>, opts: { strict?: boolean } = {}): void {
    const own = new Map([...this.namedParameters(), ...this.namedBuffers()]);
    const strict = opts.strict ?? true;
    const missing = [...own.keys()].filter((k) => !(k in state));
    const extra = Object.keys(state).filter((k) => !own.has(k));
    if (strict && (missing.length > 0 || extra.length > 0)) {
      throw opError(
        "loadStateDict",
        `expected keys matching the module, got missing [${missing}] and unexpected [${extra}]`,
      );
    }
    for (const [k, target] of own) {
      if (!(k in state)) continue;
      const v = toTensor("loadStateDict", k, state[k], target);
      if (!shapesEqual(v.shape, target.shape)) {
        throw opError("loadStateDict", `expected ${k} of shape ${fmtShape(target.shape)}, got ${fmtShape(v.shape)}`);
      }
      assignInPlace(target, v, "loadStateDict");
    }
  }

  /** one line per module, PyTorch-like */
  toString(): string {
    const children = this.namedChildren();
    if (children.length === 0) return `${this.kind}(${this.extraRepr()})`;
    const lines = children.map(([k, m]) => `  (${k}): ${m.toString().split("\n").join("\n  ")}`);
    return `${this.kind}(\n${lines.join("\n")}\n)`;
  }

  protected extraRepr(): string {
    return "";
  }
}
