/**
 * cpu kernels of `pool` and `avgPoolGrad`, written once for 1-, 2- and 3-d pooling: the spatial dims are
 * read as (D, H, W) with leading size-1 dims. Windows entirely inside the input (the interior) are scanned
 * through one list of K tap offsets; edge windows list their in-bounds taps (pool_taps.cpu.ts).
 *   max: y[o] = max over the window's in-bounds taps; idx[o] = flat index (d·H + h)·W + w of the winner
 *        in the input's spatial plane (PyTorch's return_indices): the first maximum wins, a NaN wins over
 *        everything (the last NaN, as PyTorch's `val > max || isnan(val)` scan).
 *   avg: y[o] = Σ taps / divisor, divisor = Π (min(start + k, n + pad) − start) with countIncludePad,
 *        else the number of in-bounds taps (PyTorch's rule, ceilMode windows clipped to the padded input).
 *   avgPoolGrad: dx[tap] += dy[o] / divisor(o), the adjoint of avg.
 */
import type { KernelFn } from "../../../core/backend";
import { allocArray, type FloatArray, type FloatDType } from "../../../core/dtype";
import type { PoolKind, PoolKindOutputs } from "../../../core/kernels";
import { sizeOf } from "../../../core/shape";
import { cpuFromData, dense } from "../../../backends/cpu/cpu_storage";
import type { PoolGeometry } from "../../../core/geometry";
import { fullWindowOffsets, poolTaps3, type Taps } from "./pool_taps.cpu";
import { poolWasm } from "./pool.wasm";

function kernelShape(g: PoolGeometry, spatial: readonly number[]): number[] {
  return g.unbatched ? [g.channels, ...spatial] : [g.batch, g.channels, ...spatial];
}

/** Writes the in-bounds taps of edge window (od, oh, ow) into `out` as flat plane indices; returns K. */
function edgeTaps(taps: readonly Taps[], od: number, oh: number, ow: number, out: Int32Array): number {
  const [td, th, tw] = taps,
    [, H, W] = td.inSize3;
  let K = 0;
  for (let a = td.first[od]; a < td.first[od] + td.count[od]; a++) {
    for (let b = th.first[oh]; b < th.first[oh] + th.count[oh]; b++) {
      const r = (td.pos[a] * H + th.pos[b]) * W;
      for (let c = tw.first[ow]; c < tw.first[ow] + tw.count[ow]; c++) out[K++] = r + tw.pos[c];
    }
  }
  return K;
}

/**
 * The loop nest shared by the three kernels, written out in each (a per-window callback is not inlined
 * and costs 2x): for output o of plane p, the taps are p·inVol + base + offs[t], t < K, where interior
 * windows use `interior` offsets from their start and edge windows their explicit tap list.
 */
interface Scan {
  taps: [Taps, Taps, Taps];
  H: number;
  W: number;
  inVol: number;
  interior: Int32Array;
  edge: Int32Array;
}

function scanOf(g: PoolGeometry): Scan {
  const taps = poolTaps3(g),
    [td, th, tw] = taps,
    [, H, W] = td.inSize3;
  return {
    taps,
    H,
    W,
    inVol: td.n * H * W,
    interior: fullWindowOffsets(taps),
    edge: new Int32Array(td.maxCount * th.maxCount * tw.maxCount),
  };
}

