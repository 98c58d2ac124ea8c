/**
 * The convlab display payload: the JSON carried under `application/vnd.convlab.v1+json` in every
 * display bundle. Shared by the kernel side (which builds it) and the JupyterLab extension (which
 * renders it), so this file is pure: no Node imports, no imports at all. The extension imports it by
 * relative path. Documented in docs/payload-schema.md.
 *
 * Compatibility rule: within `v1` fields may be added (readers ignore unknown fields); removing or
 * changing the meaning of a field needs `v2` and a new MIME type.
 */

/** The MIME type of the payload. One constant for kernel and extension. */
export const CONVLAB_MIME = "application/vnd.convlab.v1+json";
/** Bumped on additive changes inside v1 so a reader can tell which optional fields to expect. */
export const PAYLOAD_SCHEMA_VERSION = 1;

/** Colormaps every renderer must know. viridis: activations; coolwarm: signed values centred at `center`. */
export type CmapName = "viridis" | "gray" | "coolwarm";
export const CMAP_NAMES: readonly CmapName[] = ["viridis", "gray", "coolwarm"];

/**
 * A dense row-major array. `f32-base64`: little-endian float32 bytes in base64 (NaN/±Inf kept).
 * `json`: plain numbers, with the strings "NaN", "Infinity", "-Infinity" for non-finite values.
 */
export interface ArrayData {
  shape: number[];
  encoding: "f32-base64" | "json";
  data: string | Array<number | "NaN" | "Infinity" | "-Infinity">;
}

/** How values map to colours: [vmin, vmax] through `cmap`; a diverging map puts `center` in the middle. */
export interface ColorScale {
  cmap: CmapName;
  vmin: number;
  vmax: number;
  center?: number;
}

/** Fields shared by every view. `notes` tell the reader what was downsampled or sliced. */
export interface ViewBase {
  version: number;
  title?: string;
  notes: string[];
  /** Shape and dtype of the tensor the user passed, before any bounding. */
  source?: { shape: number[]; dtype: string };
}

/** A 2-D map. `data` has shape (H, W). */
export interface HeatmapView extends ViewBase, ColorScale {
  kind: "heatmap";
  data: ArrayData;
  labels?: { x?: string; y?: string };
}

/** A grid of 2-D maps: (cells, H, W). Feature maps (C,H,W) or filters (O·I, kh, kw), one scale for all. */
export interface GridView extends ViewBase, ColorScale {
  kind: "grid";
  role: "featureMaps" | "filters";
  data: ArrayData;
  rows: number;
  cols: number;
  /** One label per cell, e.g. "c3" or "o2,i0". */
  cellLabels: string[];
}

export interface Series {
  name: string;
  x?: number[];
  y: Array<number | null>;
  /**
   * What the values measure, e.g. "loss" or "accuracy" (added in v1, optional). Series with different
   * units are drawn on separate y axes; without it a reader may infer one from the name.
   */
  unit?: string;
}

/** A line plot of one or more series (1-D signals, loss curves). null in `y` is a gap (NaN/Inf). */
export interface PlotView extends ViewBase {
  kind: "plot";
  series: Series[];
  xlabel?: string;
  ylabel?: string;
  logY?: boolean;
}

/** A complex signal or image: magnitude |z| and phase atan2(im, re), same shape (1-D or 2-D). */
export interface SpectrumView extends ViewBase {
  kind: "spectrum";
  magnitude: ArrayData;
  phase: ArrayData;
  magnitudeScale: ColorScale;
  /** True when the zero frequency was moved to the centre (fftshift) before display. */
  shifted: boolean;
}

/** A matrix shown cell by cell (e.g. a Toeplitz matrix); `showValues` when small enough to print. */
export interface MatrixView extends ViewBase, ColorScale {
  kind: "matrix";
  data: ArrayData;
  showValues: boolean;
  rowLabels?: string[];
  colLabels?: string[];
}

/**
 * The sliding-window stepper for one 2-D channel: y[oh,ow] = Σ x[oh·s + kh·d − p, ow·s + kw·d − p] · w[kh,kw].
 * `input` is unpadded (H, W); the renderer draws the padding ring from `padding`.
 */
export interface ConvolutionView extends ViewBase {
  kind: "convolution";
  input: ArrayData;
  kernel: ArrayData;
  output: ArrayData;
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  inputScale: ColorScale;
  kernelScale: ColorScale;
  outputScale: ColorScale;
}

