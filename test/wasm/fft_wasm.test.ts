/**
 * The WebAssembly FFT (fft.wasm.ts, float32 Stockham radix 4/2) against the TypeScript kernel run in
 * float64 on the same values: complex, real (two rows per complex FFT), inverse, rfft's kept half, rows
 * and columns (inner sizes that are and are not multiples of 4), odd row counts; the error is float32
 * rounding (≤ 1e-6 of the largest output magnitude; observed ≤ 2e-7). Threads give the same bits as one.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { fftWasm } from "../../src/ops/fft/cpu/fft.wasm";
import { withThreads } from "./wasm_harness";

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";

type Kind = "fft" | "ifft" | "rfft" | "irealfft";

/** float32 result (wasm) and float64 result (TypeScript kernel) of the same transform, flattened. */
function both(kind: Kind, shape: number[], dim: number, seed: number): [number[], number[]] {
  const re = cl.randn(shape, { seed }),
    im = cl.randn(shape, { seed: seed + 1 });
  const re64 = cl.cast(re, "float64"),
    im64 = cl.cast(im, "float64");
  const run = (r: cl.Tensor, i: cl.Tensor): cl.Complex => {
    if (kind === "fft") return cl.fft(cl.complex(r, i), { dim });
    if (kind === "ifft") return cl.ifft(cl.complex(r, i), { dim });
    if (kind === "rfft") return cl.rfft(r, { dim });
    return cl.ifft(r, { dim });
  };
  const flat = (z: cl.Complex) => [...z.re.dataSync(), ...z.im.dataSync()];
  return [flat(run(re, im)), flat(run(re64, im64))];
}

describe(
  "fft wasm kernel == TypeScript kernel (float64) to float32 rounding",
  { skip: jsOnly && "CONVLAB_CPU_KERNELS=js" },
  () => {
    it("rows, columns, real pairs, inverse and rfft's half", () => {
      const cases: [Kind, number[], number][] = [
        ["fft", [16], 0],
        ["fft", [32], 0],
        ["fft", [1 << 15], 0],
        ["fft", [3, 128], 1],
        ["fft", [64, 1024], 1],
        ["fft", [32, 5], 0],
        ["fft", [64, 257], 0],
        ["fft", [16, 2], 0],
        ["fft", [2, 32, 3], 1],
        ["ifft", [7, 256], 1],
        ["ifft", [32, 32], 0],
        ["rfft", [5, 64], 1],
        ["rfft", [1, 1 << 14], 1],
        ["rfft", [64, 32], 0],
        ["rfft", [3, 64, 64], 2],
        ["irealfft", [6, 32], 1],
        ["irealfft", [64, 6], 0],
      ];
      for (const [i, [kind, shape, dim]] of cases.entries()) {
        const [got, want] = both(kind, shape, dim, 10 * i);
        assert.equal(got.length, want.length);
        let err = 0,
          mag = 0;
        for (let k = 0; k < got.length; k++) {
          err = Math.max(err, Math.abs(got[k] - want[k]));
          mag = Math.max(mag, Math.abs(want[k]));
        }
        assert.ok(err <= 1e-6 * mag, `${kind} ${JSON.stringify(shape)} dim ${dim}: error ${err} of ${mag}`);
      }
    });

    it("runs for float32 power-of-two lengths >= 16 only", () => {
      const attrs = (axis: number) => ({ axis, inverse: false });
      const t = (shape: number[], dtype: "float32" | "float64" = "float32") => cl.randn(shape, { seed: 1, dtype });
      assert.ok(fftWasm(t([4, 64]), t([4, 64]), false, attrs(1)), "64-point rows run on wasm");
      assert.equal(fftWasm(t([4, 12]), t([4, 12]), false, attrs(1)), null, "12 points: mixed radix stays TypeScript");
      assert.equal(fftWasm(t([4, 8]), t([4, 8]), false, attrs(1)), null, "8 points stay TypeScript");
      assert.equal(fftWasm(t([4, 64], "float64"), t([4, 64], "float64"), false, attrs(1)), null, "float64 stays");
    });

    it("threaded transforms are bit-identical to one thread", async () => {
      for (const [shape, real] of [
        [[128, 1024], false],
        [[512, 512], true],
        [[1024, 64], false],
      ] as const) {
        const re = cl.randn([...shape], { seed: 3 }),
          im = cl.randn([...shape], { seed: 4 });
        const run = () => fftWasm(re, im, real, { axis: 1, inverse: false, keep: real ? shape[1] / 2 + 1 : undefined });
        const one = await withThreads(1, run),
          two = await withThreads(2, run);
        assert.ok(one && two);
        assert.deepEqual(two[0], one[0], `${shape} re`);
        assert.deepEqual(two[1], one[1], `${shape} im`);
      }
    });
  },
);
