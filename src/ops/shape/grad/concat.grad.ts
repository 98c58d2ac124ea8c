/** Gradient of `concat`: dy sliced back into one piece per input along the concatenation axis. */
import type { GradRule } from "../../../core/grad_rule";
import { narrow } from "../view_ops";

export const concatGrad: GradRule<"concat"> = ({ node, dys, needs }) => {
  const dy = dys[0];
  if (!dy) return node.inputs.map(() => null);
  const { axis } = node.attrs;
  let start = 0;
  return node.inputs.map((x, i) => {
    const piece = needs[i] ? narrow(dy, axis, start, x.shape[axis]) : null;
    start += x.shape[axis];
    return piece;
  });
};
