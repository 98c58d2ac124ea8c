/**
 * float32 pooling on the WebAssembly kernel (wasm/assembly/pool.ts) over the same tap tables as the
 * TypeScript kernel (pool_taps.ts), which it matches value for value (avg sums in f64 as it does);
 * planes are split over the thread pool.
 */
import type { PoolGeometry } from "../../../core/geometry";
import { fullWindowOffsets, poolTaps3 } from "./pool_taps.cpu";
import { wasmRuntime } from "../../../backends/cpu/wasm/wasm_module";
import { freshArena } from "../../../backends/cpu/wasm/wasm_heap";
import { runShares, threadCount, type Share } from "../../../backends/cpu/wasm/wasm_pool";

/** Below this many input values a thread hand-off costs more than it saves. */
const THREAD_MIN_VALUES = 1 << 17;

export type PoolWasmKind = "max" | "avg" | "avgGrad";
const KIND: { readonly [K in PoolWasmKind]: number } = { max: 0, avg: 1, avgGrad: 2 };

/** The tables as one i32 block (layout in pool.ts). */
function meta(g: PoolGeometry): number[] {
  const taps = poolTaps3(g),
    [, H, W] = taps[0].inSize3,
    offs = fullWindowOffsets(taps);
  const head = [
    taps[0].inSize3[0],
    H,
    W,
    taps[0].count.length,
    taps[1].count.length,
    taps[2].count.length,
    offs.length,
  ];
  const body: number[] = [];
  const at = () => 8 + 18 + body.length;
  const ptrs: number[] = [];
  const put = (t: ArrayLike<number>) => {
    ptrs.push(at());
    for (let i = 0; i < t.length; i++) body.push(t[i]);
  };
  const offsAt = at();
  for (let i = 0; i < offs.length; i++) body.push(offs[i]);
  for (const t of taps) {
    put(t.first);
    put(t.count);
    put(t.pos);
    put(t.span);
    put(t.lead);
    put(t.full);
  }
  return [...head, offsAt, ...ptrs, ...body, 0, 0, 0, 0];
}

/**
 * kind over every plane: max → [y, idx], avg → [y], avgGrad → [dx] (input dy); null when the wasm
 * kernels do not run here.
 */
export function poolWasm(
  kind: PoolWasmKind,
  g: PoolGeometry,
  input: Float32Array,
  countIncludePad: boolean,
): { y: Float32Array; idx: Int32Array | null } | null {
  const rt = wasmRuntime();
  if (!rt) return null;
  const ar = freshArena(rt);
  const planes = g.batch * g.channels;
  const inVol = g.inSize.reduce((a, b) => a * b, 1),
    outVol = g.outSize.reduce((a, b) => a * b, 1);
  const outLen = planes * (kind === "avgGrad" ? inVol : outVol);
  const m = ar.putI32(meta(g)),
    xp = ar.putF32(input),
    yp = ar.alloc(4 * outLen);
  const idxp = kind === "max" ? ar.alloc(4 * planes * outVol) : 0;
  if (kind === "avgGrad") ar.f32(yp, outLen).fill(0);
  const parts = input.length < THREAD_MIN_VALUES ? 1 : Math.min(threadCount(), planes);
  const shares: Share[] = [];
  for (let p = 0; p < parts; p++) {
    const q0 = Math.round((p * planes) / parts),
      q1 = Math.round(((p + 1) * planes) / parts);
    shares.push({ fn: "poolPlanes", args: [KIND[kind], countIncludePad ? 1 : 0, xp, yp, idxp, q0, q1, m] });
  }
  if (planes > 0) runShares(rt, kind === "avgGrad" ? "avgPool (dL/dx)" : `${kind}Pool`, shares);
  return { y: ar.takeF32(yp, outLen), idx: kind === "max" ? ar.takeI32(idxp, planes * outVol) : null };
}
