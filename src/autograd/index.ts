// Public API of this module (re-exported by src/index.ts).
import "./backward";

export { grad, valueAndGrad, vjp, jacobian, type GradOptions, type TensorFn } from "./api";
export { backward, type BackwardOptions } from "./backward";
export { gradcheck, type GradcheckOptions, type GradcheckResult, type GradcheckInputReport } from "./gradcheck";
export { withGradRule } from "./rules";
export type { GradRule, GradContext } from "../core/grad_rule";
