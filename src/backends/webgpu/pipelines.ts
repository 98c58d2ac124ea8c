/// <reference types="@webgpu/types" />
/**
 * Compute pipelines cached by their generated WGSL source (the source is the key: no hand-built keys).
 * Each new pipeline is created inside a validation error scope, so a WGSL error is reported with the op
 * that generated the shader (`reportError`), and the next readback throws it.
 */
import type { Program } from "./shader";

export interface Compiled {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  /** bind groups by the ids of their buffers: creating one costs ~150 µs on lavapipe, and loops reuse
   *  the same pooled buffers, so most dispatches find theirs here */
  readonly bindGroups: Map<string, GPUBindGroup>;
}

export class PipelineCache {
  private readonly cache = new Map<string, Compiled>();
  /** compile checks still running (awaited before a readback reports errors) */
  private pending: Promise<void>[] = [];

  constructor(
    private readonly device: GPUDevice,
    private readonly reportError: (message: string) => void,
  ) {}

  get size(): number {
    return this.cache.size;
  }

  /** Every program compiled so far (the WGSL compile test re-validates them all). */
  programs(): string[] {
    return [...this.cache.keys()];
  }

  /** Waits for the compile checks of every pipeline created so far. */
  async settle(): Promise<void> {
    const all = this.pending;
    this.pending = [];
    await Promise.all(all);
  }

  get(p: Program): Compiled {
    const hit = this.cache.get(p.source);
    if (hit) return hit;
    const entries: GPUBindGroupLayoutEntry[] = p.decl.bindings.map((b, k) => ({
      binding: k,
      visibility: 4, // GPUShaderStage.COMPUTE
      buffer: { type: b.write ? "storage" : "read-only-storage" },
    }));
    // uniforms live in a per-batch ring buffer, selected by a dynamic offset
    entries.push({ binding: entries.length, visibility: 4, buffer: { type: "uniform", hasDynamicOffset: true } });
    this.device.pushErrorScope("validation");
    const module = this.device.createShaderModule({ code: p.source, label: p.decl.op });
    const layout = this.device.createBindGroupLayout({ entries, label: p.decl.op });
    const pipeline = this.device.createComputePipeline({
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: "main" },
      label: p.decl.op,
    });
    this.pending.push(
      this.device.popErrorScope().then(async (err) => {
        if (!err) return;
        const info = await module.getCompilationInfo();
        const msgs = info.messages.map((m) => `  line ${m.lineNum}:${m.linePos} ${m.type}: ${m.message}`).join("\n");
        this.reportError(`${p.decl.op}: the generated WGSL does not compile: ${err.message}\n${msgs}`);
      }),
    );
    const c = { pipeline, layout, bindGroups: new Map<string, GPUBindGroup>() };
    this.cache.set(p.source, c);
    return c;
  }
}

/** Compiles a WGSL source on its own and returns its error messages (empty when it is valid). */
export async function checkWgsl(device: GPUDevice, code: string): Promise<string[]> {
  device.pushErrorScope("validation");
  const module = device.createShaderModule({ code });
  const info = await module.getCompilationInfo();
  const err = await device.popErrorScope();
  const out = info.messages
    .filter((m) => m.type === "error")
    .map((m) => `line ${m.lineNum}:${m.linePos}: ${m.message}`);
  if (err && out.length === 0) out.push(err.message);
  return out;
}