/**
 * The backward pass of one single-channel convolution, stepped output position by output position
 * (added in v1): step t adds dy[t]·x[window t] to dL/dw and dy[t]·w onto window t of dL/dx.
 * A signal has rank-1 arrays (x (L), w (k), dy (OL)) and one entry in stride/padding/dilation; an image
 * rank-2 arrays and two entries. `dx` (shape of x) and `dw` (shape of w) are the library's own gradients
 * (cl.vjp of conv1d/conv2d): the view's running sums must reach them at the last step. `tap` is the
 * kernel tap whose sum is written out first (default the first tap).
 */
export interface ConvolutionGradView extends ViewBase {
  kind: "convolutionGrad";
  input: ArrayData;
  kernel: ArrayData;
  dy: ArrayData;
  dx: ArrayData;
  dw: ArrayData;
  stride: number[];
  padding: number[];
  dilation: number[];
  tap?: number[];
  inputScale: ColorScale;
  kernelScale: ColorScale;
  dyScale: ColorScale;
  dxScale: ColorScale;
  dwScale: ColorScale;
}

/** Training curves; each update resends the whole (bounded) state under the same display_id. */
export interface LivePlotView extends ViewBase {
  kind: "liveplot";
  series: Series[];
  xlabel?: string;
  ylabel?: string;
  logY?: boolean;
  done: boolean;
}

export interface ProgressView extends ViewBase {
  kind: "progress";
  value: number;
  total: number;
  label?: string;
  elapsedSeconds: number;
  /** Estimated seconds left, absent until it can be estimated. */
  etaSeconds?: number;
  /** Latest metrics shown beside the bar, e.g. {loss: 0.12}. */
  metrics?: Record<string, number>;
  done: boolean;
}

export type ConvlabPayload =
  | HeatmapView
  | GridView
  | PlotView
  | SpectrumView
  | MatrixView
  | ConvolutionView
  | ConvolutionGradView
  | LivePlotView
  | ProgressView;
export type PayloadKind = ConvlabPayload["kind"];

export type DecodeResult = { ok: true; payload: ConvlabPayload } | { ok: false; error: string };

// ---- validation -------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
class PayloadError extends Error {}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + "..." : s;
};
function fail(path: string, expected: string, got: unknown): never {
  throw new PayloadError(`decodePayload: expected ${path} to be ${expected}, got ${show(got)}`);
}
function num(o: Obj, k: string, path: string): number {
  const v = o[k];
  return typeof v === "number" && Number.isFinite(v) ? v : fail(`${path}.${k}`, "a finite number", v);
}
function optNum(o: Obj, k: string, path: string): void {
  if (o[k] !== undefined) num(o, k, path);
}
function str(o: Obj, k: string, path: string, optional = false): void {
  if (optional && o[k] === undefined) return;
  if (typeof o[k] !== "string") fail(`${path}.${k}`, "a string", o[k]);
}
function bool(o: Obj, k: string, path: string): void {
  if (typeof o[k] !== "boolean") fail(`${path}.${k}`, "a boolean", o[k]);
}
function strArray(v: unknown, path: string): void {
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) fail(path, "an array of strings", v);
}
function numArray(v: unknown, path: string, len?: number): void {
  const ok = Array.isArray(v) && v.every((n) => typeof n === "number" && Number.isFinite(n));
  if (!ok || (len !== undefined && v.length !== len)) fail(path, `an array of ${len ?? ""} numbers`, v);
}
function obj(v: unknown, path: string): Obj {
  return isObj(v) ? v : fail(path, "an object", v);
}

function checkScale(o: Obj, path: string): void {
  if (!CMAP_NAMES.includes(o.cmap as CmapName)) fail(`${path}.cmap`, `one of ${CMAP_NAMES.join("|")}`, o.cmap);
  num(o, "vmin", path);
  num(o, "vmax", path);
  optNum(o, "center", path);
}

