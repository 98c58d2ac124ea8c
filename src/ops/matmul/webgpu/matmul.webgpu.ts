/**
 * webgpu kernel of `matmul`: [...b, M, K] @ [...b, K, N] (either operand transposed through its strides,
 * batch dims broadcast). Both operands are packed k-major per batch (matmul_pack.wgsl.ts) and multiplied by
 * the register-blocked subgroup GEMM of gemm_kn.wgsl.ts (the one the convolutions use; 512³ on lavapipe: ~25 ms,
 * against ~150 ms with the workgroup-tiled GEMM it replaced). Batches go in chunks of at most PACK_BUDGET
 * packed floats. Tiny matrices (K ≤ 16, M·N ≤ 16) skip the packing: one invocation per output value.
 */
import type { KernelFn } from "../../../core/backend";
import { sizeOf } from "../../../core/shape";
import { gpuBuffer, gpuEmpty, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { checkRank } from "../../../backends/webgpu/wgsl_index";
import { gemmKnDecl, gemmKnShape } from "../../gemm/gemm_kn.wgsl";
import { matmulDims } from "../geometry/matmul_dims";
import { matmulPackDecl } from "./matmul_pack.wgsl";
import { matmulSmallDecl } from "./matmul_small.wgsl";

/** Matrices at most this deep with at most SMALL_MN outputs take the direct kernel (matmul_small.wgsl.ts). */
const SMALL_K = 16;
const SMALL_MN = 16;

const PACK_BUDGET = 1 << 22;

/** Element offset of batch z's matrix in an operand of batch shape `opBatch` broadcast to `batch`. */
function batchOffsets(opBatch: readonly number[], batch: readonly number[], matrix: number): Uint32Array {
  const nb = sizeOf(batch),
    out = new Uint32Array(Math.max(1, nb));
  for (let z = 0; z < nb; z++) {
    let rem = z,
      off = 0,
      stride = matrix;
    for (let d = batch.length - 1, e = opBatch.length - 1; d >= 0; d--, e--) {
      const i = rem % batch[d];
      rem = Math.floor(rem / batch[d]);
      if (e >= 0) {
        if (opBatch[e] !== 1) off += i * stride;
        stride *= opBatch[e];
      }
    }
    out[z] = off;
  }
  return out;
}

export const matmulWebgpu: KernelFn<"matmul"> = ([a, b], { transA, transB }) => {
  const { M, K, N, batchA, batchB, batch } = matmulDims(a.shape, b.shape, transA, transB);
  checkRank("matmul", batch.length);
  const nb = sizeOf(batch);
  const c = gpuEmpty([...batch, M, N], "float32");
  if (c.size === 0) return [c];
  const r = gpuRuntime();
  const offA = batchOffsets(batchA, batch, M * K),
    offB = batchOffsets(batchB, batch, K * N);
  const [ta, tb] = [r.upload(offA), r.upload(offB)];
  if (K <= SMALL_K && M * N <= SMALL_MN) {
    r.run(
      buildProgram(matmulSmallDecl(wgslType(a.dtype), wgslType(b.dtype))),
      [gpuBuffer(a), gpuBuffer(b), ta, tb, gpuBuffer(c)],
      {
        total: c.size,
        M,
        N,
        K,
        aM: transA ? 1 : K,
        aK: transA ? M : 1,
        bK: transB ? 1 : N,
        bN: transB ? K : 1,
      },
    );
    for (const t of [ta, tb]) r.storage.release(t);
    return [c];
  }
  const shape = gemmKnShape(M, r.dev.subgroupSize);
  const kStep = shape.sg || 1;
  const Kp = Math.max(kStep, Math.ceil(K / kStep) * kStep);
  const lda = Math.ceil(M / shape.mr) * shape.mr,
    ldb = Math.ceil(N / shape.nr) * shape.nr;
  const maxDim = r.dev.limits.maxComputeWorkgroupsPerDimension;
  const zc = Math.max(1, Math.min(nb, maxDim, Math.floor(PACK_BUDGET / (Kp * (lda + ldb)))));
  const at = r.storage.acquire(zc * Kp * lda * 4),
    bp = r.storage.acquire(zc * Kp * ldb * 4);
  const pA = buildProgram(matmulPackDecl(wgslType(a.dtype))),
    pB = buildProgram(matmulPackDecl(wgslType(b.dtype)));
  const pG = buildProgram(gemmKnDecl(shape, { kind: "packed" }));
  for (let z0 = 0; z0 < nb; z0 += zc) {
    const zn = Math.min(zc, nb - z0);
    r.run(pA, [gpuBuffer(a), ta, at], {
      total: zn * Kp * (lda / 4),
      zBase: z0,
      K,
      Kp,
      J: M,
      ld: lda,
      jStride: transA ? 1 : K,
      kStride: transA ? M : 1,
    });
    r.run(pB, [gpuBuffer(b), tb, bp], {
      total: zn * Kp * (ldb / 4),
      zBase: z0,
      K,
      Kp,
      J: N,
      ld: ldb,
      jStride: transB ? K : 1,
      kStride: transB ? 1 : N,
    });
    // z runs over this chunk only: zDiv > zn keeps zq = 0, so A, B and C all step by zr = zl
    r.run(
      pG,
      [at, bp, gpuBuffer(c)],
      {
        M,
        nBase: 0,
        nLoc: N,
        kBeg: 0,
        kEnd: K,
        kPer: Kp,
        zn,
        sliceStride: 0,
        lda,
        ldb,
        zBase: 0,
        zDiv: zn + 1,
        aZr: Kp * lda,
        bZq: 0,
        bZr: Kp * ldb,
        cZ0: z0 * M * N,
        cZq: 0,
        cZr: M * N,
        cM: N,
      },
      [Math.ceil(ldb / (shape.nr * shape.wg)), Math.ceil(M / shape.mr), zn],
    );
  }
  for (const t of [at, bp, ta, tb]) r.storage.release(t);
  return [c];
};
