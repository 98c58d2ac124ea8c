/// <reference types="@webgpu/types" />
/**
 * The WebGPU runtime: one device, its buffer pools, the pipeline cache and the open command encoder.
 * Kernels only enqueue: `run()` records a dispatch into the open compute pass of the current encoder, which
 * is submitted when a tensor is read or after MAX_BATCH dispatches (few submits). Measured on lavapipe,
 * creating a bind group costs ~150 µs and a writeBuffer ~30 µs, so bind groups are cached per pipeline by
 * buffer identity (pooled buffers recur in loops) and a batch's uniforms go to one ring buffer, written
 * once before the submit and selected per dispatch by a dynamic offset.
 */
import { opError } from "../../core/errors";
import { BufferPool, MAP_READ_MODE, Usage } from "./buffer_pool";
import type { GpuDevice } from "./device";
import { PipelineCache, type Compiled } from "./pipelines";
import { FLAT_WORKGROUP, packUniforms, type Program, type UniformValues } from "./shader";
import { ValueChecks } from "./value_checks";

const MAX_BATCH = 64;
/** bytes reserved per dispatch in the uniform ring (every declaration's struct fits) */
const UNIFORM_SLOT = 256;
/** bind groups kept per pipeline before the cache is cleared */
const MAX_BIND_GROUPS = 2048;

const bufferIds = new WeakMap<GPUBuffer, number>();
let nextBufferId = 1;
function idOf(b: GPUBuffer): number {
  let id = bufferIds.get(b);
  if (id === undefined) bufferIds.set(b, (id = nextBufferId++));
  return id;
}

interface PendingRead {
  readonly staging: GPUBuffer;
  readonly size: number;
  readonly bytes: number;
  readonly resolve: (data: ArrayBuffer) => void;
  readonly reject: (e: unknown) => void;
}

