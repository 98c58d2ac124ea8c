/**
 * Shader hygiene: every WGSL program the kernels can generate compiles on Dawn (a compilation error fails
 * the test with the op's name and the messages), a broken shader surfaces as an error naming its op at
 * the next readback, and uniforms are packed by name (a missing one is an error naming the op).
 */
import { it } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import type { BinaryOp, ReduceOp, UnaryOp } from "../../src/core/kernels";
import { buildProgram, packUniforms, type KernelDecl, type Scalar } from "../../src/backends/webgpu/shader";
import { gpuBuffer, gpuEmpty, gpuRuntime } from "../../src/backends/webgpu/gpu_tensor";
import { compiledPrograms, validateWgsl } from "../../src/backends/webgpu/webgpu_backend";
import { UNARY_WGSL, unaryDecl } from "../../src/ops/elementwise/webgpu/unary.wgsl";
import { BINARY_WGSL, binaryDecl, binaryVec4Decl, whereDecl } from "../../src/ops/elementwise/webgpu/binary.wgsl";
import { castDecl } from "../../src/ops/elementwise/webgpu/cast.webgpu";
import { viewDecl } from "../../src/ops/shape/webgpu/view.wgsl";
import { padDecl } from "../../src/ops/shape/webgpu/pad.wgsl";
import { concatDecl } from "../../src/ops/shape/webgpu/concat.webgpu";
import { argReduceDecl, reduceGroupDecl, reduceRowDecl } from "../../src/ops/reduce/webgpu/reduce.wgsl";
import { matmulPackDecl } from "../../src/ops/matmul/webgpu/matmul_pack.wgsl";
import { gatherDecl, scatterAddDecl } from "../../src/ops/indexing/webgpu/gather.wgsl";
import { topkDecl } from "../../src/ops/indexing/webgpu/topk.webgpu";
import {
  convNaiveDecl,
  convTransposeNaiveDecl,
  convWeightGradNaiveDecl,
} from "../../src/ops/conv/webgpu/conv_naive.wgsl";
import { packADecl, packBDecl } from "../../src/ops/conv/webgpu/conv_pack.wgsl";
import { padCopyDecl } from "../../src/ops/conv/webgpu/conv_pad.wgsl";
import { wgradRowsDecl, wgradWindowDecl } from "../../src/ops/conv/webgpu/conv_weight_grad_window.wgsl";
import { gemmKnDecl, gemmKnShape } from "../../src/ops/gemm/gemm_kn.wgsl";
import { foldDecl, unfoldDecl } from "../../src/ops/conv/webgpu/unfold.webgpu";
import { avgPoolGradDecl, poolDecl } from "../../src/ops/pool/webgpu/pool.wgsl";
import { dftDecl, fftRadixDecl } from "../../src/ops/fft/webgpu/fft.wgsl";
import { webgpuSuite } from "./gpu_harness";

const TYPES: Scalar[] = ["f32", "i32"];

