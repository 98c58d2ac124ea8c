/**
 * The FFT family vs torch.fft (complex128), NumPy (shifts, frequencies) and scipy.signal.fftconvolve, on
 * every backend: lengths 1 … 4096 including primes (Bluestein) and mixed radices, every norm, dims other
 * than the last, n / s padding and truncation, rfft / irfft with odd and even n, strided-view inputs.
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { describeBackends } from "../helpers/backends";
import { assertClose } from "../helpers/allclose";
import { runOracle, type OracleArray, type OracleCase } from "../helpers/oracle";
import { pair } from "../helpers/random_data";

type Out = cl.Tensor | cl.Complex;
interface Built {
  label: string;
  case: OracleCase;
  run: () => Out;
}

const LENGTHS = [1, 2, 3, 5, 7, 8, 12, 17, 30, 64, 97, 100, 128, 243, 1000, 1024, 4096];
const NORMS = ["backward", "ortho", "forward"] as const;

function cpair(shape: number[], seed: number): { z: cl.Complex; o: Record<string, OracleArray> } {
  const re = pair(shape, seed),
    im = pair(shape, seed + 50000);
  return { z: { re: re.t, im: im.t }, o: { re: re.o, im: im.o } };
}

function buildCases(): Built[] {
  const out: Built[] = [];
  let seed = 9000;
  for (const n of LENGTHS) {
    const shape = n >= 1000 ? [n] : [2, n];
    NORMS.forEach((norm, i) => {
      const c = cpair(shape, seed++);
      out.push({
        label: `fft n=${n} ${norm}`,
        case: { op: "fft1", inputs: c.o, attrs: { fn: "fft", norm } },
        run: () => cl.fft(c.z, { norm }),
      });
      const d = cpair(shape, seed++);
      out.push({
        label: `ifft n=${n} ${norm}`,
        case: { op: "fft1", inputs: d.o, attrs: { fn: "ifft", norm } },
        run: () => cl.ifft(d.z, { norm }),
      });
      const r = pair(shape, seed++);
      out.push({
        label: `rfft n=${n} ${norm}`,
        case: { op: "fft1", inputs: { re: r.o }, attrs: { fn: "rfft", norm } },
        run: () => cl.rfft(r.t, { norm }),
      });
      // irfft of a half spectrum of length m, output lengths 2(m−1) (default) and odd 2m−1
      const m = Math.floor(n / 2) + 1,
        nOut = i === 1 ? 2 * m - 1 : n === 1 ? 1 : undefined;
      const h = cpair(n >= 1000 ? [m] : [2, m], seed++);
      out.push({
        label: `irfft m=${m} n=${nOut} ${norm}`,
        case: { op: "fft1", inputs: h.o, attrs: { fn: "irfft", norm, n: nOut ?? null } },
        run: () => cl.irfft(h.z, { norm, n: nOut }),
      });
    });
  }
  // dims other than the last, padding and truncation with n, real input to fft/ifft
  for (const [shape, dim, n] of [
    [[6, 3], 0, undefined],
    [[3, 7, 2], 1, 10],
    [[3, 12, 2], 1, 5],
    [[4, 5], -1, 9],
    [[5, 4, 3], 0, 3],
  ] as const) {
    for (const fn of ["fft", "ifft"] as const) {
      const c = cpair([...shape], seed++);
      out.push({
        label: `${fn} [${shape}] dim=${dim} n=${n}`,
        case: { op: "fft1", inputs: c.o, attrs: { fn, dim, n: n ?? null } },
        run: () => cl[fn](c.z, { dim, n }),
      });
    }
    const r = pair([...shape], seed++);
    out.push({
      label: `fft real [${shape}] dim=${dim} n=${n}`,
      case: { op: "fft1", inputs: { re: r.o }, attrs: { fn: "fft", dim, n: n ?? null } },
      run: () => cl.fft(r.t, { dim, n }),
    });
    out.push({
      label: `ifft real [${shape}] dim=${dim} n=${n}`,
      case: { op: "fft1", inputs: { re: r.o }, attrs: { fn: "ifft", dim, n: n ?? null, norm: "ortho" } },
      run: () => cl.ifft(r.t, { dim, n, norm: "ortho" }),
    });
    out.push({
      label: `rfft [${shape}] dim=${dim} n=${n}`,
      case: { op: "fft1", inputs: { re: r.o }, attrs: { fn: "rfft", dim, n: n ?? null } },
      run: () => cl.rfft(r.t, { dim, n }),
    });
    const h = cpair([...shape], seed++);
    for (const nOut of [7, 8, 2]) {
      out.push({
        label: `irfft [${shape}] dim=${dim} n=${nOut}`,
        case: { op: "fft1", inputs: h.o, attrs: { fn: "irfft", dim, n: nOut } },
        run: () => cl.irfft(h.z, { dim, n: nOut }),
      });
    }
  }
  // N-d transforms with s and dims
  const nd: [string, number[], { s?: number[]; dims?: number[] }][] = [
    ["fft2", [2, 5, 6], {}],
    ["fft2", [2, 5, 6], { s: [4, 8] }],
    ["ifft2", [3, 7, 3], { s: [7, 2] }],
    ["fft2", [4, 3, 5], { dims: [0, 2] }],
    ["fftn", [3, 4, 5], {}],
    ["fftn", [3, 4, 5], { dims: [0, 2], s: [6, 3] }],
    ["ifftn", [2, 3, 4, 5], { s: [5, 5] }],
    ["ifftn", [6, 5], {}],
    ["rfft2", [2, 6, 7], {}],
    ["rfft2", [2, 6, 7], { s: [5, 9] }],
    ["rfftn", [3, 4, 6], {}],
    ["rfftn", [3, 4, 6], { dims: [2, 0] }],
    ["irfft2", [2, 6, 4], {}],
    ["irfft2", [2, 6, 4], { s: [5, 7] }],
    ["irfftn", [3, 4, 5], {}],
    ["irfftn", [3, 4, 5], { s: [4, 8], dims: [0, 2] }],
  ];
  for (const [fn, shape, o] of nd) {
    for (const norm of NORMS) {
      const real = fn.startsWith("rfft");
      const c = cpair(shape, seed++);
      const inputs = real ? { re: c.o.re } : c.o;
      const f = cl[fn as "fft2"] as (x: cl.Complex | cl.Tensor, opts: object) => Out;
      out.push({
        label: `${fn} [${shape}] ${JSON.stringify(o)} ${norm}`,
        case: { op: "fftn", inputs, attrs: { fn, s: o.s ?? null, dims: o.dims ?? null, norm } },
        run: () => f(real ? c.z.re : c.z, { ...o, norm }),
      });
    }
  }
  // strided views: a transposed and a reversed input
  {
    const c = cpair([5, 9], seed++);
    const tRe = cl.transpose(c.z.re),
      tIm = cl.transpose(c.z.im);
    // the same views on the host, for the oracle
    const tr = (o: OracleArray): OracleArray => ({
      shape: [9, 5],
      data: Array.from({ length: 45 }, (_, k) => o.data[(k % 5) * 9 + Math.floor(k / 5)]),
    });
    const fl = (o: OracleArray): OracleArray => ({
      shape: [5, 9],
      data: Array.from({ length: 45 }, (_, k) => o.data[Math.floor(k / 9) * 9 + 8 - (k % 9)]),
    });
    out.push({
      label: "fft of a transposed view",
      case: { op: "fft1", inputs: { re: tr(c.o.re), im: tr(c.o.im) }, attrs: { fn: "fft", dim: 0 } },
      run: () => cl.fft({ re: tRe, im: tIm }, { dim: 0 }),
    });
    const fRe = cl.flip(c.z.re, 1);
    out.push({
      label: "rfft of a reversed view",
      case: { op: "fft1", inputs: { re: fl(c.o.re) }, attrs: { fn: "rfft" } },
      run: () => cl.rfft(fRe),
    });
    out.push({
      label: "fft2 of a transposed view",
      case: { op: "fftn", inputs: { re: tr(c.o.re), im: tr(c.o.im) }, attrs: { fn: "fft2" } },
      run: () => cl.fft2({ re: tRe, im: tIm }),
    });
  }
  // shifts and frequencies
  for (const shape of [[7], [8], [3, 4], [5, 6, 3]]) {
    for (const fn of ["fftshift", "ifftshift"] as const) {
      for (const dims of [undefined, [0], [-1]]) {
        const x = pair(shape, seed++);
        out.push({
          label: `${fn} [${shape}] dims=${dims}`,
          case: { op: "fftshift", inputs: { x: x.o }, attrs: { fn, dims: dims ?? null } },
          run: () => cl[fn](x.t, dims),
        });
      }
    }
  }
  for (const n of [1, 2, 7, 8, 15]) {
    for (const d of [1, 0.25]) {
      out.push({
        label: `fftfreq ${n} ${d}`,
        case: { op: "fftfreq", inputs: {}, attrs: { fn: "fftfreq", n, d } },
        run: () => cl.fftfreq(n, d),
      });
      out.push({
        label: `rfftfreq ${n} ${d}`,
        case: { op: "fftfreq", inputs: {}, attrs: { fn: "rfftfreq", n, d } },
        run: () => cl.rfftfreq(n, d),
      });
    }
  }
  // fftConvolve (scipy.signal.fftconvolve), every mode
  const convShapes: [number[], number[]][] = [
    [[9], [4]],
    [[4], [9]],
    [[17], [17]],
    [
      [6, 7],
      [3, 2],
    ],
    [
      [5, 8],
      [5, 3],
    ],
    [
      [3, 4, 5],
      [2, 3, 2],
    ],
  ];
  for (const [sa, sb] of convShapes) {
    for (const mode of ["full", "same", "valid"] as const) {
      const a = pair([...sa], seed++),
        b = pair([...sb], seed++);
      const ok = sa.every((n, i) => n >= sb[i]) || sb.every((n, i) => n >= sa[i]);
      if (mode === "valid" && !ok) continue;
      out.push({
        label: `fftConvolve [${sa}]*[${sb}] ${mode}`,
        case: { op: "fftconvolve", inputs: { a: a.o, b: b.o }, attrs: { mode } },
        run: () => cl.fftConvolve(a.t, b.t, { mode }),
      });
    }
  }
  return out;
}

/** |got − want| <= atol·max|want| + rtol·|want|: FFT errors scale with the transform's magnitude. */
async function check(got: cl.Tensor, want: OracleArray, label: string, rtol: number, atol: number): Promise<void> {
  const data = want.data.map(Number);
  const scale = data.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  await assertClose(got, data, { rtol, atol: atol * scale, shape: want.shape, label });
}

describeBackends("FFT family vs torch.fft / NumPy / SciPy", (ctx) => {
  it("matches the oracle on every case", async () => {
    const built = buildCases();
    assert.ok(built.length > 300, `expected > 300 cases, got ${built.length}`);
    console.log(`${built.length} cases`);
    const results = runOracle(built.map((b) => b.case));
    for (let i = 0; i < built.length; i++) {
      const r = results[i],
        b = built[i];
      if ("error" in r) assert.fail(`${b.label}: oracle error ${r.error}`);
      const y = b.run();
      const parts = y instanceof cl.Tensor ? [y] : [y.re, y.im];
      assert.equal(parts.length, r.outputs.length, `${b.label}: number of outputs`);
      // the cpu kernel computes in float64: only the float32 rounding of inputs/outputs remains
      const [rtol, atol] = ctx.name === "cpu" ? [1e-5, 1e-6] : [ctx.rtol * 10, ctx.atol * 10];
      for (let j = 0; j < parts.length; j++) await check(parts[j], r.outputs[j], `${b.label} [${j}]`, rtol, atol);
    }
  });
});
