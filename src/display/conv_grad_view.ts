/**
 * `cl.showConvolutionGrad(x, w, dy, opts)`: the backward pass of one single-channel convolution
 * (cross-correlation, as conv1d/conv2d), for the gradient stepper (conv_grad_steps.ts has the sums).
 *   1-D: x (L), w (k), dy (OL);  2-D: x (H, W), w (kh, kw), dy (OH, OW).
 * Leading axes of size 1 are accepted ((1, 1, k) or (1, 1, kh, kw) weights, (1, 1, H, W) images), and the
 * kernel's rank decides 1-D or 2-D. dL/dx and dL/dw come from the library's own autograd (cl.vjp of
 * conv1d/conv2d), in float64 on the cpu backend, so the stepper's last step can be checked against them.
 */
import { vjp } from "../autograd/api";
import { tidy } from "../core/scope";
import type { Tensor } from "../core/tensor";
import { getBackend } from "../backends/select";
import { conv1d, conv2d } from "../ops/conv/conv";
import { tensor } from "../ops/creation";
import { encodeF32 } from "./bounds";
import { makeScale } from "./colormap";
import { gradGeometry, runningExtent, type GradGeometry } from "./conv_grad_steps";
import { MAX_STEPPER_SIDE } from "./conv_view";
import { finiteRange, toHost, type HostArray } from "./host";
import { PAYLOAD_SCHEMA_VERSION, type ConvolutionGradView } from "./payload";
import type { FigureOptions } from "./render";

const OP = "showConvolutionGrad";

export interface ConvolutionGradOptions extends FigureOptions {
  title?: string;
  /** One number for every axis, or one per axis ([s] for a signal, [sh, sw] for an image). */
  stride?: number | number[];
  /** Zeros on both sides of each axis. */
  padding?: number | number[];
  dilation?: number | number[];
  /** The kernel tap whose dL/dw sum is written out first ([i] or i for a signal, [i, j] for an image). */
  tap?: number | number[];
}

const fmt = (s: readonly number[]) => `[${s.join(",")}]`;

/** The last `rank` axes of a shape whose other axes are all 1, or an error naming the layout. */
function spatial(a: HostArray, rank: number, what: string, layout: string): number[] {
  const lead = a.shape.slice(0, -rank);
  if (a.shape.length < rank || lead.some((d) => d !== 1))
    throw new Error(`${OP}: expected ${what} of shape ${layout}, got ${fmt(a.shape)}`);
  return a.shape.slice(-rank);
}

function perAxis(v: number | number[] | undefined, rank: number, dflt: number, name: string, min: number): number[] {
  const arr =
    v === undefined ? new Array<number>(rank).fill(dflt) : typeof v === "number" ? new Array<number>(rank).fill(v) : v;
  if (!Array.isArray(arr) || arr.length !== rank || !arr.every((n) => Number.isInteger(n) && n >= min)) {
    throw new Error(`${OP}: expected ${name} as an integer >= ${min} or ${rank} of them, got ${JSON.stringify(v)}`);
  }
  return arr.slice();
}

/** dL/dx and dL/dw of conv1d/conv2d at (x, w) for the cotangent dy, by the library's autograd. */
async function autogradGrads(
  g: GradGeometry,
  x: HostArray,
  w: HostArray,
  dy: HostArray,
): Promise<{ dx: Float64Array; dw: Float64Array }> {
  const dtype = getBackend() === "cpu" ? "float64" : "float32";
  const two = g.dims === 2;
  const shape = (h: number, wd: number) => (two ? [1, 1, h, wd] : [1, 1, wd]);
  const conv = (a: Tensor, b: Tensor) =>
    two
      ? conv2d(a, b, { stride: g.stride, padding: g.padding, dilation: g.dilation })
      : conv1d(a, b, { stride: g.stride[1], padding: g.padding[1], dilation: g.dilation[1] });
  const [gx, gw] = tidy(() => {
    const [, back] = vjp(
      conv,
      tensor(x.data, shape(g.inH, g.inW), { dtype }),
      tensor(w.data, shape(g.kH, g.kW), { dtype }),
    );
    return back(tensor(dy.data, shape(g.outH, g.outW), { dtype }));
  });
  try {
    const [nx, nw] = await Promise.all([gx.toNdarray(), gw.toNdarray()]);
    return { dx: Float64Array.from(nx.data), dw: Float64Array.from(nw.data) };
  } finally {
    gx.dispose();
    gw.dispose();
  }
}

