/**
 * WGSL of `gather` and `scatterAdd` along one axis (torch.gather / torch.scatter_add into zeros):
 *   gather:     y[i₀..i_axis..] = x[i₀.. idx[i] ..]      (values as 32-bit patterns)
 *   scatterAdd: y[i₀.. idx[i] ..] += src[i]              (atomic compare-exchange on the f32 bits)
 * Both walk the flat index f over idx's shape. A GPU kernel cannot throw: an index outside [0, n) reads
 * as NaN in gather and is skipped by scatterAdd (the cpu kernel throws).
 */
import type { KernelDecl } from "../../../backends/webgpu/shader";
import { MAX_RANK, SHAPE_UNIFORMS, unrollDims } from "../../../backends/webgpu/wgsl_index";

const UNIFORMS = [
  ...SHAPE_UNIFORMS,
  { name: "dstStrides", type: "u32" as const, len: MAX_RANK },
  { name: "axis", type: "u32" as const },
  { name: "axisLen", type: "i32" as const },
];

/** WGSL that sets `at` (offset into the axis-indexed tensor) and `ok` for flat index i of idx. */
const locate = (rank: number) => `
  var rem = i;
  var at = 0u;
  let k = idx[i];
  let ok = k >= 0 && k < u.axisLen;
${unrollDims(
  rank,
  (d) => `    let n = shape(${d});
    let c = select(rem % n, u32(k), ${d} == u.axis);
    rem = rem / n;
    at += c * dstStrides(${d});`,
)}`;

export const gatherDecl = (rank: number): KernelDecl => ({
  op: "gather",
  bindings: [
    { name: "x", type: "u32" },
    { name: "idx", type: "i32" },
    { name: "y", type: "u32", write: true },
  ],
  uniforms: UNIFORMS,
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `${locate(rank)}\n  if (ok) { y[i] = x[at]; } else { y[i] = 0x7fc00000u; }`,
});

export function scatterAddDecl(int: boolean, rank: number): KernelDecl {
  const add = int
    ? "atomicAdd(&y[at], src[i]);"
    : `var old = atomicLoad(&y[at]);
    loop {
      let r = atomicCompareExchangeWeak(&y[at], old, bitcast<u32>(bitcast<f32>(old) + bitcast<f32>(src[i])));
      if (r.exchanged) { break; }
      old = r.old_value;
    }`;
  return {
    op: "scatterAdd",
    bindings: [
      { name: "src", type: "u32" },
      { name: "idx", type: "i32" },
      { name: "y", type: "atomic<u32>", write: true },
    ],
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    body: `${locate(rank)}\n  if (ok) {\n    ${add}\n  }`,
  };
}
