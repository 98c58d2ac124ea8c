/**
 * Loads the AssemblyScript kernels (kernels.wasm, compiled by `npm run build`, never at run time) once:
 * one compiled module, one shared WebAssembly.Memory, one instance on the main thread (the pool's workers
 * instantiate the same module over the same memory). When the module cannot run here — not built, no
 * WebAssembly SIMD or shared memory, or CONVLAB_CPU_KERNELS=js — every kernel keeps its TypeScript path
 * and `wasmStatus().reason` says why (cl.backendInfo().cpu shows it).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The kernels' signatures (pointers are byte offsets into the shared memory). */
export interface WasmKernels {
  packA(M: number, K: number, src: number, rs: number, cs: number, dst: number): void;
  packB(K: number, N: number, src: number, rs: number, cs: number, dst: number): void;
  gemm(M: number, N: number, K: number, Ap: number, Bp: number, C: number, ldc: number, accumulate: number): void;
}

export interface WasmRuntime {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  kernels: WasmKernels;
  /** every export by name, for the pool's jobs (returns the export's result, if it has one) */
  call(name: string, args: readonly number[]): unknown;
}

/** 16 MiB to start with; the arena grows the memory on demand up to MAX_PAGES (4 GiB). */
const INITIAL_PAGES = 256;
export const MAX_PAGES = 65536;

let runtime: WasmRuntime | null | undefined;
let reason: string | null = null;

function exportFn(e: WebAssembly.Exports, name: string): (...args: number[]) => unknown {
  const f = e[name];
  if (typeof f !== "function") throw new Error(`kernels.wasm has no export ${name} (rebuild: npm run build)`);
  return f as (...args: number[]) => unknown;
}

function load(): WasmRuntime {
  const file = path.join(__dirname, "kernels.wasm");
  if (!fs.existsSync(file)) throw new Error(`${file} is not built (run npm run build)`);
  // a CompileError here means no WebAssembly SIMD; the Memory constructor fails without shared memory
  // (no local named `module` or `exports`: CommonJS output refers to this file's exported consts
  // through `exports.`, which a local of that name would shadow)
  const compiled = new WebAssembly.Module(fs.readFileSync(file));
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
  const wasmExports = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
  const kernels: WasmKernels = {
    packA: exportFn(wasmExports, "packA"),
    packB: exportFn(wasmExports, "packB"),
    gemm: exportFn(wasmExports, "gemm"),
  };
  const byName = new Map<string, (...args: number[]) => unknown>();
  return {
    module: compiled,
    memory,
    kernels,
    call(name, args) {
      let f = byName.get(name);
      if (!f) byName.set(name, (f = exportFn(wasmExports, name)));
      return f(...args);
    },
  };
}

/** The runtime, or null when the TypeScript kernels run (wasmStatus() says why). */
export function wasmRuntime(): WasmRuntime | null {
  if (runtime !== undefined) return runtime;
  const choice = process.env.CONVLAB_CPU_KERNELS ?? "wasm";
  if (choice === "js") {
    reason = "CONVLAB_CPU_KERNELS=js selects the TypeScript kernels";
    return (runtime = null);
  }
  try {
    runtime = load();
  } catch (e) {
    reason = `WebAssembly kernels unavailable, using the TypeScript kernels: ${e instanceof Error ? e.message : String(e)}`;
    console.warn(`convlab: ${reason}`);
    runtime = null;
  }
  return runtime;
}

export interface WasmStatus {
  kernels: "wasm" | "js";
  reason: string | null;
  /** bytes the shared memory holds now (it grows on demand and never shrinks) */
  memoryBytes: number;
}

export function wasmStatus(): WasmStatus {
  const rt = wasmRuntime();
  return { kernels: rt ? "wasm" : "js", reason, memoryBytes: rt ? rt.memory.buffer.byteLength : 0 };
}
