/**
 * Pooling vs PyTorch 1.13 (torch.nn.functional, float64) and a definition-level k-max pooling, on every
 * backend: seeded random geometries (odd sizes, stride + padding + dilation, ceilMode edge windows,
 * countIncludePad both ways, 1-d/2-d/3-d, unbatched, strided views), max-pool indices compared exactly,
 * every adaptive output size up to the input size (non-divisible ones included).
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
  run: () => cl.Tensor[];
  exact?: boolean[];
}

function buildCases(): Built[] {
  const out: Built[] = [];
  const rng = new cl.Rng(2024);
  const int = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  let seed = 5000;
  // sliding-window max/avg: random geometries, kept when PyTorch's rules accept them
  for (let tries = 0; out.length < 220 && tries < 5000; tries++) {
    const dims = 1 + (tries % 3);
    const k = Array.from({ length: dims }, () => int(1, dims === 3 ? 3 : 4));
    const stride = Array.from({ length: dims }, () => int(1, 3));
    const padding = k.map((kk) => int(0, Math.floor(kk / 2)));
    const dilation = Array.from({ length: dims }, () => (rng.uniform() < 0.4 ? int(2, 3) : 1));
    const ceilMode = rng.uniform() < 0.5;
    const spatial = Array.from({ length: dims }, () => int(dims === 3 ? 3 : 4, dims === 3 ? 7 : 13));
    const unbatched = rng.uniform() < 0.2;
    const shape = unbatched ? [int(1, 3), ...spatial] : [int(1, 2), int(1, 3), ...spatial];
    const kind = rng.uniform() < 0.55 ? "max" : "avg";
    const opts = { kernelSize: k, stride, padding, ceilMode };
    try {
      cl.poolGeometry("check", shape, { dims, ...opts, dilation: kind === "max" ? dilation : 1 });
    } catch {
      continue;
    }
    const x = pair(shape, seed++, 2);
    const label = `${kind}Pool${dims}d x=[${shape}] ${JSON.stringify(opts)}`;
    if (kind === "max") {
      const fn = [cl.maxPool1d, cl.maxPool2d, cl.maxPool3d][dims - 1];
      out.push({
        label: `${label} dil=[${dilation}]`,
        case: { op: "max_pool", inputs: { x: x.o }, attrs: { dims, ...opts, dilation } },
        run: () => {
          const r = fn(x.t, { ...opts, dilation, returnIndices: true });
          return [r.values, r.indices];
        },
        exact: [true, true],
      });
    } else {
      const countIncludePad = rng.uniform() < 0.5;
      const fn = [cl.avgPool1d, cl.avgPool2d, cl.avgPool3d][dims - 1];
      out.push({
        label: `${label} countIncludePad=${countIncludePad}`,
        case: { op: "avg_pool", inputs: { x: x.o }, attrs: { dims, ...opts, countIncludePad } },
        run: () => [fn(x.t, { ...opts, countIncludePad })],
      });
    }
  }
  // default stride (= kernelSize) and a strided (transposed) input view
  {
    const x = pair([2, 3, 9, 7], seed++);
    const xt = cl.transpose(x.t, [0, 1, 3, 2]);
    // the same transpose on the host, for the oracle
    const xo = { shape: [2, 3, 7, 9], data: [] as number[] };
    for (let p = 0; p < 6; p++)
      for (let i = 0; i < 7; i++) for (let j = 0; j < 9; j++) xo.data.push(x.o.data[p * 63 + j * 7 + i]);
    out.push({
      label: "maxPool2d transposed view",
      case: { op: "max_pool", inputs: { x: xo }, attrs: { dims: 2, kernelSize: [2, 3] } },
      run: () => {
        const r = cl.maxPool2d(xt, { kernelSize: [2, 3], returnIndices: true });
        return [r.values, r.indices];
      },
      exact: [true, true],
    });
    out.push({
      label: "avgPool2d transposed view",
      case: {
        op: "avg_pool",
        inputs: { x: xo },
        attrs: { dims: 2, kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
      },
      run: () => [cl.avgPool2d(xt, { kernelSize: 3, stride: 2, padding: 1, ceilMode: true })],
    });
  }
  // Lp pooling (even and odd p; positive inputs for fractional p)
  for (const [dims, p, k, s, ceil] of [
    [1, 2, 3, 2, false],
    [1, 3, 2, null, true],
    [2, 2, [2, 3], [2, 1], false],
    [2, 1.5, 3, 2, true],
    [2, 4, 2, null, false],
    [1, 1, 4, 3, true],
  ] as const) {
    const shape = dims === 1 ? [2, 3, 11] : [2, 2, 7, 9];
    const x = pair(shape, seed++);
    const xd = Number.isInteger(p)
      ? x
      : { t: cl.abs(x.t).add(0.1), o: { ...x.o, data: x.o.data.map((v) => Math.fround(Math.abs(v) + 0.1)) } };
    const opts = { p, kernelSize: k as number | number[], stride: s as number | number[] | null, ceilMode: ceil };
    out.push({
      label: `lpPool${dims}d ${JSON.stringify(opts)}`,
      case: { op: "lp_pool", inputs: { x: xd.o }, attrs: { dims, ...opts } },
      run: () => [(dims === 1 ? cl.lpPool1d : cl.lpPool2d)(xd.t, opts)],
    });
  }
  // adaptive pooling: every output size up to the input size, both kinds, 1-d/2-d (+ a 3-d pair)
  for (const kind of ["avg", "max"] as const) {
    for (let o = 1; o <= 7; o++) {
      const x = pair([2, 3, 7], seed++);
      const fn = kind === "avg" ? cl.adaptiveAvgPool1d : cl.adaptiveMaxPool1d;
      out.push({
        label: `adaptive ${kind} 1d 7->${o}`,
        case: { op: "adaptive_pool", inputs: { x: x.o }, attrs: { kind, dims: 1, outSize: o } },
        run: () => [fn(x.t, o)],
      });
    }
    for (let oh = 1; oh <= 6; oh++) {
      for (const ow of [1, 2, 3, 4, 5, 7]) {
        const x = pair(oh % 2 ? [2, 2, 6, 7] : [3, 6, 7], seed++);
        const fn = kind === "avg" ? cl.adaptiveAvgPool2d : cl.adaptiveMaxPool2d;
        out.push({
          label: `adaptive ${kind} 2d [${x.o.shape}]->[${oh},${ow}]`,
          case: { op: "adaptive_pool", inputs: { x: x.o }, attrs: { kind, dims: 2, outSize: [oh, ow] } },
          run: () => [fn(x.t, [oh, ow])],
        });
      }
    }
    const x3 = pair([1, 2, 5, 6, 7], seed++);
    const fn3 = kind === "avg" ? cl.adaptiveAvgPool3d : cl.adaptiveMaxPool3d;
    out.push({
      label: `adaptive ${kind} 3d`,
      case: { op: "adaptive_pool", inputs: { x: x3.o }, attrs: { kind, dims: 3, outSize: [2, 4, 3] } },
      run: () => [fn3(x3.t, [2, 4, 3])],
    });
    const xg = pair([2, 5, 4, 6], seed++);
    out.push({
      label: `global ${kind}`,
      case: { op: "global_pool", inputs: { x: xg.o }, attrs: { kind } },
      run: () => [(kind === "avg" ? cl.globalAvgPool : cl.globalMaxPool)(xg.t)],
    });
  }
  // k-max pooling against its definition, several dims and k
  for (const [shape, k, dim] of [
    [[10], 3, -1],
    [[2, 3, 9], 4, -1],
    [[2, 8, 5], 5, 1],
    [[4, 6], 6, -1],
    [[5, 7], 1, 0],
    [[3, 2, 12], 7, 2],
  ] as const) {
    const x = pair(shape, seed++);
    out.push({
      label: `kMaxPool1d [${shape}] k=${k} dim=${dim}`,
      case: { op: "kmax_pool", inputs: { x: x.o }, attrs: { k, dim: dim < 0 ? shape.length + dim : dim } },
      run: () => [cl.kMaxPool1d(x.t, k, { dim })],
      exact: [true],
    });
  }
  return out;
}

describeBackends("pooling vs PyTorch", (ctx) => {
  it("matches the oracle on every case (values, and max-pool indices exactly)", async () => {
    const built = buildCases();
    assert.ok(built.length > 300, `expected > 300 cases, got ${built.length}`);
    const results = runOracle(built.map((b) => b.case));
    for (let i = 0; i < built.length; i++) {
      const r = results[i],
        b = built[i];
      if ("error" in r) assert.fail(`${b.label}: oracle error ${r.error}`);
      const ys = b.run();
      for (let j = 0; j < ys.length; j++) {
        const tol = b.exact?.[j] ? { rtol: 0, atol: 0 } : { rtol: ctx.rtol * 10, atol: ctx.atol * 10 };
        await assertClose(ys[j], r.outputs[j].data.map(Number), {
          ...tol,
          shape: r.outputs[j].shape,
          label: `${b.label} output ${j}`,
        });
      }
    }
  });
});
