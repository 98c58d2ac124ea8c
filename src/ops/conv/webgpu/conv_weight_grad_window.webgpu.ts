/**
 * The window path of dL/dw on webgpu (stride-1 convolutions; kernel in conv_weight_grad_window.wgsl.ts): pads
 * x as the forward conv does (and dy to rows of W8 unless its rows start aligned), then slides each lane's input window over the kernel
 * width in registers. Returns false when the geometry does not suit it (a stride, a window wider than
 * MAX_WINDOW, tensors past one binding): the caller takes the packed path.
 */
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { sliceSumDecl } from "../../gemm/gemm_kn.wgsl";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { padCopyDecl } from "./conv_pad.wgsl";
import { cachedTables } from "./conv_tables.webgpu";
import { MAX_WINDOW } from "./conv_window_plan.webgpu";
import { wgradRowsDecl, wgradWindowDecl } from "./conv_weight_grad_window.wgsl";

/** workgroups to aim for by splitting the steps (a layer has few (c, kd, kh) columns) */
const MIN_BLOCKS = 64;

function padInto(src: Tensor, dst: GPUBuffer, planes: number, S: number[], P: number[], F: number[]): void {
  const aligned = src.dtype !== "int32" && S[2] % 4 === 0 && F[2] % 4 === 0;
  gpuRuntime().run(
    buildProgram(padCopyDecl(wgslType(src.dtype), aligned)),
    aligned ? [gpuBuffer(src), dst, gpuBuffer(src)] : [gpuBuffer(src), dst],
    {
      total: (planes * P[0] * P[1] * P[2]) / 4,
      srcBase: 0,
      P0: P[0],
      P1: P[1],
      P2: P[2],
      S0: S[0],
      S1: S[1],
      S2: S[2],
      F0: F[0],
      F1: F[1],
      F2: F[2],
    },
  );
}

/**
 * x zero-padded so that every window of every (W8-padded) output row is inside: F = padLo in front,
 * extent out + maxoff (the last dim rounded to a multiple of 4 so that rows start aligned). A "valid"
 * conv (no padding) whose rows start aligned is read in place (`inPlace`): one dispatch less, which is
 * most of a small layer's latency on lavapipe. Its windows for the W8 − width masked columns run into
 * the next row; they meet zeroed dy values.
 */
function padPlan(k: ConvGeometry3d, x: Tensor) {
  const maxoff = k.k.map((n, d) => (n - 1) * k.dil[d]);
  const W8 = Math.ceil(k.out[2] / 8) * 8;
  const valid = k.pad.every((p) => p === 0) && k.out.every((o, d) => o + maxoff[d] === k.inS[d]);
  const inPlace = valid && k.inS[2] % 4 === 0 && x.dtype !== "int32";
  const P = inPlace ? k.inS : [k.out[0] + maxoff[0], k.out[1] + maxoff[1], Math.ceil((W8 + maxoff[2]) / 4) * 4];
  return { W8, P, F: k.pad, plane: P[0] * P[1] * P[2], inPlace };
}