/** Max pooling over every window (values and PyTorch indices). */
function maxPool(xv: ArrayLike<number>, g: PoolGeometry, sc: Scan, y: FloatArray, idx: Int32Array): void {
  const { taps, H, W, inVol, interior, edge } = sc,
    [td, th, tw] = taps;
  const wFull = tw.full,
    wFirst = tw.first,
    wPos = tw.pos,
    OW = wFull.length,
    KI = interior.length;
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    const p0 = plane * inVol;
    for (let od = 0; od < td.count.length; od++) {
      for (let oh = 0; oh < th.count.length; oh++) {
        const fullDH = td.full[od] & th.full[oh],
          row = (td.pos[td.first[od]] * H + th.pos[th.first[oh]]) * W;
        for (let ow = 0; ow < OW; ow++, o++) {
          let offs = interior,
            base = row + wPos[wFirst[ow]],
            K = KI;
          if (!(fullDH & wFull[ow])) {
            K = edgeTaps(taps, od, oh, ow, edge);
            offs = edge;
            base = 0;
          }
          let bestAt = K > 0 ? base + offs[0] : -1,
            best = K > 0 ? xv[p0 + bestAt] : -Infinity;
          for (let t = 1; t < K; t++) {
            const at = base + offs[t],
              v = xv[p0 + at];
            if (v > best || v !== v) {
              best = v;
              bestAt = at;
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

/** Avg pooling over every window, with PyTorch's divisor rule. */
function avgPool(xv: ArrayLike<number>, g: PoolGeometry, sc: Scan, countIncludePad: boolean, y: FloatArray): void {
  const { taps, H, W, inVol, interior, edge } = sc,
    [td, th, tw] = taps;
  const wFull = tw.full,
    wFirst = tw.first,
    wPos = tw.pos,
    OW = wFull.length,
    KI = interior.length;
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    const p0 = plane * inVol;
    for (let od = 0; od < td.count.length; od++) {
      for (let oh = 0; oh < th.count.length; oh++) {
        const fullDH = td.full[od] & th.full[oh],
          row = (td.pos[td.first[od]] * H + th.pos[th.first[oh]]) * W;
        for (let ow = 0; ow < OW; ow++, o++) {
          let offs = interior,
            base = row + wPos[wFirst[ow]],
            K = KI;
          if (!(fullDH & wFull[ow])) {
            K = edgeTaps(taps, od, oh, ow, edge);
            offs = edge;
            base = 0;
          }
          let s = 0;
          for (let t = 0; t < K; t++) s += xv[p0 + base + offs[t]];
          const divisor = countIncludePad ? td.span[od] * th.span[oh] * tw.span[ow] : K;
          y[o] = K === 0 ? 0 : s / divisor;
        }
      }
    }
  }
}

/** A pooling forward's values: the window results, and for max the flat index of each maximum. */
export interface PoolValues {
  y: FloatArray;
  idx: Int32Array | null;
}

/**
 * Each pooling kind's TypeScript forward over every window of dense values (the reference pool.wasm.ts is
 * tested against, and the path for float64 and CONVLAB_CPU_KERNELS=js): a kind without one does not compile.
 */
export type PoolForwardsTs = {
  readonly [P in PoolKind]: (
    xv: ArrayLike<number>,
    g: PoolGeometry,
    countIncludePad: boolean,
    dtype: FloatDType,
  ) => PoolValues;
};

export const poolForwardsTs: PoolForwardsTs = {
  max: (xv, g, _countIncludePad, dtype) => {
    const n = g.batch * g.channels * sizeOf(g.outSize);
    const y = allocArray(dtype, n) as FloatArray,
      idx = new Int32Array(n);
    maxPool(xv, g, scanOf(g), y, idx);
    return { y, idx };
  },
  avg: (xv, g, countIncludePad, dtype) => {
    const y = allocArray(dtype, g.batch * g.channels * sizeOf(g.outSize)) as FloatArray;
    avgPool(xv, g, scanOf(g), countIncludePad, y);
    return { y, idx: null };
  },
};

/** Each kind's values as its kernel outputs (PoolKindOutputs). */
const poolOutputsCpu: {
  readonly [P in PoolKind]: (v: PoolValues, g: PoolGeometry, dtype: FloatDType) => PoolKindOutputs[P];
} = {
  max: ({ y, idx }, g, dtype) => {
    if (!idx) throw new Error("pool: a max-pooling kernel returned no indices");
    const shape = kernelShape(g, g.outSize);
    return [cpuFromData(y, shape, dtype), cpuFromData(idx, shape, "int32")];
  },
  avg: ({ y }, g, dtype) => [cpuFromData(y, kernelShape(g, g.outSize), dtype)],
};

export const poolCpu: KernelFn<"pool"> = ([x], { geom: g, kind, countIncludePad }) => {
  const xv = dense(x);
  const dtype = x.dtype === "float64" ? "float64" : "float32";
  // float32 on the WebAssembly kernel (pool.wasm.ts: the same values); float64 and CONVLAB_CPU_KERNELS=js here
  const v =
    (xv instanceof Float32Array ? poolWasm(kind, g, xv, countIncludePad) : null) ??
    poolForwardsTs[kind](xv, g, countIncludePad, dtype);
  return poolOutputsCpu[kind](v, g, dtype);
};

export const avgPoolGradCpu: KernelFn<"avgPoolGrad"> = ([dy], { geom: g, countIncludePad }) => {
  const dyv = dense(dy);
  const dtype = dy.dtype === "float64" ? "float64" : "float32";
  const dx =
    (dyv instanceof Float32Array ? poolWasm("avgGrad", g, dyv, countIncludePad)?.y : null) ??
    avgPoolGradTs(g, dyv, countIncludePad, dtype);
  return [cpuFromData(dx, kernelShape(g, g.inSize), dtype)];
};

/** dL/dx of avg pooling on dense values (the reference of pool.wasm.ts). */
export function avgPoolGradTs(
  g: PoolGeometry,
  dyv: ArrayLike<number>,
  countIncludePad: boolean,
  dtype: "float32" | "float64",
): FloatArray {
  const dx = allocArray(dtype, g.batch * g.channels * sizeOf(g.inSize)) as FloatArray;
  const { taps, H, W, inVol, interior, edge } = scanOf(g),
    [td, th, tw] = taps;
  let o = 0;
  for (let plane = 0, planes = g.batch * g.channels; plane < planes; plane++) {
    const p0 = plane * inVol;
    for (let od = 0; od < td.count.length; od++) {
      for (let oh = 0; oh < th.count.length; oh++) {
        const fullDH = td.full[od] & th.full[oh],
          row = (td.pos[td.first[od]] * H + th.pos[th.first[oh]]) * W;
        for (let ow = 0; ow < tw.count.length; ow++, o++) {
          let offs = interior,
            base = row + tw.pos[tw.first[ow]],
            K = interior.length;
          if (!(fullDH & tw.full[ow])) {
            K = edgeTaps(taps, od, oh, ow, edge);
            offs = edge;
            base = 0;
          }
          if (K === 0) continue;
          const divisor = countIncludePad ? td.span[od] * th.span[oh] * tw.span[ow] : K;
          const share = dyv[o] / divisor;
          for (let t = 0; t < K; t++) dx[p0 + base + offs[t]] += share;
        }
      }
    }
  }
  return dx;
}
