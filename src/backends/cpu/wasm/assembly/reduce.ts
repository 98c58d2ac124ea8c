/**
 * Sum reduction of float32 values into float64 accumulators, the wasm twin of reduce.cpu.ts's reduceDense:
 * the input walked once in memory order as runs of merged (kept | reduced) dims, each output accumulating
 * its values in the reduced axes' row-major order — the same order, so the same float64 sums.
 * Table m (i32): [runs, then per run: n, reduced (0/1), input stride, output stride (0 for reduced)].
 * The walk is an odometer over the outer runs (counters at ctr); its tail is the last run, and when that
 * run is reduced, the kept run before it too: those outputs' chains are independent, so two of them share
 * an f64x2 (lane by lane the same additions in the same order) and two such pairs interleave — the
 * latency of one chain of dependent adds is what limits the TypeScript loop.
 */
// @ts-ignore: decorator
@inline function fld(m: usize, r: i32, k: i32): i32 {
  return load<i32>(m + ((<usize>(1 + 4 * r + k)) << 2));
}

// @ts-ignore: decorator
@inline function f32at(p: usize, i: i32): f64 {
  return <f64>load<f32>(p + ((<usize>i) << 2));
}

/** out[o + kk·kO] += Σ_k src[i + kk·kS + k], k < R, for kk < K: pairs of rows per f64x2. */
function rowSums(src: usize, out: usize, i: i32, o: i32, K: i32, kS: i32, kO: i32, R: i32): void {
  let kk = 0;
  for (; kk + 4 <= K; kk += 4) {
    const oa = out + ((<usize>(o + kk * kO)) << 3), ob = out + ((<usize>(o + (kk + 1) * kO)) << 3);
    const oc = out + ((<usize>(o + (kk + 2) * kO)) << 3), od = out + ((<usize>(o + (kk + 3) * kO)) << 3);
    let p = f64x2.replace_lane(f64x2.splat(load<f64>(oa)), 1, load<f64>(ob));
    let q = f64x2.replace_lane(f64x2.splat(load<f64>(oc)), 1, load<f64>(od));
    const ia = i + kk * kS;
    for (let k = 0; k < R; k++) {
      p = f64x2.add(p, f64x2.replace_lane(f64x2.splat(f32at(src, ia + k)), 1, f32at(src, ia + kS + k)));
      q = f64x2.add(q, f64x2.replace_lane(f64x2.splat(f32at(src, ia + 2 * kS + k)), 1, f32at(src, ia + 3 * kS + k)));
    }
    store<f64>(oa, f64x2.extract_lane(p, 0));
    store<f64>(ob, f64x2.extract_lane(p, 1));
    store<f64>(oc, f64x2.extract_lane(q, 0));
    store<f64>(od, f64x2.extract_lane(q, 1));
  }
  for (; kk < K; kk++) {
    const oa = out + ((<usize>(o + kk * kO)) << 3), ia = i + kk * kS;
    let acc = load<f64>(oa);
    for (let k = 0; k < R; k++) acc += f32at(src, ia + k);
    store<f64>(oa, acc);
  }
}

export function reduceSumF32(src: usize, out: usize, m: usize, ctr: usize): void {
  const runs = load<i32>(m), last = runs - 1;
  const lastReduced = fld(m, last, 1) == 1, paired = lastReduced && runs >= 2;
  const outer = paired ? runs - 2 : runs - 1;
  for (let r = 0; r < outer; r++) store<i32>(ctr + ((<usize>r) << 2), 0);
  for (;;) {
    let i = 0, o = 0;
    for (let r = 0; r < outer; r++) {
      const c = load<i32>(ctr + ((<usize>r) << 2));
      i += c * fld(m, r, 2);
      o += c * fld(m, r, 3);
    }
    const n = fld(m, last, 0);
    if (paired) rowSums(src, out, i, o, fld(m, last - 1, 0), fld(m, last - 1, 2), fld(m, last - 1, 3), n);
    else if (lastReduced) rowSums(src, out, i, o, 1, 0, 0, n);
    else for (let k = 0; k < n; k++) {
      const p = out + ((<usize>(o + k)) << 3);
      store<f64>(p, load<f64>(p) + f32at(src, i + k));
    }
    let r = outer - 1;
    for (; r >= 0; r--) {
      const p = ctr + ((<usize>r) << 2), c = load<i32>(p) + 1;
      if (c < fld(m, r, 0)) {
        store<i32>(p, c);
        break;
      }
      store<i32>(p, 0);
    }
    if (r < 0) return;
  }
}
