/** Gradient of `cast`: dy cast back to the input's dtype; an int32 input takes no gradient. */
import type { GradRule } from "../../../core/grad_rule";
import { cast } from "../cast";

export const castGrad: GradRule<"cast"> = ({ node, dys }) => {
  const x = node.inputs[0],
    dy = dys[0];
  return [dy && x.dtype !== "int32" ? cast(dy, x.dtype) : null];
};
