/**
 * Pooling on the planes [q0, q1) of (N·C) planes: the wasm twin of src/ops/pool/pool.cpu.ts, reading the
 * same per-dim tap tables (pool_taps.ts), which the host packs into one i32 block `m`:
 *   m[0..6] = D, H, W, OD, OH, OW, KI (taps of a full window); m[7] = where the full-window offsets are;
 *   m[8 + 6d ..] = where dim d's first, count, pos, span, lead, full tables are (i32 index into m).
 * kind MAX: y = max over in-bounds taps (first maximum wins, a NaN wins: PyTorch's scan), idx = its flat
 *   index in the plane; an empty window gives −∞ at the lead tap's index. Four neighbouring full windows
 *   run as one f32x4 (max4): the same comparisons lane by lane, so the same values and indices.
 * kind AVG: y = Σ taps / divisor, summed in f64 as the TypeScript kernel does, so the values are the same.
 * kind AVG_GRAD: dx[tap] += dy / divisor (x = dy, y = dx, zeroed by the host).
 */
export const MAX = 0, AVG = 1, AVG_GRAD = 2;

// @ts-ignore: decorator
@inline function mi(m: usize, i: i32): i32 { return load<i32>(m + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function tab(m: usize, d: i32, t: i32, o: i32): i32 { return mi(m, mi(m, 8 + 6 * d + t) + o); }

const FIRST = 0, COUNT = 1, POS = 2, SPAN = 3, LEAD = 4, FULL = 5;

/**
 * Max pooling of four full windows starting at plane offsets b, b + step, b + 2·step, b + 3·step (lanes),
 * over the K tap offsets at `offs`: per lane, take tap t when t = 0, v > best or v is NaN — the scalar
 * scan's rule. Steps 1 and 2 load whole vectors; other steps gather lane by lane.
 */
// @ts-ignore: decorator
@inline function max4(xp: usize, offs: usize, K: i32, b: i32, step: i32, yp: usize, ip: usize): void {
  const bv = i32x4.add(i32x4.splat(b), i32x4.mul(i32x4.splat(step), i32x4(0, 1, 2, 3)));
  let best = f32x4.splat(0), at = i32x4.splat(0);
  for (let t = 0; t < K; t++) {
    const o = load<i32>(offs + (<usize>t << 2));
    const p = xp + (<usize>(b + o) << 2);
    let v: v128;
    if (step == 1) v = v128.load(p);
    else if (step == 2) v = f32x4.shuffle(v128.load(p), v128.load(p, 16), 0, 2, 4, 6);
    else {
      const s = <usize>step << 2;
      v = f32x4.replace_lane(f32x4.replace_lane(f32x4.splat(load<f32>(p)), 1, load<f32>(p + s)), 2, load<f32>(p + 2 * s));
      v = f32x4.replace_lane(v, 3, load<f32>(p + 3 * s));
    }
    const iv = i32x4.add(bv, i32x4.splat(o));
    if (t == 0) {
      best = v;
      at = iv;
      continue;
    }
    const take = v128.or(f32x4.gt(v, best), f32x4.ne(v, v));
    best = v128.bitselect(v, best, take);
    at = v128.bitselect(iv, at, take);
  }
  v128.store(yp, best);
  v128.store(ip, at);
}

export function poolPlanes(kind: i32, countIncludePad: i32, x: usize, y: usize, idx: usize, q0: i32, q1: i32, m: usize): void {
  const D = mi(m, 0), H = mi(m, 1), W = mi(m, 2), OD = mi(m, 3), OH = mi(m, 4), OW = mi(m, 5), KI = mi(m, 6);
  const offs = m + (<usize>mi(m, 7) << 2), inVol = D * H * W, outVol = OD * OH * OW;
  // the run [lo, hi) of full windows along w (the edges are at both ends), its first tap and its stride
  let lo = 0, hi = 0;
  while (lo < OW && tab(m, 2, FULL, lo) == 0) lo++;
  for (hi = lo; hi < OW && tab(m, 2, FULL, hi) != 0; ) hi++;
  const posW = mi(m, 20 + POS), w0 = lo < OW ? mi(m, posW + tab(m, 2, FIRST, lo)) : 0;
  const sw = hi - lo > 1 ? mi(m, posW + tab(m, 2, FIRST, lo + 1)) - w0 : 1;
  for (let q = q0; q < q1; q++) {
    const xp = x + (<usize>(q * (kind == AVG_GRAD ? outVol : inVol)) << 2);
    const yp = y + (<usize>(q * (kind == AVG_GRAD ? inVol : outVol)) << 2);
    let o = 0;
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        const fullDH = tab(m, 0, FULL, od) & tab(m, 1, FULL, oh);
        const fd = tab(m, 0, FIRST, od), cd = tab(m, 0, COUNT, od), fh = tab(m, 1, FIRST, oh), ch = tab(m, 1, COUNT, oh);
        const row = (mi(m, mi(m, 8 + POS) + fd) * H + mi(m, mi(m, 14 + POS) + fh)) * W + w0;
        for (let ow = 0; ow < OW; ow++, o++) {
          if (kind == MAX && fullDH && ow >= lo && ow + 4 <= hi) {
            max4(xp, offs, KI, row + (ow - lo) * sw, sw, yp + (<usize>o << 2), idx + (<usize>(q * outVol + o) << 2));
            ow += 3;
            o += 3;
            continue;
          }
          const fw = tab(m, 2, FIRST, ow), cw = tab(m, 2, COUNT, ow);
          const full = (fullDH & tab(m, 2, FULL, ow)) != 0;
          const base = (mi(m, mi(m, 8 + POS) + fd) * H + mi(m, mi(m, 14 + POS) + fh)) * W + mi(m, mi(m, 20 + POS) + fw);
          const K = full ? KI : cd * ch * cw;
          if (kind == MAX) {
            let best: f32 = <f32>-Infinity, at = -1;
            for (let t = 0; t < K; t++) {
              let i: i32;
              if (full) i = base + load<i32>(offs + (<usize>t << 2));
              else {
                const a = t / (ch * cw), b = (t / cw) % ch, c = t % cw;
                i = (mi(m, mi(m, 8 + POS) + fd + a) * H + mi(m, mi(m, 14 + POS) + fh + b)) * W + mi(m, mi(m, 20 + POS) + fw + c);
              }
              const v = load<f32>(xp + (<usize>i << 2));
              if (t == 0 || v > best || v != v) { best = v; at = i; }
            }
            if (at < 0) at = (tab(m, 0, LEAD, od) * H + tab(m, 1, LEAD, oh)) * W + tab(m, 2, LEAD, ow);
            store<f32>(yp + (<usize>o << 2), best);
            store<i32>(idx + (<usize>(q * outVol + o) << 2), at);
            continue;
          }
          const divisor: f64 = countIncludePad ? <f64>(tab(m, 0, SPAN, od) * tab(m, 1, SPAN, oh) * tab(m, 2, SPAN, ow)) : <f64>K;
          if (kind == AVG_GRAD) {
            if (K == 0) continue;
            const share = <f64>load<f32>(xp + (<usize>o << 2)) / divisor;
            for (let t = 0; t < K; t++) {
              let i: i32;
              if (full) i = base + load<i32>(offs + (<usize>t << 2));
              else {
                const a = t / (ch * cw), b = (t / cw) % ch, c = t % cw;
                i = (mi(m, mi(m, 8 + POS) + fd + a) * H + mi(m, mi(m, 14 + POS) + fh + b)) * W + mi(m, mi(m, 20 + POS) + fw + c);
              }
              const p = yp + (<usize>i << 2);
              store<f32>(p, <f32>(<f64>load<f32>(p) + share));
            }
            continue;
          }
          let s: f64 = 0;
          for (let t = 0; t < K; t++) {
            let i: i32;
            if (full) i = base + load<i32>(offs + (<usize>t << 2));
            else {
              const a = t / (ch * cw), b = (t / cw) % ch, c = t % cw;
              i = (mi(m, mi(m, 8 + POS) + fd + a) * H + mi(m, mi(m, 14 + POS) + fh + b)) * W + mi(m, mi(m, 20 + POS) + fw + c);
            }
            s += <f64>load<f32>(xp + (<usize>i << 2));
          }
          store<f32>(yp + (<usize>o << 2), K == 0 ? 0 : <f32>(s / divisor));
        }
      }
    }
  }
}
