/**
 * float32 elementwise kernels over f32x4, the wasm twins of binary_dense.cpu.ts's loops and unary.cpu.ts's
 * relu (the host routes large float32 operands here). Each value is the IEEE single operation: the same
 * value the TypeScript loops compute in float64 and round (for + − × ÷ of two float32 values that double
 * rounding is exact), so results match them; gt gives 1 or 0 (NaN compares false), relu is max(v, 0)
 * (NaN stays NaN, −0 and −∞ give +0, as the TypeScript relu).
 *   binaryF32: out[i] = a[i] op b[j(i)], where b has n values (j = i), one value (j = 0), or nb values each
 *   covering `inner` consecutive outputs, cycling (a per-channel bias [C,1,1] against [N,C,H,W]).
 */
export const ADD = 0, SUB = 1, MUL = 2, DIV = 3, GT = 4;

// @ts-ignore: decorator
@inline function vop(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return f32x4.add(x, y);
  if (op == SUB) return f32x4.sub(x, y);
  if (op == MUL) return f32x4.mul(x, y);
  if (op == DIV) return f32x4.div(x, y);
  return v128.and(f32x4.gt(x, y), f32x4.splat(1));
}

// @ts-ignore: decorator
@inline function sop(op: i32, x: f32, y: f32): f32 {
  if (op == ADD) return x + y;
  if (op == SUB) return x - y;
  if (op == MUL) return x * y;
  if (op == DIV) return x / y;
  return x > y ? 1 : 0;
}

/** out[i] = a[i] op s for i in [i0, i1). */
// @ts-ignore: decorator
@inline function withValue(op: i32, a: usize, s: f32, out: usize, i0: i32, i1: i32): void {
  const vs = f32x4.splat(s);
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, vop(op, v128.load(a + o), vs));
  }
  for (; i < i1; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, sop(op, load<f32>(a + o), s));
  }
}

export function binaryF32(op: i32, a: usize, b: usize, out: usize, n: i32, nb: i32, inner: i32): void {
  if (nb == n) {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = (<usize>i) << 2;
      v128.store(out + o, vop(op, v128.load(a + o), v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = (<usize>i) << 2;
      store<f32>(out + o, sop(op, load<f32>(a + o), load<f32>(b + o)));
    }
    return;
  }
  if (nb == 1) {
    withValue(op, a, load<f32>(b), out, 0, n);
    return;
  }
  for (let start = 0, j = 0; start < n; start += inner, j = j + 1 == nb ? 0 : j + 1)
    withValue(op, a, load<f32>(b + ((<usize>j) << 2)), out, start, start + inner);
}

/** out[i] = max(x[i], 0). */
export function reluF32(x: usize, out: usize, n: i32): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, f32x4.max(v128.load(x + o), z));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, max<f32>(load<f32>(x + o), 0));
  }
}
