/// <reference types="@webgpu/types" />
/**
 * The only module that imports Dawn (the npm `webgpu` package). It opens one adapter + device lazily and
 * closes them exactly once.
 *
 * Lifetime (docs/webgpu.md, "Dawn in Node"): node keeps running while the object returned by `create()` is
 * referenced, and segfaults if that object is collected while its device is alive. So the instance is held
 * in `state` for exactly as long as the device, and `closeDevice()` (called by the backend's `shutdown()`,
 * itself run on `process.on("beforeExit")`) destroys the device first, then drops the instance.
 */

/** What `cl.backendInfo().adapter` shows. */
export interface AdapterSummary {
  name: string;
  vendor: string;
  architecture: string;
  driver: string;
  limits: Record<string, number>;
  /** a software (CPU) implementation: Mesa lavapipe / llvmpipe, SwiftShader, a fallback adapter */
  software: boolean;
  /** lanes per subgroup when fixed (null: no subgroups, the GEMMs load every operand per lane) */
  subgroupSize?: number | null;
}

export interface GpuDevice {
  readonly device: GPUDevice;
  readonly limits: GPUSupportedLimits;
  readonly summary: AdapterSummary;
  /** lanes per subgroup when the device has subgroups of one fixed size (lavapipe: 8), else null */
  readonly subgroupSize: number | null;
}

/** Limits we raise to the adapter's maximum: big tensors, big workgroups, many bindings. */
const WANTED_LIMITS = [
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupSizeY",
  "maxStorageBuffersPerShaderStage",
  "maxComputeWorkgroupsPerDimension",
] as const;

interface State {
  gpu: GPU; // held only to keep Dawn's instance alive as long as the device (see above)
  dev: GpuDevice;
  closing: boolean;
}
let state: State | null = null;

/** Dawn marks lavapipe as a fallback adapter with architecture "software"; older builds only name it. */
function isSoftware(i: GPUAdapterInfo): boolean {
  const fallback = (i as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return (
    fallback ||
    i.architecture === "software" ||
    /llvmpipe|lavapipe|swiftshader|software/i.test(`${i.device} ${i.description}`)
  );
}

function summarise(adapter: GPUAdapter): AdapterSummary {
  const i = adapter.info;
  const limits: Record<string, number> = {};
  for (const k of WANTED_LIMITS) limits[k] = adapter.limits[k];
  return {
    name: i.device || i.description || "unknown adapter",
    vendor: i.vendor,
    architecture: i.architecture,
    driver: i.description,
    limits,
    software: isSoftware(i),
  };
}

/**
 * Opens the device, or returns why it cannot. `onLost` runs once if the device is lost for any reason
 * other than our own `closeDevice()`; `onError` receives uncaptured validation / out-of-memory errors.
 */
export async function openDevice(
  onLost: (reason: string) => void,
  onError: (message: string) => void,
): Promise<GpuDevice | { reason: string }> {
  if (state) return state.dev;
  let mod: typeof import("webgpu");
  try {
    mod = await import("webgpu");
  } catch (e) {
    return { reason: `cannot load the "webgpu" package (Dawn): ${e instanceof Error ? e.message : String(e)}` };
  }
  const gpu = mod.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  if (!adapter) {
    return {
      reason: "Dawn found no WebGPU adapter (no Vulkan driver: install Mesa lavapipe >= 25, see scripts/setup.sh)",
    };
  }
  const requiredLimits: Record<string, number> = {};
  for (const k of WANTED_LIMITS) requiredLimits[k] = adapter.limits[k];
  // subgroups (Vulkan subgroup ops; lavapipe has them, 8 lanes wide): the GEMM broadcasts operands across
  // lanes instead of loading them once per lane (gemm_kn.wgsl.ts)
  const requiredFeatures: GPUFeatureName[] = adapter.features.has("subgroups") ? ["subgroups"] : [];
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
  const sizes = adapter.info as GPUAdapterInfo & { subgroupMinSize?: number; subgroupMaxSize?: number };
  const fixed = sizes.subgroupMinSize !== undefined && sizes.subgroupMinSize === sizes.subgroupMaxSize;
  const subgroupSize = requiredFeatures.length && fixed ? (sizes.subgroupMinSize ?? null) : null;
  const dev: GpuDevice = {
    device,
    limits: device.limits,
    summary: { ...summarise(adapter), subgroupSize },
    subgroupSize,
  };
  const st: State = { gpu, dev, closing: false };
  state = st;
  void device.lost.then((info) => {
    if (st.closing) return;
    closeDevice();
    onLost(`${info.reason}: ${info.message}`);
  });
  device.addEventListener("uncapturederror", (ev) => {
    const err = ev.error;
    onError(err.message);
  });
  return dev;
}

/** Destroys the device, then lets go of Dawn's instance so node can exit. Idempotent. */
export function closeDevice(): void {
  const st = state;
  if (!st || st.closing) return;
  st.closing = true;
  st.dev.device.destroy();
  state = null;
}
