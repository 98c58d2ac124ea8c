/**
 * The shape of a gradient rule (a vector–Jacobian product per primitive kernel), typed from the kernel's
 * declaration (core/kernels.ts). A rule receives the recorded node (kernel, attrs, its named input and
 * output tuples), the cotangent of each output (null where no gradient reached that output) and which
 * inputs need a gradient; it returns one cotangent per declared input, null meaning "zero" or "not needed"
 * — a rule returning more or fewer does not compile. Rules are written with public ops and run1, never
 * with backend code, so they run on every backend; they live beside their kernels
 * (`src/ops/<family>/grad/<kernel>.grad.ts`) and are registered in src/autograd/rules.ts.
 */
import type { GradNode } from "./grad_node";
import type { KernelInputs, KernelName, OnePer } from "./kernels";
import type { Tensor } from "./tensor";

export interface GradContext<K extends KernelName> {
  readonly node: GradNode<K>;
  /** cotangent of each output; null where nothing flowed back */
  readonly dys: readonly (Tensor | null)[];
  /** needs[i]: input i is tracked, so its gradient is wanted */
  readonly needs: readonly boolean[];
}

/** One cotangent per declared input of kernel K (null: zero, or not needed). */
export type Cotangents<K extends KernelName> = OnePer<KernelInputs<K>, Tensor | null>;

export type GradRule<K extends KernelName> = (ctx: GradContext<K>) => Cotangents<K>;

/** The complete registry type: a kernel without a rule is a compile error. */
export type GradRuleTable = { readonly [K in KernelName]: GradRule<K> };
