/**
 * WGSL of `reduce` and `argReduce` over rows: the input is [rows·chunks, …] with each output row made of
 * `chunks` consecutive chunks of `chunkLen` values (chunks = 1 except in the first pass of a two-pass
 * reduction of a few very long rows). sum uses Kahan compensation; max/min propagate NaN like torch.amax.
 */
import type { ArgReduceOp, ReduceOp } from "../../../core/kernels";
import type { KernelDecl, Scalar } from "../../../backends/webgpu/shader";
import { FLOAT_HELPERS } from "../../../backends/webgpu/wgsl_index";

export const REDUCE_WG = 128;

const COMBINE: { readonly [K in ReduceOp]: string } = {
  sum: "a + b",
  prod: "a * b",
  max: "select(max(a, b), nanOf(a + b), isNan(a) || isNan(b))",
  min: "select(min(a, b), nanOf(a + b), isNan(a) || isNan(b))",
};

/** one step of `accumulate` per op: sums are Kahan-compensated, the others combine */
const ACCUMULATE: { readonly [K in ReduceOp]: string } = {
  sum: "let yk = f32(x[k]) - comp;\n    let t = acc + yk;\n    comp = (t - acc) - yk;\n    acc = t;",
  prod: "acc = combine(acc, f32(x[k]));",
  max: "acc = combine(acc, f32(x[k]));",
  min: "acc = combine(acc, f32(x[k]));",
};

/** the comparison by which v replaces the best so far, per argReduce op */
const BETTER: { readonly [P in ArgReduceOp]: string } = { argmax: ">", argmin: "<" };

const UNIFORMS = [
  { name: "rows", type: "u32" },
  { name: "chunks", type: "u32" },
  { name: "chunkLen", type: "u32" },
  { name: "inner", type: "u32" },
  { name: "init", type: "f32" },
] as const;

function helpers(op: ReduceOp): string {
  return `${FLOAT_HELPERS}
fn combine(a: f32, b: f32) -> f32 { return ${COMBINE[op]}; }
// accumulates values [start, end) of x with stride step (Kahan-compensated for sums)
fn accumulate(start: u32, end: u32, step: u32) -> f32 {
  var acc = u.init;
  var comp = 0.0;
  for (var k = start; k < end; k += step) {
    ${ACCUMULATE[op]}
  }
  return acc;
}
// where output row r's chunk starts and ends in x
fn chunkRange(r: u32) -> vec2<u32> {
  let c = r % u.chunks;
  let start = (r / u.chunks) * u.inner + c * u.chunkLen;
  return vec2<u32>(start, min(start + u.chunkLen, (r / u.chunks) * u.inner + u.inner));
}`;
}

/** One invocation per output row (many rows, or short rows). */
export function reduceRowDecl(op: ReduceOp, xt: Scalar, yt: Scalar): KernelDecl {
  return {
    op: `reduce(${op})`,
    bindings: [
      { name: "x", type: xt },
      { name: "y", type: yt, write: true },
    ],
    uniforms: UNIFORMS,
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: helpers(op),
    body: `  let range = chunkRange(i);\n  y[i] = ${yt}(accumulate(range.x, range.y, 1u));`,
  };
}

/** One workgroup per output row: strided partial results, then a tree in workgroup memory. */
export function reduceGroupDecl(op: ReduceOp, xt: Scalar, yt: Scalar): KernelDecl {
  return {
    op: `reduce(${op})`,
    bindings: [
      { name: "x", type: xt },
      { name: "y", type: yt, write: true },
    ],
    uniforms: UNIFORMS,
    mode: "grid",
    workgroupSize: [REDUCE_WG, 1, 1],
    helpers: `${helpers(op)}\nvar<workgroup> part: array<f32, ${REDUCE_WG}>;`,
    body: `
  let r = wid.y * nwg.x + wid.x;
  if (r >= u.rows) { return; }
  let range = chunkRange(r);
  part[lidx] = accumulate(range.x + lidx, range.y, ${REDUCE_WG}u);
  for (var s = ${REDUCE_WG / 2}u; s > 0u; s = s / 2u) {
    workgroupBarrier();
    if (lidx < s) { part[lidx] = combine(part[lidx], part[lidx + s]); }
  }
  if (lidx == 0u) { y[r] = ${yt}(part[0]); }`,
  };
}

/** Index of the first max/min of each row of `inner` values (the first NaN wins, as on the cpu). */
export function argReduceDecl(op: ArgReduceOp, xt: Scalar): KernelDecl {
  return {
    op,
    bindings: [
      { name: "x", type: xt },
      { name: "y", type: "i32", write: true },
    ],
    uniforms: [{ name: "inner", type: "u32" }],
    mode: "flat",
    workgroupSize: [64, 1, 1],
    helpers: FLOAT_HELPERS,
    body: `
  let base = i * u.inner;
  var best = f32(x[base]);
  var at = 0u;
  for (var k = 1u; k < u.inner && !isNan(best); k++) {
    let v = f32(x[base + k]);
    if (v ${BETTER[op]} best || isNan(v)) { best = v; at = k; }
  }
  y[i] = i32(at);`,
  };
}
