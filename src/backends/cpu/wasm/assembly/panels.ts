/**
 * Row-major values into the GEMM's 8-column B panels (gemm.ts's layout, Bp[panel·8K + 8k + c]) by 4×4
 * transposes: dL/dw's B operand is colsᵀ, whose rows im2col.ts copies contiguously first.
 */

/**
 * rows × len values, row-major at `src`, into 8-row panels at `dst` (Bp[(r >> 3)·8·len + 8·j + (r & 7)]),
 * rows past `rows` up to the panel's end zero: 4 rows × 4 columns per 4×4 transpose, a scalar tail.
 */
export function rowsToPanels(src: usize, rows: i32, len: i32, dst: usize): void {
  const z = f32x4.splat(0), rowBytes = (<usize>len) << 2;
  for (let r = 0; r < rows; r += 4) {
    const n = min(4, rows - r), s = src + (<usize>r) * rowBytes;
    const d = dst + ((<usize>((r >> 3) * (len << 3) + (r & 7))) << 2);
    let j = 0;
    for (; j + 4 <= len; j += 4) {
      const o = (<usize>j) << 2;
      const a0 = v128.load(s + o), a1 = n > 1 ? v128.load(s + rowBytes + o) : z;
      const a2 = n > 2 ? v128.load(s + 2 * rowBytes + o) : z, a3 = n > 3 ? v128.load(s + 3 * rowBytes + o) : z;
      const u = f32x4.shuffle(a0, a1, 0, 4, 1, 5), v = f32x4.shuffle(a2, a3, 0, 4, 1, 5);
      const w = f32x4.shuffle(a0, a1, 2, 6, 3, 7), t = f32x4.shuffle(a2, a3, 2, 6, 3, 7);
      const q = d + ((<usize>j) << 5);
      v128.store(q, f32x4.shuffle(u, v, 0, 1, 4, 5));
      v128.store(q, f32x4.shuffle(u, v, 2, 3, 6, 7), 32);
      v128.store(q, f32x4.shuffle(w, t, 0, 1, 4, 5), 64);
      v128.store(q, f32x4.shuffle(w, t, 2, 3, 6, 7), 96);
    }
    for (; j < len; j++)
      for (let i = 0; i < 4; i++)
        store<f32>(d + ((<usize>((j << 3) + i)) << 2), i < n ? load<f32>(s + (<usize>i) * rowBytes + ((<usize>j) << 2)) : 0);
  }
  // the rows after the last group of four, up to the panel's end
  const full = (rows + 7) & ~7;
  for (let r = (rows + 3) & ~3; r < full; r += 4) {
    const d = dst + ((<usize>((r >> 3) * (len << 3) + (r & 7))) << 2);
    for (let j = 0; j < len; j++) v128.store(d + ((<usize>j) << 5), z);
  }
}