/** Reads x, w and dy, checks their shapes, runs the library's backward pass and builds the payload. */
export async function convolutionGradPayload(
  x: unknown,
  w: unknown,
  dy: unknown,
  opts: ConvolutionGradOptions = {},
): Promise<ConvolutionGradView> {
  const [hx, hw, hdy] = await Promise.all([toHost(x, OP), toHost(w, OP), toHost(dy, OP)]);
  const rank =
    hw.shape.length === 1 || hw.shape.length === 3 ? 1 : hw.shape.length === 2 || hw.shape.length === 4 ? 2 : 0;
  if (rank === 0)
    throw new Error(
      `${OP}: expected w of shape [k], [1,1,k] (a signal) or [kh,kw], [1,1,kh,kw] (an image), got ${fmt(hw.shape)}`,
    );
  const layout = rank === 1 ? "[L] (a signal, single channel)" : "[H,W] (an image, single channel)";
  const xs = spatial(hx, rank, "x", layout),
    ks = spatial(hw, rank, "w", rank === 1 ? "[k]" : "[kh,kw]");
  if (Math.max(...xs) > MAX_STEPPER_SIDE)
    throw new Error(
      `${OP}: expected an input of at most ${MAX_STEPPER_SIDE} per side for the stepper, got ${fmt(xs)}; crop it first`,
    );
  const stride = perAxis(opts.stride, rank, 1, "stride", 1),
    padding = perAxis(opts.padding, rank, 0, "padding", 0);
  const dilation = perAxis(opts.dilation, rank, 1, "dilation", 1);
  const g = gradGeometry(xs, ks, stride, padding, dilation);
  const ys = rank === 1 ? [g.outW] : [g.outH, g.outW];
  if (g.outH < 1 || g.outW < 1)
    throw new Error(
      `${OP}: expected the kernel ${fmt(ks)} (dilation ${fmt(dilation)}) to fit the input ${fmt(xs)} padded by ${fmt(padding)}, got an output of ${fmt(ys)}`,
    );
  const dys = spatial(hdy, rank, "dy", `${fmt(ys)} (the output's shape)`);
  if (dys.join() !== ys.join())
    throw new Error(`${OP}: expected dy of the output's shape ${fmt(ys)}, got ${fmt(hdy.shape)}`);
  const tap = opts.tap === undefined ? undefined : perAxis(opts.tap, rank, 0, "tap", 0);
  if (tap && tap.some((v, i) => v >= ks[i]))
    throw new Error(`${OP}: expected tap inside the kernel ${fmt(ks)}, got ${fmt(tap)}`);
  const grads = await autogradGrads(g, hx, hw, hdy);
  return convolutionGradView(g, { x: hx, w: hw, dy: hdy, ...grads }, { title: opts.title, tap });
}

/** The payload from values already checked (x, w, dy as read; dx, dw from autograd). */
export function convolutionGradView(
  g: GradGeometry,
  v: { x: HostArray; w: HostArray; dy: HostArray; dx: Float64Array; dw: Float64Array },
  opts: { title?: string; tap?: number[] },
): ConvolutionGradView {
  const one = g.dims === 1;
  const shape = (h: number, wd: number) => (one ? [wd] : [h, wd]);
  const axes = (p: [number, number]) => (one ? [p[1]] : [p[0], p[1]]);
  const ext = runningExtent(g, v.x.data, v.w.data, v.dy.data);
  const signed = (m: number, final: Float64Array) => {
    const r = finiteRange(final),
      s = Math.max(m, Math.abs(r.min), Math.abs(r.max));
    return makeScale({ min: -s, max: s }, {}, "coolwarm");
  };
  const xr = finiteRange(v.x.data);
  return {
    version: PAYLOAD_SCHEMA_VERSION,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    notes: [],
    source: { shape: v.x.shape.slice(), dtype: v.x.dtype },
    kind: "convolutionGrad",
    input: encodeF32(shape(g.inH, g.inW), v.x.data),
    kernel: encodeF32(shape(g.kH, g.kW), v.w.data),
    dy: encodeF32(shape(g.outH, g.outW), v.dy.data),
    dx: encodeF32(shape(g.inH, g.inW), v.dx),
    dw: encodeF32(shape(g.kH, g.kW), v.dw),
    stride: axes(g.stride),
    padding: axes(g.padding),
    dilation: axes(g.dilation),
    ...(opts.tap ? { tap: opts.tap } : {}),
    inputScale: makeScale(xr, {}, xr.min < 0 ? "coolwarm" : "viridis"),
    kernelScale: makeScale(finiteRange(v.w.data), {}, "coolwarm"),
    dyScale: makeScale(finiteRange(v.dy.data), {}, "coolwarm"),
    dxScale: signed(ext.dx, v.dx),
    dwScale: signed(ext.dw, v.dw),
  };
}
