/**
 * The backward pass of one single-channel convolution, step by step: the accumulation that the gradient
 * stepper shows. Pure (imports only payload types), so the kernel's static figure and the JupyterLab view
 * (extension/src/views/grad_stepper.ts imports it by relative path) count the same sums. Forward, as conv2d:
 *   y[t] = Σ_k x[t·s + k·d − p] · w[k]                       (t an output position, k a tap; 0 outside x)
 * Backward, with dy = dL/dy, visiting the output positions t in row-major order:
 *   dL/dw[k] = Σ_t dy[t] · x[t·s + k·d − p]                  (step t adds dy[t]·x[window t] to dL/dw)
 *   dL/dx[i] = Σ_{t,k : t·s + k·d − p = i} dy[t] · w[k]      (step t adds dy[t]·w onto window t of dL/dx)
 * Taps that land on the zero padding read 0 for dL/dw and add nothing to dL/dx (the padding is not a
 * variable). A 1-D signal is a map of height 1: index formatting is its only difference.
 */
import { arrayValues, type ConvolutionGradView } from "./payload";

/** A sliding window over a 2-D input: the forward stepper's geometry (the extension's too) and the gradient's. */
export interface WindowGeometry {
  inH: number;
  inW: number;
  kH: number;
  kW: number;
  outH: number;
  outW: number;
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
}

export interface GradGeometry extends WindowGeometry {
  /** 1 for a signal (inH = kH = outH = 1), 2 for an image. */
  dims: 1 | 2;
}

/** Output size along one axis: ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1. */
export const outSize = (n: number, k: number, s: number, p: number, d: number): number =>
  Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;

/** (h, w) of a rank-1 or rank-2 shape, a rank-1 one as one row. */
const hw = (shape: readonly number[]): [number, number] => (shape.length === 1 ? [1, shape[0]] : [shape[0], shape[1]]);
/** Per-axis option of a 1-D (one entry) or 2-D (two entries) payload as (rows, columns). */
const pair = (v: readonly number[], rowDefault: number): [number, number] =>
  v.length === 1 ? [rowDefault, v[0]] : [v[0], v[1]];

export function gradGeometry(
  inShape: readonly number[],
  kShape: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  dilation: readonly number[],
): GradGeometry {
  const [inH, inW] = hw(inShape),
    [kH, kW] = hw(kShape);
  const s = pair(stride, 1),
    p = pair(padding, 0),
    d = pair(dilation, 1);
  return {
    dims: inShape.length === 1 ? 1 : 2,
    inH,
    inW,
    kH,
    kW,
    stride: s,
    padding: p,
    dilation: d,
    outH: outSize(inH, kH, s[0], p[0], d[0]),
    outW: outSize(inW, kW, s[1], p[1], d[1]),
  };
}

export const geometryOf = (v: ConvolutionGradView): GradGeometry =>
  gradGeometry(v.input.shape, v.kernel.shape, v.stride, v.padding, v.dilation);

/** The values of a payload as the stepper reads them. */
export interface GradValues {
  x: Float32Array;
  w: Float32Array;
  dy: Float32Array;
  /** The library's (autograd) gradients: what the sums reach at the last step. */
  dx: Float32Array;
  dw: Float32Array;
}

export const valuesOf = (v: ConvolutionGradView): GradValues => ({
  x: arrayValues(v.input),
  w: arrayValues(v.kernel),
  dy: arrayValues(v.dy),
  dx: arrayValues(v.dx),
  dw: arrayValues(v.dw),
});

export const stepCount = (g: GradGeometry): number => g.outH * g.outW;

/** Output position of step t (row-major, as the kernel slides). */
export const stepAt = (g: GradGeometry, t: number): { oh: number; ow: number } => ({
  oh: Math.floor(t / g.outW),
  ow: t % g.outW,
});

export interface Tap {
  kh: number;
  kw: number;
  /** The input cell the tap reads, in unpadded coordinates (negative or past the end on padding). */
  r: number;
  c: number;
  inside: boolean;
}

/** The taps of the window of step t, in the kernel's row-major order. */
export function windowOf(g: GradGeometry, t: number): Tap[] {
  const { oh, ow } = stepAt(g, t);
  const taps: Tap[] = [];
  for (let kh = 0; kh < g.kH; kh++)
    for (let kw = 0; kw < g.kW; kw++) {
      const r = oh * g.stride[0] + kh * g.dilation[0] - g.padding[0],
        c = ow * g.stride[1] + kw * g.dilation[1] - g.padding[1];
      taps.push({ kh, kw, r, c, inside: r >= 0 && r < g.inH && c >= 0 && c < g.inW });
    }
  return taps;
}

/** dL/dw and dL/dx after the first `steps` output positions (steps = stepCount gives the full gradient). */
export function accumulate(
  g: GradGeometry,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  dy: ArrayLike<number>,
  steps: number,
): { dw: Float64Array; dx: Float64Array } {
  const dw = new Float64Array(g.kH * g.kW),
    dx = new Float64Array(g.inH * g.inW);
  for (let t = 0; t < Math.min(steps, stepCount(g)); t++) {
    for (const k of windowOf(g, t)) {
      if (!k.inside) continue;
      dw[k.kh * g.kW + k.kw] += dy[t] * x[k.r * g.inW + k.c];
      dx[k.r * g.inW + k.c] += dy[t] * w[k.kh * g.kW + k.kw];
    }
  }
  return { dw, dx };
}

