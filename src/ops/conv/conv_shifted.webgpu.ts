/**
 * The shifted path of the webgpu conv kernels (stride-1 conv and dL/dx; geometry in conv_shift_plan.ts):
 * per chunk of images, padCopy builds the zero-padded input and the "window" GEMM of
 * gemm_kn.wgsl.ts reads its windows straight from it. Returns false when the
 * geometry does not suit it (a stride, or sizes past the device limits): the caller takes the packed path.
 */
import type { Tensor } from "../../core/tensor";
import { gpuBuffer, rt, wgslType } from "../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../backends/webgpu/shader";
import { gemmKnDecl, gemmKnShape } from "../matmul/gemm_kn.wgsl";
import type { Geom3 } from "./conv3";
import { convGemmSpec } from "./conv_gemm_plan";
import { packADecl } from "./conv_pack.wgsl";
import { padRows, shiftPlan } from "./conv_shift_plan";
import { padCopyDecl } from "./conv_shift.wgsl";
import { cachedTables } from "./conv_tables.webgpu";

/** windows wider than this take the packed path (the GEMM unrolls the window in registers) */
const MAX_WINDOW = 24;

export function convShifted(v: "conv" | "convTranspose", k: Geom3, aSrc: Tensor, bSrc: Tensor, y: Tensor, budget: number): boolean {
  const p = shiftPlan(v, k);
  if (!p || (p.kw - 1) * p.dw + 1 > MAX_WINDOW) return false;
  const r = rt();
  const shape = gemmKnShape(p.M, r.dev.subgroupSize, "window");
  const form = { kind: "window", kw: p.kw, dw: p.dw, flip: v === "convTranspose" } as const;
  const maxDim = r.dev.limits.maxComputeWorkgroupsPerDimension;
  const kStep = shape.sg || 1;
  // A rows k'·KW + kw for k' up to a whole number of subgroups; lda a multiple of MR and of 4 (vec4 loads)
  const rowsP = Math.ceil(p.rows / kStep) * kStep, Kp = rowsP * p.kw;
  const lda = Math.ceil(Math.ceil(p.M / shape.mr) * shape.mr / 4) * 4;
  const perImage = p.Cs * p.plane;
  const maxFloats = r.dev.limits.maxStorageBufferBindingSize / 4;
  if (perImage > maxFloats || Kp > maxDim || k.G > maxDim) return false;
  const imgs = Math.max(1, Math.min(k.N, Math.floor(Math.max(budget, perImage) / perImage), Math.floor(maxDim / k.G)));
  const CL = imgs * p.Cs * p.plane;
  const s = convGemmSpec(v, k);
  const at = r.storage.acquire(s.zA * Kp * lda * 4);
  const xs = r.storage.acquire(CL * 4);
  const tabs = cachedTables(`window ${v} ${JSON.stringify(k)} ${rowsP}`, () => [s.tables().atab, padRows(p.koff, rowsP)]);
  r.run(buildProgram(packADecl(wgslType(aSrc.dtype))), [gpuBuffer(aSrc), tabs[0], at], { M: s.M, K: s.K, kOff: 0, Kp, lda, aZ: s.aZ, aM: s.aM }, [Math.ceil(Kp / 64), 1, s.zA]);
  const aligned = bSrc.dtype !== "int32" && p.S[2] % 4 === 0 && p.F[2] % 4 === 0;
  const pPad = buildProgram(padCopyDecl(wgslType(bSrc.dtype), aligned)), pG = buildProgram(gemmKnDecl(shape, form));
  const nLoc = p.R[0] * p.R[1] * p.W8;
  for (let img0 = 0; img0 < k.N; img0 += imgs) {
    const n = Math.min(imgs, k.N - img0);
    r.run(pPad, aligned ? [gpuBuffer(bSrc), xs, gpuBuffer(bSrc)] : [gpuBuffer(bSrc), xs], {
      total: (n * p.Cs * p.plane) / 4,
      srcBase: img0 * p.Cs, P0: p.P[0], P1: p.P[1], P2: p.P[2], S0: p.S[0], S1: p.S[1], S2: p.S[2], F0: p.F[0], F1: p.F[1], F2: p.F[2],
    });
    r.run(pG, [at, xs, gpuBuffer(y), tabs[1]], {
      M: p.M, nLoc, kBeg: 0, kEnd: p.rows, kPer: rowsP, zn: n * k.G, sliceStride: 0, lda, zBase: img0 * k.G, zDiv: k.G, aZr: Kp * lda, bZq: p.Cs * p.plane, bZr: p.bZr,
      cZ0: 0, cZq: p.cZq, cZr: p.cZr, cM: p.cM, accumulate: 0, W8: p.W8, R1: p.R[1], R2: p.R[2], P2: p.P[2], P12: p.P[1] * p.P[2],
    }, [Math.ceil(nLoc / (shape.nr * shape.wg)), Math.ceil(p.M / shape.mr), n * k.G]);
  }
  for (const t of [at, xs]) r.storage.release(t);
  return true;
}
