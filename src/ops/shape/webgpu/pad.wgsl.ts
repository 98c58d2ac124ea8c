/**
 * WGSL of `pad`: each output element reads x through one source index per axis (−1: the constant value),
 * PyTorch's rules as in pad_index.ts: reflect mirrors without repeating the edge, replicate clamps,
 * circular wraps. Values move as 32-bit patterns, so one shader serves float32 and int32.
 */
import type { PadMode } from "../../../core/kernels";
import type { KernelDecl } from "../../../backends/webgpu/shader";
import { MAX_RANK, SHAPE_UNIFORMS, stridesUniform, unrollDims } from "../../../backends/webgpu/wgsl_index";

const SOURCE: { readonly [K in PadMode]: string } = {
  constant: "return select(-1, i, i >= 0 && i < n);",
  replicate: "return clamp(i, 0, n - 1);",
  circular: "return ((i % n) + n) % n;",
  reflect: `if (n == 1) { return 0; }
  let period = 2 * (n - 1);
  let m = ((i % period) + period) % period;
  return select(m, period - m, m >= n);`,
};

export function padDecl(mode: PadMode, rank: number): KernelDecl {
  return {
    op: `pad(${mode})`,
    bindings: [
      { name: "x", type: "u32" },
      { name: "y", type: "u32", write: true },
    ],
    uniforms: [
      ...SHAPE_UNIFORMS,
      { name: "inShape", type: "i32", len: MAX_RANK },
      { name: "padLo", type: "i32", len: MAX_RANK },
      stridesUniform("x"),
      { name: "value", type: "u32" },
    ],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: `fn source(i: i32, n: i32) -> i32 {\n  ${SOURCE[mode]}\n}`,
    body: `
  var rem = i;
  var at = 0;
  var outside = false;
${unrollDims(
  rank,
  (d) => `    let n = shape(${d});
    let s = source(i32(rem % n) - padLo(${d}), inShape(${d}));
    rem = rem / n;
    outside = outside || s < 0;
    at += s * xStrides(${d});`,
)}
  if (outside) { y[i] = u.value; } else { y[i] = x[u32(at)]; }`,
  };
}