const NON_FINITE = ["NaN", "Infinity", "-Infinity"];
/** Checks shape and that the data length matches Π shape (base64: 4 bytes per element). */
function checkArray(v: unknown, path: string, rank?: number[]): void {
  const a = obj(v, path);
  const shape = a.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    fail(`${path}.shape`, "an array of non-negative integers", shape);
  }
  if (rank && !rank.includes(shape.length)) fail(`${path}.shape`, `of rank ${rank.join(" or ")}`, shape);
  const size = shape.reduce((p: number, d: number) => p * d, 1);
  if (a.encoding === "f32-base64") {
    if (typeof a.data !== "string") fail(`${path}.data`, "a base64 string", a.data);
    const bytes = base64ByteLength(a.data);
    if (bytes !== size * 4) fail(`${path}.data`, `${size * 4} bytes for shape [${shape}]`, `${bytes} bytes`);
  } else if (a.encoding === "json") {
    const d = a.data;
    if (!Array.isArray(d) || !d.every((x) => typeof x === "number" || NON_FINITE.includes(x as string))) {
      fail(`${path}.data`, "an array of numbers", d);
    }
    if ((d as unknown[]).length !== size)
      fail(`${path}.data`, `${size} values for shape [${shape}]`, `${(d as unknown[]).length}`);
  } else fail(`${path}.encoding`, `"f32-base64" or "json"`, a.encoding);
}

function checkSeries(v: unknown, path: string): void {
  if (!Array.isArray(v)) fail(path, "an array of series", v);
  v.forEach((s, i) => {
    const o = obj(s, `${path}[${i}]`);
    str(o, "name", `${path}[${i}]`);
    if (!Array.isArray(o.y) || !o.y.every((y) => y === null || (typeof y === "number" && Number.isFinite(y)))) {
      fail(`${path}[${i}].y`, "an array of numbers or null", o.y);
    }
    if (o.x !== undefined) numArray(o.x, `${path}[${i}].x`, (o.y as unknown[]).length);
    str(o, "unit", `${path}[${i}]`, true);
  });
}

const shapeOf = (o: Obj, k: string): number[] => (o[k] as { shape: number[] }).shape;
const sameShape = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Ranks agree (1 or 2), options have one entry per axis, and dy, dx, dw have the shapes the geometry gives. */
function checkConvolutionGrad(o: Obj): void {
  checkArray(o.input, "payload.input", [1, 2]);
  const rank = shapeOf(o, "input").length;
  for (const k of ["kernel", "dy", "dx", "dw"]) checkArray(o[k], `payload.${k}`, [rank]);
  for (const k of ["stride", "padding", "dilation"]) numArray(o[k], `payload.${k}`, rank);
  if (o.tap !== undefined) numArray(o.tap, "payload.tap", rank);
  for (const k of ["inputScale", "kernelScale", "dyScale", "dxScale", "dwScale"])
    checkScale(obj(o[k], `payload.${k}`), `payload.${k}`);
  const x = shapeOf(o, "input"),
    w = shapeOf(o, "kernel");
  const [s, p, d] = ["stride", "padding", "dilation"].map((k) => o[k] as number[]);
  if (
    !s.every((v) => Number.isInteger(v) && v >= 1) ||
    !d.every((v) => Number.isInteger(v) && v >= 1) ||
    !p.every((v) => Number.isInteger(v) && v >= 0)
  ) {
    fail("payload.stride/padding/dilation", "integers, stride and dilation >= 1, padding >= 0", {
      stride: s,
      padding: p,
      dilation: d,
    });
  }
  const y = x.map((n, i) => Math.floor((n + 2 * p[i] - d[i] * (w[i] - 1) - 1) / s[i]) + 1);
  if (!y.every((n) => n >= 1)) fail("payload.kernel.shape", `to fit the padded input [${x}]`, w);
  if (!sameShape(shapeOf(o, "dy"), y)) fail("payload.dy.shape", `the output shape [${y}]`, shapeOf(o, "dy"));
  if (!sameShape(shapeOf(o, "dx"), x)) fail("payload.dx.shape", `the input shape [${x}]`, shapeOf(o, "dx"));
  if (!sameShape(shapeOf(o, "dw"), w)) fail("payload.dw.shape", `the kernel shape [${w}]`, shapeOf(o, "dw"));
  const tap = o.tap as number[] | undefined;
  if (tap && !tap.every((v, i) => Number.isInteger(v) && v >= 0 && v < w[i]))
    fail("payload.tap", `a tap of the kernel [${w}]`, tap);
}

