/**
 * The WebAssembly matmul (matmul.wasm.ts) against a float64 triple loop on seeded random shapes: sizes
 * that are and are not multiples of the 6×8 tile, transposed operands, strided views, broadcast batch
 * dims, K = 0; threaded products bit-identical to one thread.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { matmulWasm } from "../../src/ops/matmul/cpu/matmul.wasm";
import { matmulDims } from "../../src/ops/matmul/geometry/matmul_dims";
import { withThreads } from "./wasm_harness";

function reference(a: Float64Array, b: Float64Array, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
      c[i * N + j] = s;
    }
  return c;
}

const jsOnly = process.env.CONVLAB_CPU_KERNELS === "js";

describe("matmul wasm kernel == float64 reference", { skip: jsOnly && "CONVLAB_CPU_KERNELS=js" }, () => {
  it("random shapes, transposes, broadcast batches", async () => {
    const rng = new cl.Rng(3);
    const r = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
    for (let i = 0; i < 40; i++) {
      const M = r(1, 40),
        K = r(0, 70),
        N = r(1, 45),
        transA = rng.uniform() < 0.5,
        transB = rng.uniform() < 0.5;
      const bA = rng.uniform() < 0.3 ? [r(1, 3)] : [],
        bB = bA.length && rng.uniform() < 0.5 ? [1] : bA;
      const a = cl.randn([...bA, ...(transA ? [K, M] : [M, K])], { seed: i }),
        b = cl.randn([...bB, ...(transB ? [N, K] : [K, N])], { seed: 100 + i });
      const { batch } = matmulDims(a.shape, b.shape, transA, transB);
      const got = matmulWasm(a, b, transA, transB, M, K, N, batch);
      if (!got) return assert.fail("wasm kernels unavailable");
      const count = batch.reduce((p, q) => p * q, 1);
      const swap = (t: cl.Tensor) =>
        t.transpose(t.shape.map((_, d) => (d < t.shape.length - 2 ? d : 2 * t.shape.length - 3 - d)));
      const av = await cl.cast(transA ? swap(a) : a, "float64").toArray(),
        bv = await cl.cast(transB ? swap(b) : b, "float64").toArray();
      const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
      const A = Float64Array.from(flat(av)),
        B = Float64Array.from(flat(bv));
      for (let bi = 0; bi < count; bi++) {
        const ai = bA.length ? bi % (A.length / (M * K)) : 0,
          bj = bB.length && bB[0] !== 1 ? bi : 0;
        const want = reference(
          A.subarray(ai * M * K, (ai + 1) * M * K),
          B.subarray(bj * K * N, (bj + 1) * K * N),
          M,
          K,
          N,
        );
        for (let j = 0; j < M * N; j++) {
          const g: number = got[bi * M * N + j],
            w: number = want[j];
          if (!(Math.abs(g - w) <= 1e-5 * Math.sqrt(K + 1) * (1 + Math.abs(w))))
            assert.fail(
              `case ${i} (M${M} K${K} N${N} tA${transA} tB${transB} batch ${batch}): [${bi}, ${j}] ${g} vs ${w}`,
            );
        }
      }
    }
  });

  it("a threaded product is bit-identical to one thread (column split and batch split)", async () => {
    for (const [bs, M, K, N] of [
      [[], 70, 300, 333],
      [[3], 41, 200, 77],
    ] as const) {
      const a = cl.randn([...bs, M, K], { seed: 1 }),
        b = cl.randn([...bs, K, N], { seed: 2 });
      const run = () => matmulWasm(a, b, false, false, M, K, N, [...bs]);
      const one = await withThreads(1, run),
        two = await withThreads(2, run);
      assert.deepEqual(two, one);
    }
  });
});