export class Runtime {
  readonly storage: BufferPool;
  readonly staging: BufferPool;
  readonly pipelines: PipelineCache;
  /** value checks (labels, indices) whose violations the next read reports */
  readonly checks: ValueChecks;
  private encoder: GPUCommandEncoder | null = null;
  /** the compute pass kept open across dispatches (ended by copies, clears and submits) */
  private pass: GPUComputePassEncoder | null = null;
  private batched = 0;
  /** this batch's uniforms, written to `ring` with one writeBuffer just before the submit */
  private readonly ringHost = new Uint8Array(MAX_BATCH * UNIFORM_SLOT);
  private readonly ring: GPUBuffer;
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
    this.staging = new BufferPool(d, Usage.MAP_READ | Usage.COPY_DST, "staging", dev.limits.maxBufferSize);
    this.pipelines = new PipelineCache(d, (m) => this.recordError(m));
    this.ring = d.createBuffer({
      size: MAX_BATCH * UNIFORM_SLOT,
      usage: Usage.UNIFORM | Usage.COPY_DST,
      label: "uniform ring",
    });
    this.checks = new ValueChecks(this);
  }

  get device(): GPUDevice {
    if (this.lostReason !== null) {
      throw opError(
        "webgpu",
        `expected a live GPU device, got a lost one (${this.lostReason}); the cpu backend is current now`,
      );
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
    this.endPass();
    return (this.encoder ??= this.device.createCommandEncoder());
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
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
  run(
    p: Program,
    buffers: readonly GPUBuffer[],
    values: UniformValues,
    groups?: readonly [number, number, number],
  ): void {
    const max = this.dev.limits.maxComputeWorkgroupsPerDimension;
    let g: readonly [number, number, number];
    if (groups) g = groups;
    else {
      const total = values.total;
      if (typeof total !== "number") throw opError(p.decl.op, `missing uniform "total"`);
      if (total === 0) return;
      g = this.flatDispatch(
        p.decl.op,
        total,
        p.decl.workgroupSize[0] * p.decl.workgroupSize[1] * p.decl.workgroupSize[2],
      );
    }
    if (g.some((n) => n > max))
      throw opError(p.decl.op, `expected at most ${max} workgroups per dimension, got [${g}]`);
    if (g.some((n) => n === 0)) return;
    if (p.uniformBytes > UNIFORM_SLOT)
      throw opError(p.decl.op, `expected uniforms of at most ${UNIFORM_SLOT} bytes, got ${p.uniformBytes}`);
    const compiled = this.pipelines.get(p);
    const slot = this.batched * UNIFORM_SLOT;
    this.ringHost.set(new Uint8Array(packUniforms(p, values)), slot);
    const bindGroup = this.bindGroup(compiled, buffers, p.uniformBytes);
    if (!this.pass) this.pass = this.enc().beginComputePass();
    this.pass.setPipeline(compiled.pipeline);
    this.pass.setBindGroup(0, bindGroup, [slot]);
    this.pass.dispatchWorkgroups(g[0], g[1], g[2]);
    this.dispatches++;
    if (++this.batched >= MAX_BATCH) this.flush();
  }

  private bindGroup(c: Compiled, buffers: readonly GPUBuffer[], uniformBytes: number): GPUBindGroup {
    const key = buffers.map(idOf).join(",");
    const hit = c.bindGroups.get(key);
    if (hit) return hit;
    if (c.bindGroups.size >= MAX_BIND_GROUPS) c.bindGroups.clear();
    const entries: GPUBindGroupEntry[] = buffers.map((buffer, binding) => ({ binding, resource: { buffer } }));
    entries.push({ binding: buffers.length, resource: { buffer: this.ring, size: uniformBytes } });
    const bg = this.device.createBindGroup({ layout: c.layout, entries });
    c.bindGroups.set(key, bg);
    return bg;
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
      this.endPass();
      if (this.batched > 0) this.device.queue.writeBuffer(this.ring, 0, this.ringHost, 0, this.batched * UNIFORM_SLOT);
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.batched = 0;
      this.submits++;
    }
    this.storage.recycle();
  }

  /** A pooled storage buffer holding a copy of `data` (the write is queued ahead of later submits). */
  upload(data: ArrayBufferView): GPUBuffer {
    const b = this.storage.acquire(data.byteLength);
    if (data.byteLength > 0) this.device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
    return b;
  }

  /**
   * Copies `bytes` from a buffer to the host. The copy into a staging buffer is recorded now, in queue
   * order (a buffer released after this call and reused by a later kernel is still read as it was); the
   * submit and the map wait for the end of the tick, so reads requested together (the re and im of a
   * complex result, `Promise.all` over tensors) share one submit and one wait: on lavapipe each round trip
   * costs ~0.1 ms, as much as a 2^16 FFT pass.
   */
  readBytes(src: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    const size = Math.max(4, Math.ceil(bytes / 4) * 4);
    const staging = this.staging.acquire(size);
    this.copy(src, 0, staging, 0, size);
    return new Promise((resolve, reject) => {
      if (this.reads.length === 0) queueMicrotask(() => void this.readAll());
      this.reads.push({ staging, size, bytes, resolve, reject });
    });
  }

  private reads: PendingRead[] = [];

  private async readAll(): Promise<void> {
    const reads = this.reads;
    this.reads = [];
    const violation = this.checks.capture();
    this.flush();
    const maps = await Promise.allSettled(reads.map((rd) => rd.staging.mapAsync(MAP_READ_MODE, 0, rd.size)));
    const bad = violation ? await violation() : null;
    const outs = reads.map((rd, k) => {
      if (maps[k].status === "rejected") return null;
      const out = rd.staging.getMappedRange(0, rd.size).slice(0, rd.bytes);
      rd.staging.unmap();
      this.staging.releaseNow(rd.staging);
      return out;
    });
    try {
      await this.pipelines.settle();
      this.throwDeferred();
      if (bad) throw bad;
      const failed = maps.find((m): m is PromiseRejectedResult => m.status === "rejected");
      if (failed) {
        const e: unknown = failed.reason;
        throw new Error(`webgpu: readback failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      reads.forEach((rd, k) => rd.resolve(outs[k] as ArrayBuffer));
    } catch (e) {
      reads.forEach((rd) => rd.reject(e));
    }
  }

  /** Waits for all submitted work (benchmarks). */
  async sync(): Promise<void> {
    this.flush();
    await this.device.queue.onSubmittedWorkDone();
    await this.pipelines.settle();
    this.throwDeferred();
  }
}
