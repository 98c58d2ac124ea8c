/**
 * fftConv vs torch conv1d/conv2d (float64) on seeded random geometries (stride, padding, dilation,
 * groups, bias, odd sizes, unbatched), and the identity fftConv == conv1d/conv2d for the options torch's
 * functional conv lacks here (flip, padding modes, asymmetric and "same"/"full" padding).
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { runOracle, type OracleCase } from "../helpers/oracle";
import { pair } from "../helpers/random_data";

interface Built {
  label: string;
  case: OracleCase;
  run: () => cl.Tensor;
}

function buildCases(): Built[] {
  const out: Built[] = [];
  const rng = new cl.Rng(77);
  const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  let seed = 31000;
  for (let tries = 0; out.length < 60 && tries < 1000; tries++) {
    const dims = 1 + (tries % 2);
    const groups = int(1, 2),
      cg = int(1, 3),
      og = int(1, 2);
    const k = Array.from({ length: dims }, () => int(1, dims === 1 ? 6 : 4));
    const spatial = Array.from({ length: dims }, () => int(5, dims === 1 ? 30 : 12));
    const stride = Array.from({ length: dims }, () => int(1, 3));
    const dilation = Array.from({ length: dims }, () => int(1, 2));
    const padding = Array.from({ length: dims }, () => int(0, 2));
    const unbatched = rng.uniform() < 0.2;
    const xShape = unbatched ? [groups * cg, ...spatial] : [int(1, 2), groups * cg, ...spatial];
    const wShape = [groups * og, cg, ...k];
    const opts = { stride, dilation, padding, groups };
    try {
      cl.convGeometry("check", xShape, wShape, { dims, ...opts });
    } catch {
      continue;
    }
    const x = pair(xShape, seed++),
      w = pair(wShape, seed++),
      b = pair([groups * og], seed++);
    const useBias = rng.uniform() < 0.5;
    out.push({
      label: `fftConv ${dims}d x=[${xShape}] w=[${wShape}] ${JSON.stringify(opts)} bias=${useBias}`,
      case: {
        op: "conv_ref",
        inputs: useBias ? { x: x.o, w: w.o, b: b.o } : { x: x.o, w: w.o },
        attrs: { dims, ...opts },
      },
      run: () => cl.fftConv(x.t, w.t, { ...opts, bias: useBias ? b.t : undefined }),
    });
  }
  return out;
}

describeBackends("fftConv vs torch conv1d/conv2d", (ctx) => {
  it("matches the oracle on every case", async () => {
    const built = buildCases();
    assert.ok(built.length >= 60, `expected >= 60 cases, got ${built.length}`);
    const results = runOracle(built.map((b) => b.case));
    for (let i = 0; i < built.length; i++) {
      const r = results[i],
        b = built[i];
      if ("error" in r) assert.fail(`${b.label}: oracle error ${r.error}`);
      await assertClose(b.run(), r.outputs[0].data.map(Number), {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 10,
        shape: r.outputs[0].shape,
        label: b.label,
      });
    }
  });

  it("equals conv1d/conv2d/conv3d with flip, padding modes, string paddings, unbatched input", async () => {
    const x2 = cl.randn([2, 4, 9, 11], { seed: 1 }),
      w2 = cl.randn([6, 2, 3, 4], { seed: 2 });
    const x1 = cl.randn([3, 2, 25], { seed: 3 }),
      w1 = cl.randn([4, 2, 5], { seed: 4 });
    const cases: cl.ConvOptions[] = [
      { flip: true },
      { padding: "same", dilation: 2 },
      { padding: "full" },
      {
        padding: [
          [1, 2],
          [0, 3],
        ],
        stride: [1, 2],
      },
      { padding: 1, paddingMode: "reflect" },
      { padding: 2, paddingMode: "replicate", stride: 2 },
      { padding: [2, 1], paddingMode: "circular", flip: true },
    ];
    for (const opts of cases) {
      const o2 = { ...opts, groups: 2 };
      await assertClose(cl.fftConv(x2, w2, o2), cl.conv2d(x2, w2, o2), {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 10,
        label: `2d ${JSON.stringify(opts)}`,
      });
      const o1 =
        Array.isArray(opts.padding) && Array.isArray(opts.padding[0])
          ? { ...opts, padding: [opts.padding[0]] as [number, number][], stride: 1 }
          : { ...opts };
      if (Array.isArray(o1.padding) && typeof o1.padding[0] === "number") o1.padding = o1.padding[0];
      await assertClose(cl.fftConv(x1, w1, o1), cl.conv1d(x1, w1, o1), {
        rtol: ctx.rtol * 10,
        atol: ctx.atol * 10,
        label: `1d ${JSON.stringify(o1)}`,
      });
    }
    // 3-d, and unbatched input
    const x3 = cl.randn([2, 4, 5, 6, 7], { seed: 5 }),
      w3 = cl.randn([2, 2, 2, 3, 2], { seed: 6 }),
      b3 = cl.randn([2], { seed: 7 });
    const o3 = { stride: [1, 2, 1], padding: 1, dilation: [1, 1, 2], groups: 2, bias: b3 };
    await assertClose(cl.fftConv(x3, w3, o3), cl.conv3d(x3, w3, o3), {
      rtol: ctx.rtol * 10,
      atol: ctx.atol * 10,
      label: "3d",
    });
    const xu = cl.randn([4, 9, 11], { seed: 8 });
    await assertClose(cl.fftConv(xu, w2, { groups: 2 }), cl.conv2d(xu, w2, { groups: 2 }), {
      rtol: ctx.rtol * 10,
      atol: ctx.atol * 10,
      label: "unbatched",
    });
  });
});
