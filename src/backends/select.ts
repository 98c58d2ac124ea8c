/**
 * Backend selection: cl.setBackend("cpu" | "webgpu" | "auto"), cl.getBackend(), cl.backendInfo().
 * The WebGPU backend is loaded lazily (importing Dawn costs time and needs a Vulkan driver); when it
 * cannot start, "auto" falls back to the cpu backend and backendInfo() says why.
 */
import {
  currentBackendName,
  hasBackend,
  registerBackend,
  setCurrentBackendName,
  type BackendName,
} from "../core/backend";
import { describe, opError } from "../core/errors";
import { cpuBackend } from "./cpu/cpu_backend";
import { cpuInfo, type CpuInfo } from "./cpu/cpu_info";
import { stopPool } from "./cpu/wasm/wasm_pool";
import { dropRecycled } from "../core/recycle";

registerBackend(cpuBackend);

export interface BackendInfo {
  current: BackendName;
  /** what setBackend("auto") chose and why (null before any "auto") */
  auto: { chosen: BackendName; why: string } | null;
  /** the cpu backend's kernels: WebAssembly SIMD on a thread pool, or the TypeScript reference */
  cpu: CpuInfo;
  /** true when the WebGPU backend was started successfully */
  webgpu: boolean;
  /** adapter/driver/limits when WebGPU runs; the reason when it does not (null before any attempt) */
  adapter: Record<string, unknown> | null;
  reason: string | null;
}

let webgpuReason: string | null = null;
let autoChoice: BackendInfo["auto"] = null;
let webgpuAdapter: Record<string, unknown> | null = null;

/** true while the WebGPU device is alive (false after a device loss or shutdown()) */
let webgpuLive = false;

/** Device lost: announce it and fall back to the cpu backend (webgpu tensors are gone with the device). */
function onWebgpuLost(reason: string): void {
  webgpuLive = false;
  webgpuReason = `the WebGPU device was lost (${reason})`;
  console.warn(`convlab: ${webgpuReason}; falling back to the cpu backend`);
  if (currentBackendName() === "webgpu") setCurrentBackendName("cpu");
}

/** Starts WebGPU; returns null on success or the reason it is unavailable. */
async function startWebgpu(): Promise<string | null> {
  if (hasBackend("webgpu") && webgpuLive) return null;
  try {
    const mod = await import("./webgpu/webgpu_backend");
    const res = await mod.createWebgpuBackend({ onLost: onWebgpuLost });
    if ("reason" in res) return res.reason;
    registerBackend(res.backend);
    webgpuAdapter = res.adapter;
    webgpuLive = true;
    return null;
  } catch (e) {
    return `WebGPU failed to start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export async function setBackend(name: BackendName | "auto"): Promise<BackendName> {
  if (name !== "cpu" && name !== "webgpu" && name !== "auto") {
    throw opError("setBackend", `expected "cpu" | "webgpu" | "auto", got ${describe(name)}`);
  }
  if (name === "cpu") {
    setCurrentBackendName("cpu");
    return "cpu";
  }
  webgpuReason = await startWebgpu();
  if (webgpuReason === null) {
    // "auto" does not prefer a software adapter (lavapipe runs WGSL on these same CPU cores) over the
    // WebAssembly cpu kernels, which are faster on it in every benchmark case (README, Benchmarks)
    const soft = webgpuAdapter?.software === true,
      wasm = cpuInfo().kernels === "wasm";
    if (name === "auto" && soft && wasm) {
      const why =
        `the WebGPU adapter (${String(webgpuAdapter?.name)}) is a software rasterizer on the CPU; ` +
        `the WebAssembly SIMD cpu kernels (${cpuInfo().threads} threads) are faster here`;
      autoChoice = { chosen: "cpu", why };
      setCurrentBackendName("cpu");
      return "cpu";
    }
    if (name === "auto")
      autoChoice = {
        chosen: "webgpu",
        why: soft
          ? "a software WebGPU adapter, and the WebAssembly cpu kernels are unavailable"
          : "a hardware WebGPU adapter",
      };
    setCurrentBackendName("webgpu");
    return "webgpu";
  }
  if (name === "webgpu") throw opError("setBackend", `expected a WebGPU adapter, got none: ${webgpuReason}`);
  autoChoice = { chosen: "cpu", why: `WebGPU unavailable: ${webgpuReason}` };
  console.warn(`convlab: WebGPU unavailable (${webgpuReason}); using the cpu backend`);
  setCurrentBackendName("cpu");
  return "cpu";
}

export function getBackend(): BackendName {
  return currentBackendName();
}

export function backendInfo(): BackendInfo {
  return {
    current: currentBackendName(),
    auto: autoChoice,
    cpu: cpuInfo(),
    webgpu: webgpuLive,
    adapter: webgpuAdapter,
    reason: webgpuReason,
  };
}

/**
 * Ends the cpu kernels' worker threads and releases the GPU device (if WebGPU was started) so the process
 * can exit; the cpu backend becomes current.
 * Also runs by itself on process "beforeExit". A later setBackend("webgpu") starts a fresh device.
 */
export async function shutdown(): Promise<void> {
  await stopPool(); // the cpu kernels' worker threads (a later parallel call starts a fresh pool)
  dropRecycled(); // host buffers held for reuse
  if (!webgpuLive) return;
  const mod = await import("./webgpu/webgpu_backend");
  mod.shutdown();
  webgpuLive = false;
  webgpuReason = "shut down by cl.shutdown()";
  if (currentBackendName() === "webgpu") setCurrentBackendName("cpu");
}