export function convWgradWindow(k: ConvGeometry3d, x: Tensor, dy: Tensor, y: Tensor): boolean {
  if (k.s.some((s) => s !== 1) || (k.k[2] - 1) * k.dil[2] + 1 > MAX_WINDOW) return false;
  const p = padPlan(k, x);
  const r = gpuRuntime();
  const maxFloats = r.dev.limits.maxStorageBufferBindingSize / 4,
    maxDim = r.dev.limits.maxComputeWorkgroupsPerDimension;
  // dy is read in place when its rows start aligned; else copied into rows of W8
  const direct = k.out[2] % 4 === 0,
    rowLen = direct ? k.out[2] : p.W8;
  const dyPlane = k.out[0] * k.out[1] * rowLen;
  if (k.N * k.C * p.plane > maxFloats || k.N * k.O * dyPlane > maxFloats) return false;
  const M = k.Og,
    mr = M <= 1 ? 1 : M <= 2 ? 2 : M <= 4 ? 4 : M <= 8 ? 8 : 16;
  const sg = r.dev.subgroupSize ?? 0,
    wg = sg || 32;
  const cols = k.Cg * k.k[0] * k.k[1],
    steps = k.N * k.out[0] * k.out[1] * (p.W8 / 8);
  const [stab, ctab] = cachedTables(`wgrad ${JSON.stringify(k)} ${rowLen} ${p.inPlace}`, () => {
    const st = new Uint32Array(3 * steps),
      ct = new Uint32Array(cols);
    const blocks = p.W8 / 8,
      rows = k.out[0] * k.out[1];
    for (let s = 0; s < steps; s++) {
      const wb = s % blocks,
        row = Math.floor(s / blocks) % rows,
        img = Math.floor(s / (blocks * rows));
      const od = Math.floor(row / k.out[1]),
        oh = row % k.out[1];
      st[3 * s] = img * k.C * p.plane + (od * p.P[1] + oh) * p.P[2] + 8 * wb;
      st[3 * s + 1] = img * k.O * dyPlane + row * rowLen + 8 * wb;
      st[3 * s + 2] = Math.min(8, k.out[2] - 8 * wb);
    }
    const per = k.k[0] * k.k[1];
    for (let c = 0; c < cols; c++) {
      const t = c % per,
        kd = Math.floor(t / k.k[1]) * k.dil[0],
        kh = (t % k.k[1]) * k.dil[1];
      ct[c] = Math.floor(c / per) * p.plane + (kd * p.P[1] + kh) * p.P[2];
    }
    return [st, ct];
  });
  const xp = p.inPlace ? gpuBuffer(x) : r.storage.acquire(k.N * k.C * p.plane * 4);
  const dyp = direct ? null : r.storage.acquire(k.N * k.O * dyPlane * 4);
  if (!p.inPlace) padInto(x, xp, k.N * k.C, k.inS, p.P, p.F);
  if (dyp) padInto(dy, dyp, k.N * k.O, k.out, [k.out[0], k.out[1], p.W8], [0, 0, 0]);
  // few columns: lanes on output channels (rowLanes, ≥ 8 of them) or on (column, tap) pairs (tapLanes)
  const rowLanes = 4 * cols <= (sg || 8) && M >= 8;
  const tapLanes = !rowLanes && 4 * cols <= (sg || 8) && k.k[2] > 1;
  const gx = rowLanes ? cols : Math.ceil((tapLanes ? cols * k.k[2] : cols) / wg),
    gy = Math.ceil(M / (rowLanes ? wg : mr));
  const slices = Math.max(
    1,
    Math.min(Math.ceil(MIN_BLOCKS / (gx * gy * k.G)), Math.ceil(steps / (4 * (sg || 1))), Math.floor(maxDim / k.G)),
  );
  const per = Math.ceil(steps / slices / (sg || 1)) * (sg || 1),
    used = Math.ceil(steps / per);
  const parts = used > 1 ? r.storage.acquire(used * y.size * 4) : null;
  const prog = buildProgram(
    rowLanes
      ? wgradRowsDecl({ wg, kw: k.k[2], dw: k.dil[2] })
      : wgradWindowDecl({ mr, sg, wg, kw: k.k[2], dw: k.dil[2], tapLanes }),
  );
  r.run(
    prog,
    [dyp ?? gpuBuffer(dy), xp, parts ?? gpuBuffer(y), stab, ctab, ...(rowLanes ? [] : [xp])],
    {
      M,
      Og: k.Og,
      G: k.G,
      cols,
      steps,
      per,
      dyPlane,
      xGroup: k.Cg * p.plane,
      rowStride: cols * k.k[2],
      sliceStride: parts ? y.size : 0,
    },
    [gx, gy, used * k.G],
  );
  if (parts) {
    r.run(buildProgram(sliceSumDecl), [parts, gpuBuffer(y)], { total: y.size, slices: used, accumulate: 0 });
    r.storage.release(parts);
  }
  if (!p.inPlace) r.storage.release(xp);
  if (dyp) r.storage.release(dyp);
  return true;
}
