/**
 * The packed path of the webgpu conv kernels (any stride; dL/dw always): packA writes the weight-like
 * operand k-major (At), packB gathers the other one into an explicit im2col matrix B in chunks of at
 * most `budget` floats (conv_gemm_plan.webgpu.ts: images, depth slabs accumulated, column bands), and the packed
 * GEMM of gemm_kn.wgsl.ts multiplies them. When the output has too few blocks to keep the device busy
 * (dL/dw), the depth range is split over several dispatches whose partial results are summed (split-K).
 */
import type { Tensor } from "../../../core/tensor";
import { gpuBuffer, gpuRuntime, wgslType } from "../../../backends/webgpu/gpu_tensor";
import { buildProgram } from "../../../backends/webgpu/shader";
import { gemmKnDecl, sliceSumDecl, type GemmKnShape } from "../../gemm/gemm_kn.wgsl";
import type { ConvGeometry3d } from "../geometry/conv_geometry_3d";
import { chunking, convGemmSpec, type ConvVariant } from "./conv_gemm_plan.webgpu";
import { PACK_ROWS, packADecl, packBDecl } from "./conv_pack.wgsl";
import { cachedTables } from "./conv_tables.webgpu";

/** output blocks below which a GEMM is split along k (lavapipe runs a workgroup per core at a time) */
const MIN_BLOCKS = 32;

export function convPacked(
  v: ConvVariant,
  k: ConvGeometry3d,
  aSrc: Tensor,
  bSrc: Tensor,
  y: Tensor,
  shape: GemmKnShape,
  budget: number,
): void {
  const r = gpuRuntime();
  const s = convGemmSpec(v, k);
  const kStep = shape.sg || 1;
  const Kp = Math.ceil(s.K / kStep) * kStep,
    lda = Math.ceil(s.M / shape.mr) * shape.mr;
  const { kc, zc, w } = chunking(Kp, s.N, s.Z, kStep, shape.nr, budget, r.dev.limits.maxComputeWorkgroupsPerDimension);
  const tabs = cachedTables(`packed ${v} ${JSON.stringify(k)}`, () => {
    const t = s.tables();
    return [t.atab, t.ktab, t.ntab];
  });
  const pA = buildProgram(packADecl(wgslType(aSrc.dtype)));
  const pB = buildProgram(packBDecl(wgslType(bSrc.dtype)));
  const pG = [false, true].map((accumulate) => buildProgram(gemmKnDecl(shape, { kind: "packed" }, { accumulate })));
  const at = r.storage.acquire(s.zA * kc * lda * 4);
  const bm = r.storage.acquire(zc * kc * w * 4);
  // split-K (only when one band and one z chunk cover the output): as many depth slices as it takes to
  // reach MIN_BLOCKS blocks
  const blocks = Math.ceil(w / (shape.nr * shape.wg)) * Math.ceil(s.M / shape.mr) * zc;
  const whole = w >= s.N && zc >= s.Z;
  const slices = whole
    ? Math.max(1, Math.min(Math.ceil(MIN_BLOCKS / blocks), Math.floor(Math.min(kc, s.K) / (4 * kStep)), 64))
    : 1;
  const parts = slices > 1 ? r.storage.acquire(slices * y.size * 4) : null;
  for (let kOff = 0; kOff < Kp; kOff += kc) {
    const kn = Math.min(kc, Kp - kOff),
      kEnd = Math.min(kn, s.K - kOff);
    r.run(pA, [gpuBuffer(aSrc), tabs[0], at], { M: s.M, K: s.K, kOff, Kp: kn, lda, aZ: s.aZ, aM: s.aM }, [
      Math.ceil(kn / 64),
      1,
      s.zA,
    ]);
    for (let zBase = 0; zBase < s.Z; zBase += zc) {
      const zn = Math.min(zc, s.Z - zBase);
      for (let nBase = 0; nBase < s.N; nBase += w) {
        const nLoc = Math.min(w, s.N - nBase),
          ldb = Math.ceil(nLoc / shape.nr) * shape.nr;
        r.run(pB, [gpuBuffer(bSrc), tabs[1], tabs[2], bm], {
          total: (ldb / 4) * Math.ceil(kn / PACK_ROWS) * zn,
          rowBlocks: Math.ceil(kn / PACK_ROWS),
          K: s.K,
          kOff,
          Kp: kn,
          nBase,
          nLoc,
          ldb,
          zBase,
          zDiv: s.zDiv,
          sZq: s.sZq,
          sZr: s.sZr,
          strided: s.st.some((x) => x !== 1) ? 1 : 0,
          st0: s.st[0],
          st1: s.st[1],
          st2: s.st[2],
          bd0: s.bound[0],
          bd1: s.bound[1],
          bd2: s.bound[2],
        });
        const groups: [number, number, number] = [
          Math.ceil(ldb / (shape.nr * shape.wg)),
          Math.ceil(s.M / shape.mr),
          zn,
        ];
        const per = Math.ceil(kEnd / slices / kStep) * kStep,
          used = Math.ceil(kEnd / per);
        const common = {
          M: s.M,
          nBase,
          nLoc,
          lda,
          ldb,
          zBase,
          zDiv: s.zDiv,
          aZr: kn * lda,
          bZq: s.zDiv * kn * ldb,
          bZr: kn * ldb,
          cZq: s.cZq,
          cZr: s.cZr,
          cM: s.cM,
        };
        const split = { kBeg: 0, kEnd, kPer: per, zn, cZ0: 0 };
        if (!parts) {
          r.run(pG[kOff > 0 ? 1 : 0], [at, bm, gpuBuffer(y)], { ...common, ...split, sliceStride: 0 }, groups);
        } else {
          r.run(pG[0], [at, bm, parts], { ...common, ...split, sliceStride: y.size }, [
            groups[0],
            groups[1],
            zn * used,
          ]);
          r.run(buildProgram(sliceSumDecl), [parts, gpuBuffer(y)], {
            total: y.size,
            slices: used,
            accumulate: kOff > 0 ? 1 : 0,
          });
        }
      }
    }
  }
  for (const t of [at, bm]) r.storage.release(t);
  if (parts) r.storage.release(parts);
}
