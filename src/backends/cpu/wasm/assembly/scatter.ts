/**
 * scatterAdd along one axis for float32 values, the wasm twin of gather.cpu.ts's axis-split loop (max
 * pooling's dL/dx: each dy value added to the input position its window chose):
 *   out[(o·m + k)·inner + i] += src[f],  f = (o·n + j)·inner + i,  k = idx[f] ∈ [0, m)
 * in f order, as the TypeScript loop (so the same sums: a float32 + float32 rounded once either way).
 * out must be zeroed by the host. Returns −1, or the first f whose index is out of range (nothing after
 * it is added: the host reports that index as the TypeScript kernel does).
 */
export function scatterAddF32(src: usize, idx: usize, out: usize, count: i32, inner: i32, n: i32, m: i32): i32 {
  for (let f = 0, o = 0, j = 0, i = 0; f < count; f++) {
    const k = load<i32>(idx + ((<usize>f) << 2));
    if (k < 0 || k >= m) return f;
    const p = out + ((<usize>((o * m + k) * inner + i)) << 2);
    store<f32>(p, load<f32>(p) + load<f32>(src + ((<usize>f) << 2)));
    // (o, j, i) of f + 1 without a division per element
    if (++i == inner) {
      i = 0;
      if (++j == n) {
        j = 0;
        o++;
      }
    }
  }
  return -1;
}