/** Every declaration the kernels build, over ops, operand types and layout variants. */
function allDecls(): KernelDecl[] {
  const out: KernelDecl[] = [concatDecl];
  for (const rank of [0, 1, 3, 8])
    out.push(
      viewDecl(rank),
      viewDecl(rank, true),
      gatherDecl(rank),
      scatterAddDecl(false, rank),
      scatterAddDecl(true, rank),
    );
  for (const t of TYPES) {
    for (const op of Object.keys(UNARY_WGSL) as UnaryOp[]) out.push(unaryDecl(op, t), unaryDecl(op, t, t === "f32"));
    for (const op of Object.keys(BINARY_WGSL) as BinaryOp[]) {
      out.push(binaryVec4Decl(op));
      for (const direct of [true, false])
        out.push(
          binaryDecl(op, { name: "a", type: t, direct }, { name: "b", type: "f32", direct: !direct }, t, 3, direct),
        );
    }
    out.push(
      whereDecl(
        { name: "c", type: t, direct: false },
        { name: "a", type: "f32", direct: true },
        { name: "b", type: t, direct: false },
        "f32",
        2,
      ),
    );
    out.push(castDecl(t, t === "f32" ? "i32" : "f32"));
    for (const op of ["sum", "max", "min", "prod"] as ReduceOp[])
      out.push(reduceRowDecl(op, t, t), reduceGroupDecl(op, t, "f32"));
    out.push(argReduceDecl("argmax", t), argReduceDecl("argmin", t), topkDecl(t));
    out.push(matmulPackDecl(t));
    out.push(packADecl(t), packBDecl(t), padCopyDecl(t), padCopyDecl(t, true));
    out.push(convNaiveDecl(t, "f32"), convTransposeNaiveDecl(t, "f32"), convWeightGradNaiveDecl(t, "f32"));
    out.push(unfoldDecl(t), foldDecl(t));
    for (const pad of [false, true])
      out.push(poolDecl("max", t, pad), poolDecl("avg", t, pad), avgPoolGradDecl(t, pad));
    for (const R of [2, 4, 8, 16, 32, 64])
      out.push(
        fftRadixDecl(t, R, false),
        fftRadixDecl(t, R, true),
        fftRadixDecl(t, R, false, true, true),
        fftRadixDecl(t, R, true, true, false),
        fftRadixDecl(t, R, true, false, true),
      );
    out.push(dftDecl(t));
  }
  // the GEMM with subgroups (when the device has them) and without, for each row-block size
  for (const [mr, kw, dw, tapLanes] of [
    [1, 1, 1, false],
    [4, 3, 1, false],
    [16, 5, 2, true],
    [8, 9, 1, true],
  ] as const) {
    for (const sg of [gpuRuntime().dev.subgroupSize ?? 0, 0])
      out.push(wgradWindowDecl({ mr, sg, wg: sg || 32, kw, dw, tapLanes }));
    out.push(wgradRowsDecl({ wg: 8, kw, dw }));
  }
  for (const M of [1, 2, 8, 64]) {
    for (const sg of [gpuRuntime().dev.subgroupSize, null]) {
      out.push(
        gemmKnDecl(gemmKnShape(M, sg)),
        gemmKnDecl(gemmKnShape(M, sg), { kind: "packed" }, { accumulate: true }),
      );
      for (const [kw, dw, flip] of [
        [1, 1, false],
        [3, 1, true],
        [5, 2, false],
        [9, 1, true],
      ] as const) {
        for (const vec4Out of [false, true])
          out.push(gemmKnDecl(gemmKnShape(M, sg, "window"), { kind: "window", kw, dw, flip }, { vec4Out }));
      }
    }
  }
  for (const mode of ["constant", "reflect", "replicate", "circular"] as const)
    out.push(padDecl(mode, 1), padDecl(mode, 4));
  return out;
}

webgpuSuite("WGSL generation and validation", () => {
  it("every generated shader compiles", async () => {
    const decls = allDecls();
    const failures: string[] = [];
    for (const d of decls) {
      const errors = await validateWgsl(buildProgram(d).source);
      if (errors.length) failures.push(`${d.op}: ${errors.join("; ")}`);
    }
    assert.deepEqual(failures, [], `WGSL compile errors:\n${failures.join("\n")}`);
    assert.ok(decls.length > 150, `expected the full set of variants, got ${decls.length}`);
  });

  it("every pipeline compiled while running ops is valid WGSL", async () => {
    const x = cl.randn([2, 3, 8, 8], { seed: 1 });
    const y = cl.maxPool2d(cl.relu(cl.conv2d(x, cl.randn([4, 3, 3, 3], { seed: 2 }), { padding: 1 })), {
      kernelSize: 2,
    });
    await y.data();
    const sources = compiledPrograms();
    assert.ok(sources.length > 0);
    for (const s of sources) assert.deepEqual(await validateWgsl(s), [], s.slice(0, 200));
  });

  it("a shader that does not compile fails the readback with the op's name", async () => {
    const bad: KernelDecl = {
      op: "brokenOp",
      bindings: [{ name: "y", type: "f32", write: true }],
      uniforms: [],
      mode: "flat",
      workgroupSize: [64, 1, 1],
      body: "  y[i] = undefinedName;",
    };
    const y = gpuEmpty([4], "float32");
    gpuRuntime().run(buildProgram(bad), [gpuBuffer(y)], { total: 4 });
    await assert.rejects(y.data(), /brokenOp: the generated WGSL does not compile/);
    // the device survives: later work runs normally
    assert.deepEqual(await cl.tensor([1, 2]).add(1).toArray(), [2, 3]);
  });

  it("uniforms are packed by name; a missing or unknown one is an error naming the op", () => {
    const p = buildProgram({
      op: "demo",
      bindings: [],
      uniforms: [
        { name: "a", type: "u32" },
        { name: "v", type: "i32", len: 5 },
        { name: "f", type: "f32" },
      ],
      mode: "flat",
      workgroupSize: [64, 1, 1],
      body: "",
    });
    const buf = new DataView(packUniforms(p, { total: 9, a: 3, v: [1, -2, 3], f: 0.5 }));
    assert.equal(buf.getUint32(0, true), 9);
    assert.equal(buf.getUint32(4, true), 3);
    assert.equal(buf.getInt32(16 + 4, true), -2); // arrays start on a 16-byte boundary
    assert.equal(buf.getFloat32(48, true), 0.5);
    assert.throws(() => packUniforms(p, { total: 1, a: 3, f: 1 }), /demo: missing uniform "v"/);
    assert.throws(() => packUniforms(p, { total: 1, a: 3, v: [], f: 1, b: 2 }), /demo: unknown uniform "b"/);
  });
});
