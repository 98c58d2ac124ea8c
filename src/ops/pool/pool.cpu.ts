/**
 * cpu kernels of `pool` and `avgPoolGrad`, written once for 1-, 2- and 3-d pooling: the spatial dims are
 * read as (D, H, W) with leading size-1 dims, and each output position's in-bounds taps are precomputed
 * per dim (pool_taps.ts), so the inner loops carry no bounds tests.
 *   max: y[o] = max over the window's in-bounds taps; idx[o] = flat index (d·H + h)·W + w of the winner
 *        in the input's spatial plane (PyTorch's return_indices): the first maximum wins, a NaN wins over
 *        everything (the last NaN, as PyTorch's `val > max || isnan(val)` scan).
 *   avg: y[o] = Σ taps / divisor, divisor = Π (min(start + k, n + pad) − start) with countIncludePad,
 *        else the number of in-bounds taps (PyTorch's rule, ceilMode windows clipped to the padded input).
 *   avgPoolGrad: dx[tap] += dy[o] / divisor(o), the adjoint of avg.
 */
import type { KernelFn } from "../../core/backend";
import { allocArray } from "../../core/dtype";
import { sizeOf } from "../../core/shape";
import { cpuFromData, dense } from "../../backends/cpu/cpu_storage";
import type { PoolGeometry } from "./pool_geometry_types";
import { poolTaps3, type Taps } from "./pool_taps";

function kernelShape(g: PoolGeometry, spatial: readonly number[]): number[] {
  return g.unbatched ? [g.channels, ...spatial] : [g.batch, g.channels, ...spatial];
}

function maxPool(x: ArrayLike<number>, g: PoolGeometry, taps: readonly Taps[], y: Float32Array | Float64Array, idx: Int32Array): void {
  const [td, th, tw] = taps;
  const [, H, W] = td.inSize3;
  const inVol = td.n * H * W, [OD, OH, OW] = [td.count.length, th.count.length, tw.count.length];
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    const base = plane * inVol;
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, o++) {
          let best = -Infinity, bestAt = -1;
          for (let a = td.first[od], ae = a + td.count[od]; a < ae; a++) {
            const rowD = td.pos[a] * H;
            for (let b = th.first[oh], be = b + th.count[oh]; b < be; b++) {
              const row = (rowD + th.pos[b]) * W;
              for (let c = tw.first[ow], ce = c + tw.count[ow]; c < ce; c++) {
                const at = row + tw.pos[c], v = x[base + at];
                if (v > best || v !== v || bestAt < 0) { best = v; bestAt = at; }
              }
            }
          }
          y[o] = best;
          // a window with no in-bounds tap (dilation can skip the input): −∞ at PyTorch's index
          idx[o] = bestAt >= 0 ? bestAt : (td.lead[od] * H + th.lead[oh]) * W + tw.lead[ow];
        }
      }
    }
  }
}

/**
 * The common case: no padding and every window inside the input (no ceilMode overrun). Each window is
 * then the same list of K offsets from its start, and the loop is a plain scan (no tap tables).
 */
function windowOffsets(g: PoolGeometry, taps: readonly Taps[]): Int32Array | null {
  const full = taps.every((t) => t.maxCount > 0 && t.count.every((c) => c === t.maxCount)) &&
    g.padLo.every((p) => p === 0) && g.kernelSize.every((k, d) => taps[3 - g.dims + d].maxCount === k);
  if (!full) return null;
  const [td, th, tw] = taps, [, H, W] = td.inSize3;
  const offs: number[] = [];
  for (let a = 0; a < td.maxCount; a++) {
    for (let b = 0; b < th.maxCount; b++) {
      for (let c = 0; c < tw.maxCount; c++) offs.push(((td.pos[a] - td.pos[0]) * H + th.pos[b] - th.pos[0]) * W + tw.pos[c] - tw.pos[0]);
    }
  }
  return Int32Array.from(offs);
}

