/// <reference types="@webgpu/types" />
/**
 * The WebGPU runtime: one device, its buffer pools, the pipeline cache and the open command encoder.
 * Kernels only enqueue: `run()` records a compute pass into the current encoder, which is submitted when a
 * tensor is read or after MAX_BATCH dispatches (few submits; ~18 µs per extra dispatch on lavapipe).
 */
import { opError } from "../../core/errors";
import { BufferPool, MAP_READ_MODE, Usage } from "./buffer_pool";
import type { GpuDevice } from "./device";
import { PipelineCache } from "./pipelines";
import { FLAT_WORKGROUP, packUniforms, type Program, type UniformValues } from "./shader";

const MAX_BATCH = 64;

export class Runtime {
  readonly storage: BufferPool;
  readonly uniforms: BufferPool;
  readonly staging: BufferPool;
  readonly pipelines: PipelineCache;
  private encoder: GPUCommandEncoder | null = null;
  private batched = 0;
  /** an asynchronous GPU error (WGSL compile, validation, OOM) waiting to be thrown at the next read */
  private deferred: string[] = [];
  /** set when the device is gone: every later call throws it */
  lostReason: string | null = null;
  submits = 0;
  dispatches = 0;

  constructor(readonly dev: GpuDevice) {
    const d = dev.device;
    const max = dev.limits.maxStorageBufferBindingSize;
    this.storage = new BufferPool(d, Usage.STORAGE | Usage.COPY_SRC | Usage.COPY_DST, "tensor", max);
    this.uniforms = new BufferPool(d, Usage.UNIFORM | Usage.COPY_DST, "uniforms", 65536);
    this.staging = new BufferPool(d, Usage.MAP_READ | Usage.COPY_DST, "staging", dev.limits.maxBufferSize);
    this.pipelines = new PipelineCache(d, (m) => this.recordError(m));
  }

  get device(): GPUDevice {
    if (this.lostReason !== null) {
      throw opError("webgpu", `expected a live GPU device, got a lost one (${this.lostReason}); the cpu backend is current now`);
    }
    return this.dev.device;
  }

  /** WGSL compile errors go first: they are the cause of the validation errors that follow them. */
  recordError(message: string): void {
    if (message.includes("does not compile")) this.deferred.unshift(message);
    else this.deferred.push(message);
  }

  /** Throws the first deferred GPU error, if any (called at readback). */
  throwDeferred(): void {
    const first = this.deferred.shift();
    if (first !== undefined) {
      this.deferred = [];
      throw new Error(`webgpu: ${first}`);
    }
  }

  private enc(): GPUCommandEncoder {
    return (this.encoder ??= this.device.createCommandEncoder());
  }

  /** Workgroup counts for `total` flat invocations, split over y beyond maxComputeWorkgroupsPerDimension. */
  flatDispatch(op: string, total: number, perGroup = FLAT_WORKGROUP): [number, number, number] {
    const groups = Math.max(1, Math.ceil(total / perGroup));
    const max = this.dev.limits.maxComputeWorkgroupsPerDimension;
    if (groups <= max) return [groups, 1, 1];
    const y = Math.ceil(groups / max);
    if (y > max) throw opError(op, `expected at most ${max * max * perGroup} elements per dispatch, got ${total}`);
    return [max, y, 1];
  }

  /**
   * Records one dispatch. `buffers` follow the declaration's binding order. Flat programs get `total`
   * from `values.total` and their workgroup counts computed here; grid programs pass `groups`.
   */
  run(p: Program, buffers: readonly GPUBuffer[], values: UniformValues, groups?: readonly [number, number, number]): void {
    const max = this.dev.limits.maxComputeWorkgroupsPerDimension;
    let g: readonly [number, number, number];
    if (groups) g = groups;
    else {
      const total = values.total;
      if (typeof total !== "number") throw opError(p.decl.op, `missing uniform "total"`);
      if (total === 0) return;
      g = this.flatDispatch(p.decl.op, total, p.decl.workgroupSize[0] * p.decl.workgroupSize[1] * p.decl.workgroupSize[2]);
    }
    if (g.some((n) => n > max)) throw opError(p.decl.op, `expected at most ${max} workgroups per dimension, got [${g}]`);
    if (g.some((n) => n === 0)) return;
    const { pipeline, layout } = this.pipelines.get(p);
    const ubuf = this.uniforms.acquire(p.uniformBytes);
    this.device.queue.writeBuffer(ubuf, 0, packUniforms(p, values));
    this.uniforms.release(ubuf);
    const entries: GPUBindGroupEntry[] = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
    entries.push({ binding: buffers.length, resource: { buffer: ubuf, size: p.uniformBytes } });
    const bindGroup = this.device.createBindGroup({ layout, entries });
    const pass = this.enc().beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(g[0], g[1], g[2]);
    pass.end();
    this.dispatches++;
    if (++this.batched >= MAX_BATCH) this.flush();
  }

  /** Zero-fills a buffer in queue order (accumulation targets). */
  clear(buffer: GPUBuffer, bytes: number): void {
    this.enc().clearBuffer(buffer, 0, Math.ceil(bytes / 4) * 4);
  }

  copy(src: GPUBuffer, srcOffset: number, dst: GPUBuffer, dstOffset: number, bytes: number): void {
    if (bytes > 0) this.enc().copyBufferToBuffer(src, srcOffset, dst, dstOffset, bytes);
  }

  /** Submits the open encoder; buffers released meanwhile become reusable. */
  flush(): void {
    if (this.encoder) {
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.batched = 0;
      this.submits++;
    }
    this.storage.recycle();
    this.uniforms.recycle();
  }

  /** Copies `bytes` from a buffer to the host (flushes pending work first). */
  async readBytes(src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const staging = this.staging.acquire(size);
    this.copy(src, 0, staging, 0, size);
    this.flush();
    try {
      await staging.mapAsync(MAP_READ_MODE, 0, size);
    } catch (e) {
      await this.pipelines.settle();
      this.throwDeferred();
      throw new Error(`webgpu: readback failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const out = staging.getMappedRange(0, size).slice(0, bytes);
    staging.unmap();
    this.staging.releaseNow(staging);
    await this.pipelines.settle();
    this.throwDeferred();
    return out;
  }

  /** Waits for all submitted work (benchmarks). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    await this.pipelines.settle();
    this.throwDeferred();
  }
}
