/**
 * The window path of the webgpu conv kernels (stride-1 conv and dL/dx; geometry in conv_window_plan.webgpu.ts):
 * packA lays the weights out k-major, and the "window" GEMM of gemm_kn.wgsl.ts reads its windows straight
 * from the input: no im2col, no padded copy. Returns false when the geometry does not suit it (a stride,
 * a window wider than MAX_WINDOW, integer input): the caller takes the packed path.
 */
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { gemmKnDecl, gemmKnShape } from "../../gemm/gemm_kn.wgsl";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { convGemmSpec } from "./conv_gemm_plan.webgpu";
import { packADecl } from "./conv_pack.wgsl";
import { MAX_WINDOW, padRows, windowPlan } from "./conv_window_plan.webgpu";
import { cachedTables } from "./conv_tables.webgpu";

export function convWindow(
  v: "conv" | "convTranspose",
  k: ConvGeometry3d,
  aSrc: Tensor,
  bSrc: Tensor,
  y: Tensor,
): boolean {
  const p = windowPlan(v, k);
  if (!p || (p.kw - 1) * p.dw + 1 > MAX_WINDOW || bSrc.dtype === "int32") return false;
  const r = gpuRuntime();
  const shape = gemmKnShape(p.M, r.dev.subgroupSize, "window");
  const maxDim = r.dev.limits.maxComputeWorkgroupsPerDimension;
  const kStep = shape.sg || 1;
  // A rows k'·KW + kw for k' up to a whole number of subgroups; lda a multiple of MR and of 4 (vec4 loads)
  const rowsP = Math.ceil(p.rows / kStep) * kStep,
    Kp = rowsP * p.kw;
  const lda = Math.ceil((Math.ceil(p.M / shape.mr) * shape.mr) / 4) * 4;
  if (Kp > maxDim * 64) return false;
  const s = convGemmSpec(v, k);
  const [atab, ktab] = cachedTables(`window ${v} ${JSON.stringify(k)} ${rowsP}`, () => [
    s.tables().atab,
    padRows(p.ktab, rowsP),
  ]);
  const at = r.storage.acquire(s.zA * Kp * lda * 4);
  r.run(
    buildProgram(packADecl(wgslType(aSrc.dtype))),
    [gpuBuffer(aSrc), atab, at],
    { M: s.M, K: s.K, kOff: 0, Kp, lda, aZ: s.aZ, aM: s.aM },
    [Math.ceil(Kp / 64), 1, s.zA],
  );
  const pG = buildProgram(
    gemmKnDecl(shape, { kind: "window", kw: p.kw, dw: p.dw, flip: p.flip }, { vec4Out: p.R[2] % 4 === 0 }),
  );
  const nLoc = p.R[0] * p.R[1] * p.W8,
    Z = k.N * k.G;
  for (let zBase = 0; zBase < Z; zBase += maxDim) {
    const zn = Math.min(maxDim, Z - zBase);
    r.run(
      pG,
      [at, gpuBuffer(bSrc), gpuBuffer(y), ktab],
      {
        M: p.M,
        nLoc,
        kBeg: 0,
        kEnd: p.rows,
        kPer: rowsP,
        zn,
        sliceStride: 0,
        lda,
        zBase,
        zDiv: p.zDiv,
        aZr: Kp * lda,
        bZq: p.bZq,
        bZr: p.bZr,
        cZ0: 0,
        cZq: p.cZq,
        cZr: p.cZr,
        cM: p.cM,
        W8: p.W8,
        R1: p.R[1],
        R2: p.R[2],
        S0: p.S[0],
        S1: p.S[1],
        S2: p.S[2],
      },
      [Math.ceil(nLoc / (shape.nr * shape.wg)), Math.ceil(p.M / shape.mr), zn],
    );
  }
  r.storage.release(at);
  return true;
}
