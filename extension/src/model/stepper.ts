/**
 * Geometry of the convolution stepper (2-D cross-correlation, as conv2d computes it):
 *
 *   y[oh, ow] = b + Σ_{kh, kw} xp[oh·sh + kh·dh, ow·sw + kw·dw] · w[kh, kw]
 *
 * where xp is x zero-padded by (ph, pw) on each side: xp[i, j] = x[i - ph, j - pw], or 0 outside x.
 * Output size: oH = ⌊(H + 2ph − dh(kH − 1) − 1) / sh⌋ + 1 (and the same for W).
 * Positions are given in padded coordinates so the view can draw the padding ring around the input.
 */

import { outSize, type WindowGeometry } from "../../../src/display/conv_grad_steps";

/** The window geometry, as the library's steppers define it (one type for both sides). */
export type StepperGeometry = WindowGeometry;

export interface WindowTap {
  /** Row/col in padded input coordinates. */
  pr: number;
  pc: number;
  kh: number;
  kw: number;
  /** True when the tap falls on zero padding. */
  padded: boolean;
}

export function stepperGeometry(
  inShape: readonly [number, number],
  kShape: readonly [number, number],
  stride: [number, number] = [1, 1],
  padding: [number, number] = [0, 0],
  dilation: [number, number] = [1, 1],
): StepperGeometry {
  const outH = outSize(inShape[0], kShape[0], stride[0], padding[0], dilation[0]);
  const outW = outSize(inShape[1], kShape[1], stride[1], padding[1], dilation[1]);
  if (outH < 1 || outW < 1) {
    throw new Error(
      `showConvolution: expected a kernel that fits the padded input, got input [${inShape}] kernel [${kShape}] padding [${padding}] dilation [${dilation}]`,
    );
  }
  return { inH: inShape[0], inW: inShape[1], kH: kShape[0], kW: kShape[1], stride, padding, dilation, outH, outW };
}

/** Number of output positions (steps). */
export const stepCount = (g: StepperGeometry): number => g.outH * g.outW;

/** Output (oh, ow) of step s (row-major order, as the kernel slides). */
export const stepPosition = (g: StepperGeometry, s: number): { oh: number; ow: number } => ({
  oh: Math.floor(s / g.outW),
  ow: s % g.outW,
});

/** The kernel's taps at output (oh, ow): its receptive field in padded coordinates. */
export function windowAt(g: StepperGeometry, oh: number, ow: number): WindowTap[] {
  const taps: WindowTap[] = [];
  for (let kh = 0; kh < g.kH; kh++) {
    for (let kw = 0; kw < g.kW; kw++) {
      const pr = oh * g.stride[0] + kh * g.dilation[0];
      const pc = ow * g.stride[1] + kw * g.dilation[1];
      const r = pr - g.padding[0];
      const c = pc - g.padding[1];
      taps.push({ pr, pc, kh, kw, padded: r < 0 || r >= g.inH || c < 0 || c >= g.inW });
    }
  }
  return taps;
}

export interface StepTerms {
  /** x value (0 on padding) and w value of each tap, in tap order. */
  terms: { x: number; w: number; padded: boolean }[];
  bias: number;
  sum: number;
}

/** The products that make up y[oh, ow]; x is H x W row-major, w is kH x kW row-major. */
export function termsAt(
  g: StepperGeometry,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  oh: number,
  ow: number,
  bias = 0,
): StepTerms {
  let sum = bias;
  const terms = windowAt(g, oh, ow).map((t) => {
    const xv = t.padded ? 0 : x[(t.pr - g.padding[0]) * g.inW + (t.pc - g.padding[1])];
    const wv = w[t.kh * g.kW + t.kw];
    sum += xv * wv;
    return { x: xv, w: wv, padded: t.padded };
  });
  return { terms, bias, sum };
}