function maxPoolFull(x: ArrayLike<number>, g: PoolGeometry, taps: readonly Taps[], offs: Int32Array, y: Float32Array | Float64Array, idx: Int32Array): void {
  const [td, th, tw] = taps, [, H, W] = td.inSize3;
  const inVol = td.n * H * W, K = offs.length;
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    const base = plane * inVol;
    for (let od = 0; od < td.count.length; od++) {
      for (let oh = 0; oh < th.count.length; oh++) {
        const row = (td.pos[td.first[od]] * H + th.pos[th.first[oh]]) * W;
        for (let ow = 0; ow < tw.count.length; ow++, o++) {
          const start = row + tw.pos[tw.first[ow]];
          let best = x[base + start], bestAt = start;
          for (let t = 1; t < K; t++) {
            const v = x[base + start + offs[t]];
            if (v > best || v !== v) { best = v; bestAt = start + offs[t]; }
          }
          y[o] = best;
          idx[o] = bestAt;
        }
      }
    }
  }
}

/** Visits every output position with its divisor and its taps' flat offsets (shared by avg and its grad). */
function forEachAvgWindow(g: PoolGeometry, taps: readonly Taps[], countIncludePad: boolean,
  visit: (o: number, base: number, offsets: Int32Array, nTaps: number, divisor: number) => void): void {
  const [td, th, tw] = taps;
  const [, H, W] = td.inSize3;
  const inVol = td.n * H * W;
  const offsets = new Int32Array(td.maxCount * th.maxCount * tw.maxCount);
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    for (let od = 0; od < td.count.length; od++) {
      for (let oh = 0; oh < th.count.length; oh++) {
        for (let ow = 0; ow < tw.count.length; ow++, o++) {
          let nTaps = 0;
          for (let a = td.first[od]; a < td.first[od] + td.count[od]; a++) {
            for (let b = th.first[oh]; b < th.first[oh] + th.count[oh]; b++) {
              const row = (td.pos[a] * H + th.pos[b]) * W;
              for (let c = tw.first[ow]; c < tw.first[ow] + tw.count[ow]; c++) offsets[nTaps++] = row + tw.pos[c];
            }
          }
          const divisor = countIncludePad ? td.span[od] * th.span[oh] * tw.span[ow] : nTaps;
          visit(o, plane * inVol, offsets, nTaps, divisor);
        }
      }
    }
  }
}

export const poolCpu: KernelFn<"pool"> = ([x], { geom: g, kind, countIncludePad }) => {
  const xv = dense(x);
  const dtype = x.dtype === "float64" ? "float64" : "float32";
  const n = g.batch * g.channels * sizeOf(g.outSize);
  const y = allocArray(dtype, n) as Float32Array | Float64Array;
  const taps = poolTaps3(g);
  const outShape = kernelShape(g, g.outSize);
  if (kind === "max") {
    const idx = new Int32Array(n);
    const offs = windowOffsets(g, taps);
    if (offs) maxPoolFull(xv, g, taps, offs, y, idx);
    else maxPool(xv, g, taps, y, idx);
    return [cpuFromData(y, outShape, dtype), cpuFromData(idx, outShape, "int32")];
  }
  forEachAvgWindow(g, taps, countIncludePad, (o, base, offsets, nTaps, divisor) => {
    let s = 0;
    for (let t = 0; t < nTaps; t++) s += xv[base + offsets[t]];
    y[o] = nTaps === 0 ? 0 : s / divisor;
  });
  return [cpuFromData(y, outShape, dtype)];
};

export const avgPoolGradCpu: KernelFn<"avgPoolGrad"> = ([dy], { geom: g, countIncludePad }) => {
  const dyv = dense(dy);
  const dtype = dy.dtype === "float64" ? "float64" : "float32";
  const dx = allocArray(dtype, g.batch * g.channels * sizeOf(g.inSize));
  forEachAvgWindow(g, poolTaps3(g), countIncludePad, (o, base, offsets, nTaps, divisor) => {
    if (nTaps === 0) return;
    const share = dyv[o] / divisor;
    for (let t = 0; t < nTaps; t++) dx[base + offsets[t]] += share;
  });
  return [cpuFromData(dx, kernelShape(g, g.inSize), dtype)];
};
