/**
 * conv1d/2d/3d, convTranspose1d/2d/3d, unfold and separableConv2d against PyTorch 1.13 (float64), on
 * seeded random cases: odd sizes, non-square kernels, stride and dilation together, groups, every padding
 * form ("valid" | "same" | "full" | number | number[] | [lo, hi][]), every padding mode, flip, bias,
 * unbatched input, float64; and the gradient kernels convTranspose / convWeightGrad against torch.autograd.
 * One python call for the whole file.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { runOracle, type OracleCase } from "../helpers/oracle";
import { pair } from "../helpers/random_data";
import { run1 } from "../../src/core/dispatch";
import { convGeometry } from "../../src/ops/conv/geometry/conv_geometry";

interface Built {
  case: OracleCase;
  run: () => cl.Tensor;
  label: string;
  output?: number;
}
type Pad = cl.ConvPadding;

function maker(seed: number) {
  const rng = new cl.Rng(seed);
  const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)];
  return { r, pick };
}

const CONVS = { 1: cl.conv1d, 2: cl.conv2d, 3: cl.conv3d } as const;
const CONVTS = { 1: cl.convTranspose1d, 2: cl.convTranspose2d, 3: cl.convTranspose3d } as const;

function convCases(out: Built[], count: number, seed: number): void {
  const { r, pick } = maker(seed);
  let s = seed * 1000;
  for (let i = 0; i < count; i++) {
    const dims = ([1, 2, 2, 3] as const)[i % 4];
    const small = dims === 3;
    const k = Array.from({ length: dims }, () => r(1, small ? 3 : 5));
    const form = pick(["int", "array", "pairs", "same", "valid", "full", "none"] as const);
    const mode = i % 5 === 0 ? pick(["reflect", "replicate", "circular"] as const) : "zeros";
    const dilation = k.map(() => (form === "same" || rng01(r) ? r(1, 2) : 1));
    const stride = form === "same" ? 1 : k.map(() => r(1, 3));
    const maxPad = small ? 1 : 2;
    let padding: Pad | undefined;
    if (form === "int") padding = r(0, maxPad);
    else if (form === "array") padding = k.map(() => r(0, maxPad));
    else if (form === "pairs") padding = k.map(() => [r(0, maxPad), r(0, maxPad)] as [number, number]);
    else if (form !== "none") padding = form;
    const groups = r(1, 3),
      cg = r(1, small ? 2 : 3),
      og = r(1, small ? 2 : 3);
    // sizes large enough for the kernel without padding and for reflect/full pads (< size)
    const size = k.map((kk, d) => Math.max(dilation[d] * (kk - 1) + 1, 2 * (kk - 1) + 1) + r(0, small ? 3 : 8));
    const batched = i % 7 !== 3;
    const xShape = [...(batched ? [r(1, 3)] : []), groups * cg, ...size];
    const x = pair(xShape, s++),
      w = pair([groups * og, cg, ...k], s++);
    const withBias = i % 3 === 0,
      b = pair([groups * og], s++);
    const flip = i % 4 === 1;
    const f64 = i % 11 === 0;
    const opts: cl.ConvOptions = {
      stride,
      padding,
      dilation,
      groups,
      flip,
      paddingMode: mode,
      ...(withBias ? { bias: b.t } : {}),
    };
    const attrs = { dims, stride, padding, dilation, groups, flip, paddingMode: mode };
    const label = `conv${dims}d #${i} x[${xShape}] w[${w.o.shape}] ${JSON.stringify(attrs)} bias=${withBias} f64=${f64}`;
    out.push({
      label,
      case: { op: "conv", inputs: { x: x.o, w: w.o, ...(withBias ? { b: b.o } : {}) }, attrs },
      run: () => CONVS[dims](f64 ? cl.cast(x.t, "float64") : x.t, w.t, opts),
    });
  }
}

function rng01(r: (lo: number, hi: number) => number): boolean {
  return r(0, 1) === 1;
}

function convTransposeCases(out: Built[], count: number, seed: number): void {
  const { r } = maker(seed);
  let s = seed * 1000;
  for (let i = 0; i < count; i++) {
    const dims = ([1, 2, 3] as const)[i % 3];
    const small = dims === 3;
    const k = Array.from({ length: dims }, () => r(1, small ? 3 : 4));
    const stride = k.map(() => r(1, 3)),
      dilation = k.map(() => r(1, 2));
    const outputPadding = stride.map((st, d) => r(0, Math.max(st, dilation[d]) - 1));
    const padding = k.map((kk, d) => r(0, Math.floor((dilation[d] * (kk - 1)) / 2)));
    const groups = r(1, 2),
      cg = r(1, 3),
      og = r(1, 3);
    const xShape = [r(1, 2), groups * cg, ...k.map(() => r(1, small ? 3 : 6))];
    const x = pair(xShape, s++),
      w = pair([groups * cg, og, ...k], s++),
      b = pair([groups * og], s++);
    const withBias = i % 2 === 0;
    const attrs = { dims, stride, padding, outputPadding, dilation, groups };
    out.push({
      label: `convTranspose${dims}d #${i} x[${xShape}] w[${w.o.shape}] ${JSON.stringify(attrs)}`,
      case: { op: "convTranspose", inputs: { x: x.o, w: w.o, ...(withBias ? { b: b.o } : {}) }, attrs },
      run: () =>
        CONVTS[dims](x.t, w.t, {
          stride,
          padding,
          outputPadding,
          dilation,
          groups,
          ...(withBias ? { bias: b.t } : {}),
        }),
    });
  }
}

function unfoldCases(out: Built[], count: number, seed: number): void {
  const { r, pick } = maker(seed);
  let s = seed * 1000;
  for (let i = 0; i < count; i++) {
    const dims = ([2, 2, 1, 3] as const)[i % 4];
    const k = Array.from({ length: dims }, () => r(1, 3));
    const stride = k.map(() => r(1, 2)),
      dilation = k.map(() => r(1, 2));
    const padding: Pad = pick([0, 1, k.map(() => r(0, 1)), k.map(() => [r(0, 2), r(0, 1)] as [number, number])]);
    const batched = i % 5 !== 2;
    const xShape = [
      ...(batched ? [r(1, 2)] : []),
      r(1, 3),
      ...k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, dims === 3 ? 2 : 5)),
    ];
    const x = pair(xShape, s++);
    const attrs = { kernelSize: k, stride, padding, dilation };
    out.push({
      label: `unfold #${i} x[${xShape}] ${JSON.stringify(attrs)}`,
      case: { op: "unfold", inputs: { x: x.o }, attrs },
      run: () => cl.unfold(x.t, k, { stride, padding, dilation }),
    });
  }
}

function separableCases(out: Built[], count: number, seed: number): void {
  const { r } = maker(seed);
  let s = seed * 1000;
  for (let i = 0; i < count; i++) {
    const C = r(1, 3),
      M = r(1, 2),
      O = r(1, 4),
      kh = r(1, 3),
      kw = r(1, 4);
    const stride = [r(1, 2), r(1, 2)],
      padding = [r(0, 1), r(0, 2)],
      dilation = [r(1, 2), 1];
    const x = pair([r(1, 2), C, 5 + r(0, 4), 6 + r(0, 4)], s++),
      dw = pair([C * M, 1, kh, kw], s++),
      pw = pair([O, C * M, 1, 1], s++),
      b = pair([O], s++);
    out.push({
      label: `separableConv2d #${i}`,
      case: {
        op: "separableConv2d",
        inputs: { x: x.o, dw: dw.o, pw: pw.o, b: b.o },
        attrs: { stride, padding, dilation },
      },
      run: () => cl.separableConv2d(x.t, dw.t, pw.t, { stride, padding, dilation, bias: b.t }),
    });
  }
}

/** The gradient kernels on their own: dx = convTranspose(dy, w), dw = convWeightGrad(x, dy) vs torch.autograd. */
function gradKernelCases(out: Built[], count: number, seed: number): void {
  const { r } = maker(seed);
  let s = seed * 1000;
  for (let i = 0; i < count; i++) {
    const dims = ([1, 2, 3] as const)[i % 3],
      small = dims === 3;
    const k = Array.from({ length: dims }, () => r(1, 3));
    const stride = k.map(() => r(1, 3)),
      dilation = k.map(() => r(1, 2)),
      padding = k.map(() => [r(0, 2), r(0, 2)] as [number, number]);
    const groups = r(1, 2),
      cg = r(1, 3),
      og = r(1, 3);
    const xShape = [r(1, 2), groups * cg, ...k.map((kk, d) => dilation[d] * (kk - 1) + 1 + r(0, small ? 3 : 6))];
    const wShape = [groups * og, cg, ...k];
    const geom = convGeometry("test", xShape, wShape, { dims, stride, dilation, padding, groups });
    const x = pair(xShape, s++),
      w = pair(wShape, s++),
      dy = pair([xShape[0], groups * og, ...geom.outSize], s++);
    const c: OracleCase = {
      op: "convGrads",
      inputs: { x: x.o, w: w.o, dy: dy.o },
      attrs: { dims, stride, dilation, padding, groups },
    };
    const label = `conv grads #${i} ${JSON.stringify(c.attrs)} x[${xShape}] w[${wShape}]`;
    out.push({ label: `${label} dx`, case: c, run: () => run1("convTranspose", [dy.t, w.t], { geom }) });
    out.push({ label: `${label} dw`, case: c, run: () => run1("convWeightGrad", [x.t, dy.t], { geom }), output: 1 });
  }
}

describeBackends("conv family vs PyTorch", (ctx) => {
  it("conv1d/2d/3d, convTranspose1d/2d/3d, unfold, separableConv2d and the gradient kernels match on every case", async () => {
    const built: Built[] = [];
    convCases(built, 240, 1);
    convTransposeCases(built, 60, 2);
    unfoldCases(built, 40, 3);
    separableCases(built, 12, 4);
    gradKernelCases(built, 30, 5);
    assert.ok(built.length >= 350, `expected >= 350 cases, got ${built.length}`);
    const results = runOracle(built.map((b) => b.case));
    for (let i = 0; i < built.length; i++) {
      const res = results[i];
      if ("error" in res) assert.fail(`${built[i].label}: oracle error ${res.error}`);
      const y = built[i].run(),
        want = res.outputs[built[i].output ?? 0];
      await assertClose(y, want.data, {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 10,
        shape: want.shape,
        label: built[i].label,
      });
    }
  });
});
