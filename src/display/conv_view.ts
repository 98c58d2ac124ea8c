/**
 * The sliding-window stepper payload for one input channel and one filter. The output is computed
 * here (cross-correlation, as in the lectures and PyTorch), so the view needs no library op:
 *   y[oh, ow] = Σ_kh Σ_kw x[oh·s_h + kh·d_h − p_h, ow·s_w + kw·d_w − p_w] · w[kh, kw]   (zero outside x)
 *   OH = ⌊(H + 2p_h − d_h(kh − 1) − 1) / s_h⌋ + 1, likewise OW.
 */
import { encodeF32 } from "./bounds";
import { makeScale } from "./colormap";
import { finiteRange, type HostArray } from "./host";
import { PAYLOAD_SCHEMA_VERSION, type ConvolutionView } from "./payload";
import type { FigureOptions } from "./render";

export interface ConvolutionOptions extends FigureOptions {
  title?: string;
  stride?: number | [number, number];
  padding?: number | [number, number];
  dilation?: number | [number, number];
  /** Which input channel (of (C,H,W) or (1,C,H,W)) and which filter (o, i) of (O,I,kh,kw) to show. */
  channel?: number;
  filter?: [number, number];
}

const pair = (v: number | [number, number] | undefined, d: number): [number, number] =>
  v === undefined ? [d, d] : typeof v === "number" ? [v, v] : [v[0], v[1]];

/** The (H, W) plane at `index` of the leading dims flattened. */
function plane(a: HostArray, index: number, op: string, what: string): { h: number; w: number; data: Float64Array } {
  if (a.shape.length < 2) throw new Error(`${op}: expected ${what} of rank >= 2, got shape [${a.shape.join(",")}]`);
  const [h, w] = a.shape.slice(-2);
  const count = a.data.length / (h * w);
  if (index < 0 || index >= count) throw new Error(`${op}: expected ${what} index in [0, ${count}), got ${index}`);
  return { h, w, data: a.data.slice(index * h * w, (index + 1) * h * w) };
}

/** Maximum side of the input the stepper accepts: it draws every cell. */
export const MAX_STEPPER_SIDE = 64;

export function convolutionView(x: HostArray, w: HostArray, opts: ConvolutionOptions = {}): ConvolutionView {
  const op = "showConvolution";
  const [sh, sw] = pair(opts.stride, 1),
    [ph, pw] = pair(opts.padding, 0),
    [dh, dw] = pair(opts.dilation, 1);
  if (Math.min(sh, sw, dh, dw) < 1 || Math.min(ph, pw) < 0) {
    throw new Error(
      `${op}: expected stride, dilation >= 1 and padding >= 0, got stride [${sh},${sw}] padding [${ph},${pw}] dilation [${dh},${dw}]`,
    );
  }
  const inputs = w.shape.length === 4 ? w.shape[1] : 1;
  const [fo, fi] = opts.filter ?? [0, opts.channel ?? 0];
  const xin = plane(x, opts.channel ?? 0, op, "x channel");
  const k = plane(w, w.shape.length === 4 ? fo * inputs + (fi % inputs) : 0, op, "w filter");
  if (Math.max(xin.h, xin.w) > MAX_STEPPER_SIDE) {
    throw new Error(
      `${op}: expected an input of at most ${MAX_STEPPER_SIDE}x${MAX_STEPPER_SIDE} for the stepper, got ${xin.h}x${xin.w}; crop it first`,
    );
  }
  const oh = Math.floor((xin.h + 2 * ph - dh * (k.h - 1) - 1) / sh) + 1;
  const ow = Math.floor((xin.w + 2 * pw - dw * (k.w - 1) - 1) / sw) + 1;
  if (oh < 1 || ow < 1) {
    throw new Error(
      `${op}: expected the kernel (${k.h}x${k.w}, dilation [${dh},${dw}]) to fit the padded input ${xin.h + 2 * ph}x${xin.w + 2 * pw}, got output ${oh}x${ow}`,
    );
  }
  const y = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      let acc = 0;
      for (let a = 0; a < k.h; a++)
        for (let b = 0; b < k.w; b++) {
          const r = i * sh + a * dh - ph,
            c = j * sw + b * dw - pw;
          if (r >= 0 && r < xin.h && c >= 0 && c < xin.w) acc += xin.data[r * xin.w + c] * k.data[a * k.w + b];
        }
      y[i * ow + j] = acc;
    }
  const notes: string[] = [];
  if (x.data.length > xin.h * xin.w) notes.push(`input channel ${opts.channel ?? 0} of shape [${x.shape.join(",")}]`);
  if (w.shape.length === 4) notes.push(`filter o${fo},i${fi % inputs} of shape [${w.shape.join(",")}]`);
  const xr = finiteRange(xin.data),
    kr = finiteRange(k.data),
    yr = finiteRange(y);
  return {
    version: PAYLOAD_SCHEMA_VERSION,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    notes,
    source: { shape: x.shape.slice(), dtype: x.dtype },
    kind: "convolution",
    input: encodeF32([xin.h, xin.w], xin.data),
    kernel: encodeF32([k.h, k.w], k.data),
    output: encodeF32([oh, ow], y),
    stride: [sh, sw],
    padding: [ph, pw],
    dilation: [dh, dw],
    inputScale: makeScale(xr, {}, xr.min < 0 ? "coolwarm" : "viridis"),
    kernelScale: makeScale(kr, {}, "coolwarm"),
    outputScale: makeScale(yr, {}, yr.min < 0 ? "coolwarm" : "viridis"),
  };
}
