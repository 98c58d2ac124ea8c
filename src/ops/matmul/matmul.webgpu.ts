/** webgpu kernel of `matmul`: [...b, M, K] @ [...b, K, N], tiled (matmul.wgsl.ts), batches on grid z. */
import type { KernelFn } from "../../core/backend";
import { opError } from "../../core/errors";
import { sizeOf } from "../../core/shape";
import { gpuBuffer, gpuEmpty, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../backends/webgpu/shader";
import { checkRank, padTo } from "../../backends/webgpu/wgsl_index";
import { matmulDecl } from "./matmul.wgsl";
import { matmulDims } from "./matmul_dims";
import { gemmGroups, gemmShape } from "./gemm.wgsl";

/** Strides (in elements) of each batch dim of an operand broadcast to `batch`; 0 on broadcast dims. */
function batchStrides(opBatch: readonly number[], batch: readonly number[], matrix: number): number[] {
  const out = new Array<number>(batch.length).fill(0);
  let acc = matrix;
  for (let i = opBatch.length - 1; i >= 0; i--) {
    const j = batch.length - opBatch.length + i;
    out[j] = opBatch[i] === 1 ? 0 : acc;
    acc *= opBatch[i];
  }
  return out;
}

export const matmulWebgpu: KernelFn<"matmul"> = ([a, b], { transA, transB }) => {
  const { M, K, N, batchA, batchB, batch } = matmulDims(a.shape, b.shape, transA, transB);
  checkRank("matmul", batch.length);
  const nb = sizeOf(batch);
  const c = gpuEmpty([...batch, M, N], "float32");
  if (c.size === 0) return [c];
  const r = rt();
  const shape = gemmShape(M);
  const p = buildProgram(matmulDecl(wgslType(a.dtype), wgslType(b.dtype), shape));
  const maxZ = r.dev.limits.maxComputeWorkgroupsPerDimension;
  const [gx, gy] = gemmGroups(M, N, shape);
  if (gx > maxZ || gy > maxZ) throw opError("matmul", `expected M, N within ${maxZ} tiles on webgpu, got M=${M}, N=${N}`);
  for (let zBase = 0; zBase < nb; zBase += maxZ) {
    r.run(p, [gpuBuffer(a), gpuBuffer(b), gpuBuffer(c)], {
      M, N, K,
      aRowStride: transA ? 1 : K, aColStride: transA ? M : 1,
      bRowStride: transB ? 1 : N, bColStride: transB ? K : 1,
      zBase, batchRank: batch.length, batchShape: padTo(batch, 1),
      aBatchStrides: padTo(batchStrides(batchA, batch, M * K), 0),
      bBatchStrides: padTo(batchStrides(batchB, batch, K * N), 0),
    }, [gx, gy, Math.min(maxZ, nb - zBase)]);
  }
  return [c];
};
