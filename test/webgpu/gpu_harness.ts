/**
 * Harness of the webgpu-only tests: a suite that starts the webgpu backend (or is skipped, visibly, when
 * CONVLAB_TEST_BACKENDS leaves webgpu out), and `checkKernel`, which runs one primitive kernel on webgpu
 * (float32) and on the cpu in float64 on the same float32-rounded inputs and compares the results.
 */
import { before, describe } from "node:test";
import assert from "node:assert/strict";
import * as cl from "../../src/index";
import { getBackendImpl, type KernelFn, type KernelTable } from "../../src/core/backend";
import type { DType } from "../../src/core/dtype";
import type { KernelAttrs, KernelInputs, KernelName, OnePer } from "../../src/core/kernels";
import type { Tensor } from "../../src/core/tensor";
import { cpuFromData } from "../../src/backends/cpu/cpu_storage";
import { cpuKernels } from "../../src/backends/cpu/cpu_kernels";
import { assertClose } from "../helpers/allclose";
import { backendSkip } from "../helpers/backends";

/** describe() that runs only when webgpu is wanted, with the webgpu backend current. */
export function webgpuSuite(title: string, body: () => void): void {
  describe(`${title} [webgpu]`, { skip: backendSkip("webgpu") }, () => {
    before(async () => {
      await cl.setBackend("webgpu");
    });
    body();
  });
}

/** An input: float32-rounded values (or int32), held as float64 for the cpu reference. */
export interface Input {
  data: Float64Array;
  shape: number[];
  dtype?: "float32" | "int32";
}

export function randInput(shape: number[], seed: number, scale = 1, offset = 0): Input {
  const rng = new cl.Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.fround(rng.normal() * scale + offset);
  return { data, shape };
}

export function intInput(shape: number[], seed: number, lo: number, hi: number): Input {
  const rng = new cl.Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + rng.int(hi - lo);
  return { data, shape, dtype: "int32" };
}

export function onGpu(x: Input): Tensor {
  const dtype: DType = x.dtype ?? "float32";
  return getBackendImpl("webgpu").fromHost(
    dtype === "int32" ? Int32Array.from(x.data) : Float32Array.from(x.data),
    x.shape,
    dtype,
  );
}

export function onCpu64(x: Input): Tensor {
  return x.dtype === "int32"
    ? cpuFromData(Int32Array.from(x.data), x.shape, "int32")
    : cpuFromData(Float64Array.from(x.data), x.shape, "float64");
}

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

/** One host input per declared input of kernel K. */
export type HostInputs<K extends KernelName> = OnePer<KernelInputs<K>, Input>;

/** The kernel's inputs made from host data by `make` (one per declared input: the map keeps the count). */
function tensorsOf<K extends KernelName>(inputs: HostInputs<K>, make: (x: Input) => Tensor): KernelInputs<K> {
  const ts: readonly Tensor[] = (inputs as readonly Input[]).map(make);
  return ts as KernelInputs<K>;
}

/** Runs kernel `name` on both backends and compares every output (shapes, dtypes' kind, values). */
export async function checkKernel<K extends KernelName>(
  name: K,
  inputs: HostInputs<K>,
  attrs: KernelAttrs<K>,
  tol: Tolerance = {},
  label: string = name,
  gpuKernel: KernelFn<K> = getBackendImpl("webgpu").kernels[name],
): Promise<readonly Tensor[]> {
  const table: KernelTable = cpuKernels;
  const cpuFn: KernelFn<K> = table[name];
  const want: readonly Tensor[] = cpuFn(tensorsOf<K>(inputs, onCpu64), attrs);
  const got: readonly Tensor[] = gpuKernel(tensorsOf<K>(inputs, onGpu), attrs);
  assert.equal(got.length, want.length, `${label}: number of outputs`);
  for (let k = 0; k < want.length; k++) {
    assert.deepEqual(got[k].shape, want[k].shape, `${label}: shape of output ${k}`);
    assert.equal(
      got[k].dtype === "int32",
      want[k].dtype === "int32",
      `${label}: output ${k} is ${got[k].dtype}, cpu gives ${want[k].dtype}`,
    );
    const exact = want[k].dtype === "int32";
    // the float64 result rounded to float32 is the best a float32 kernel can return (exp(100) = ∞)
    const best = exact ? want[k] : Float32Array.from(await want[k].data());
    await assertClose(got[k], best, {
      rtol: exact ? 0 : (tol.rtol ?? 2e-5),
      atol: exact ? 0 : (tol.atol ?? 2e-5),
      label: `${label} output ${k}`,
    });
  }
  return got;
}