const CHECKS: Record<PayloadKind, (o: Obj) => void> = {
  heatmap: (o) => {
    checkScale(o, "payload");
    checkArray(o.data, "payload.data", [2]);
  },
  grid: (o) => {
    checkScale(o, "payload");
    checkArray(o.data, "payload.data", [3]);
    if (o.role !== "featureMaps" && o.role !== "filters") fail("payload.role", `"featureMaps" or "filters"`, o.role);
    const rows = num(o, "rows", "payload"),
      cols = num(o, "cols", "payload");
    const cells = (o.data as { shape: number[] }).shape[0];
    if (rows * cols < cells) fail("payload.rows*cols", `at least ${cells} cells`, rows * cols);
    strArray(o.cellLabels, "payload.cellLabels");
  },
  plot: (o) => {
    checkSeries(o.series, "payload.series");
    str(o, "xlabel", "payload", true);
    str(o, "ylabel", "payload", true);
  },
  spectrum: (o) => {
    checkArray(o.magnitude, "payload.magnitude", [1, 2]);
    checkArray(o.phase, "payload.phase", [1, 2]);
    checkScale(obj(o.magnitudeScale, "payload.magnitudeScale"), "payload.magnitudeScale");
    bool(o, "shifted", "payload");
  },
  matrix: (o) => {
    checkScale(o, "payload");
    checkArray(o.data, "payload.data", [2]);
    bool(o, "showValues", "payload");
  },
  convolution: (o) => {
    for (const k of ["input", "kernel", "output"]) checkArray(o[k], `payload.${k}`, [2]);
    for (const k of ["stride", "padding", "dilation"]) numArray(o[k], `payload.${k}`, 2);
    for (const k of ["inputScale", "kernelScale", "outputScale"]) checkScale(obj(o[k], `payload.${k}`), `payload.${k}`);
  },
  convolutionGrad: checkConvolutionGrad,
  liveplot: (o) => {
    checkSeries(o.series, "payload.series");
    bool(o, "done", "payload");
  },
  progress: (o) => {
    num(o, "value", "payload");
    num(o, "total", "payload");
    num(o, "elapsedSeconds", "payload");
    optNum(o, "etaSeconds", "payload");
    bool(o, "done", "payload");
  },
};

/** Validates untrusted JSON (a saved notebook output) into a typed payload, or a readable error. */
export function decodePayload(json: unknown): DecodeResult {
  try {
    const o = obj(json, "payload");
    if (o.version !== PAYLOAD_SCHEMA_VERSION) fail("payload.version", `${PAYLOAD_SCHEMA_VERSION}`, o.version);
    const check = CHECKS[o.kind as PayloadKind];
    if (typeof o.kind !== "string" || !check) fail("payload.kind", `one of ${Object.keys(CHECKS).join("|")}`, o.kind);
    strArray(o.notes, "payload.notes");
    str(o, "title", "payload", true);
    check(o);
    // every field of the kind was checked above; TypeScript cannot carry those checks to the type
    return { ok: true, payload: o as unknown as ConvlabPayload };
  } catch (e) {
    if (e instanceof PayloadError) return { ok: false, error: e.message };
    throw e;
  }
}

// ---- array data -------------------------------------------------------------------------------

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64ByteLength(s: string): number {
  if (s.length % 4 !== 0) return -1;
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  return (s.length / 4) * 3 - pad;
}

/** Decodes base64 without atob/Buffer so this file runs unchanged in the browser and in Node. */
export function base64ToBytes(s: string): Uint8Array {
  const n = base64ByteLength(s);
  if (n < 0) throw new Error(`base64ToBytes: expected a length divisible by 4, got ${s.length}`);
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const v =
      (B64.indexOf(s[i]) << 18) |
      (B64.indexOf(s[i + 1]) << 12) |
      ((B64.indexOf(s[i + 2]) & 63) << 6) |
      (B64.indexOf(s[i + 3]) & 63);
    if (o < n) out[o++] = (v >> 16) & 255;
    if (o < n) out[o++] = (v >> 8) & 255;
    if (o < n) out[o++] = v & 255;
  }
  return out;
}

/** The values of an ArrayData, row-major, as float32 (NaN/±Inf preserved). */
export function arrayValues(a: ArrayData): Float32Array {
  if (a.encoding === "json") {
    return Float32Array.from(a.data as Array<number | string>, (v) => (typeof v === "number" ? v : Number(v)));
  }
  const bytes = base64ToBytes(a.data as string);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