/** The largest |value| any running dL/dw and dL/dx takes over all steps (the colour scales hold every step). */
export function runningExtent(
  g: GradGeometry,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  dy: ArrayLike<number>,
): { dw: number; dx: number } {
  const dw = new Float64Array(g.kH * g.kW),
    dx = new Float64Array(g.inH * g.inW);
  let mw = 0,
    mx = 0;
  for (let t = 0; t < stepCount(g); t++) {
    for (const k of windowOf(g, t)) {
      if (!k.inside) continue;
      const a = (dw[k.kh * g.kW + k.kw] += dy[t] * x[k.r * g.inW + k.c]);
      const b = (dx[k.r * g.inW + k.c] += dy[t] * w[k.kh * g.kW + k.kw]);
      if (Number.isFinite(a)) mw = Math.max(mw, Math.abs(a));
      if (Number.isFinite(b)) mx = Math.max(mx, Math.abs(b));
    }
  }
  return { dw: mw, dx: mx };
}

/** One product of a written-out gradient sum: dy[t] times x (for dL/dw) or w (for dL/dx); 0 on padding. */
export interface Term {
  t: number;
  dy: number;
  other: number;
  /** The tap (kh, kw) and the input cell (r, c) it joins. */
  tap: Tap;
}

/** The terms of dL/dw[kh, kw] over the first `steps` steps: dy[t]·x[t·s + k·d − p]. */
export function dwTerms(
  g: GradGeometry,
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  kh: number,
  kw: number,
  steps: number,
): Term[] {
  const out: Term[] = [];
  for (let t = 0; t < Math.min(steps, stepCount(g)); t++) {
    const tap = windowOf(g, t)[kh * g.kW + kw];
    out.push({ t, dy: dy[t], other: tap.inside ? x[tap.r * g.inW + tap.c] : 0, tap });
  }
  return out;
}

/** The terms of dL/dx[r, c] over the first `steps` steps: dy[t]·w[k] for every window tap that reads x[r, c]. */
export function dxTerms(
  g: GradGeometry,
  w: ArrayLike<number>,
  dy: ArrayLike<number>,
  r: number,
  c: number,
  steps: number,
): Term[] {
  const out: Term[] = [];
  for (let t = 0; t < Math.min(steps, stepCount(g)); t++) {
    for (const tap of windowOf(g, t))
      if (tap.r === r && tap.c === c) out.push({ t, dy: dy[t], other: w[tap.kh * g.kW + tap.kw], tap });
  }
  return out;
}

export const sumOf = (terms: readonly Term[]): number => terms.reduce((s, k) => s + k.dy * k.other, 0);

/** An index as students write it: [3] for a signal, [1, 2] for an image. */
export const indexText = (g: GradGeometry, r: number, c: number): string => (g.dims === 1 ? `[${c}]` : `[${r}, ${c}]`);

/** The output position of step t as an index: dy[3] or dy[0, 2]. */
export const stepIndex = (g: GradGeometry, t: number): string => {
  const { oh, ow } = stepAt(g, t);
  return indexText(g, oh, ow);
};

/** A kernel tap as an index: [1] or [0, 2]. */
export const tapIndex = (g: GradGeometry, k: { kh: number; kw: number }): string => indexText(g, k.kh, k.kw);

/**
 * A gradient sum as parts to wrap into lines: "head = a·b", "+ c·d", …, "= total". `numeric` writes the
 * values (negative ones in parentheses), else the symbols: dy[t]·x[i] for dL/dw, dy[t]·w[k] for dL/dx.
 * More than `max` terms: the first max − 2, "…" and the last. No terms (a cell no window covers): "head = 0".
 */
export function sumParts(
  g: GradGeometry,
  head: string,
  terms: readonly Term[],
  of: "x" | "w",
  fmt: (v: number) => string,
  numeric: boolean,
  max = 9,
): string[] {
  const par = (v: number) => (v < 0 || Object.is(v, -0) ? `(${fmt(v)})` : fmt(v));
  const one = (k: Term) =>
    numeric
      ? `${par(k.dy)}·${par(k.other)}`
      : `dy${stepIndex(g, k.t)}·${of === "x" ? `x${indexText(g, k.tap.r, k.tap.c)}` : `w${tapIndex(g, k.tap)}`}`;
  const all = terms.map(one);
  const shown = all.length <= max ? all : [...all.slice(0, max - 2), "…", all[all.length - 1]];
  if (!shown.length) return [`${head} = 0`];
  return [
    `${head} = ${shown[0]}`,
    ...shown.slice(1).map((s) => `+ ${s}`),
    ...(numeric ? [`= ${fmt(sumOf(terms))}`] : []),
  ];
}
