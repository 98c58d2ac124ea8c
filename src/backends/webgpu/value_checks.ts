/// <reference types="@webgpu/types" />
/**
 * Value checks on the GPU (core/value_check.ts): a scan marks the first offending element of a tensor in a
 * small flag buffer, a one-invocation pick stores its value, and every readback copies the flags along and
 * throws the recorded violation. Per slot (one per distinct check): [encoded index, value bits, picked, 0],
 * where the index is stored as 0xffffffff − i under atomicMax, so 0 means "none" and the smallest index
 * wins. Once a slot's value is picked, later scans leave it alone: the error reports the first call that
 * went wrong, with its own index and value.
 */
import { violationError, type ValueCheck } from "../../core/value_check";
import type { Tensor } from "../../core/tensor";
import { gpuBuffer } from "./gpu_tensor";
import { MAP_READ_MODE, Usage } from "./buffer_pool";
import { buildProgram, programMemo, type KernelDecl } from "./shader";
import type { Runtime } from "./runtime";

const SLOTS = 64;
const FLAGS = [
  { name: "x", type: "u32" as const },
  { name: "flags", type: "atomic<u32>" as const, write: true },
];

const scanDecl = (isInt: boolean): KernelDecl => ({
  op: "checkValues",
  bindings: FLAGS,
  uniforms: [
    { name: "slot", type: "u32" },
    { name: "lo", type: "f32" },
    { name: "hi", type: "f32" },
    { name: "integer", type: "u32" },
  ],
  mode: "flat",
  workgroupSize: [64, 1, 1],
  body: `
  let v = ${isInt ? "f32(bitcast<i32>(x[i]))" : "bitcast<f32>(x[i])"};
  let bad = !(v >= u.lo && v < u.hi) || (u.integer != 0u && floor(v) != v);
  if (bad && atomicLoad(&flags[u.slot * 4u + 2u]) == 0u) { atomicMax(&flags[u.slot * 4u], 0xffffffffu - i); }`,
});
const scan = programMemo((isInt: boolean) => scanDecl(isInt));

const pick = buildProgram({
  op: "checkValues",
  bindings: FLAGS,
  uniforms: [{ name: "slot", type: "u32" }],
  mode: "grid",
  workgroupSize: [1, 1, 1],
  body: `
  let s = u.slot * 4u;
  let e = atomicLoad(&flags[s]);
  if (e != 0u && atomicLoad(&flags[s + 2u]) == 0u) {
    atomicStore(&flags[s + 1u], x[0xffffffffu - e]);
    atomicStore(&flags[s + 2u], 1u);
  }`,
});

export class ValueChecks {
  private readonly flags: GPUBuffer;
  private readonly slots = new Map<string, number>();
  private checks: ValueCheck[] = [];

  constructor(private readonly rt: Runtime) {
    this.flags = rt.device.createBuffer({
      size: SLOTS * 16,
      usage: Usage.STORAGE | Usage.COPY_SRC | Usage.COPY_DST,
      label: "value checks",
    });
  }

  /** Enqueues the scan and pick of t for check c. */
  check(c: ValueCheck, t: Tensor): void {
    const key = `${c.op}|${c.what}|${c.range.lo}|${c.range.hi}|${c.range.integer}|${c.dtype}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      // more distinct checks than slots between two reads: the oldest slot is shared (its message may be less exact)
      slot = this.checks.length < SLOTS ? this.checks.length : SLOTS - 1;
      this.slots.set(key, slot);
      this.checks[slot] = c;
    }
    const buffers = [gpuBuffer(t), this.flags];
    const { lo, hi, integer } = c.range;
    this.rt.run(scan(t.dtype === "int32"), buffers, { total: t.size, slot, lo, hi, integer: integer ? 1 : 0 });
    this.rt.run(pick, buffers, { slot }, [1, 1, 1]);
  }

  /**
   * Records the copy of the flags for this read (before its submit); the returned function runs after the
   * map and returns the violation to throw, if any. Null when no check is pending.
   */
  capture(): (() => Promise<Error | null>) | null {
    if (this.checks.length === 0) return null;
    // checks enqueued from now on start afresh: the flags they write are zero unless this read finds a
    // violation, whose clear may also wipe one of theirs (two bad calls in one tick report the first)
    const checks = this.checks;
    this.checks = [];
    this.slots.clear();
    const staging = this.rt.staging.acquire(SLOTS * 16);
    this.rt.copy(this.flags, 0, staging, 0, SLOTS * 16);
    return async () => {
      await staging.mapAsync(MAP_READ_MODE, 0, SLOTS * 16);
      const words = new Uint32Array(staging.getMappedRange(0, SLOTS * 16).slice(0));
      staging.unmap();
      this.rt.staging.releaseNow(staging);
      for (let s = 0; s < checks.length; s++) {
        if (words[4 * s] === 0) continue;
        const c = checks[s];
        const bits = new Uint32Array([words[4 * s + 1]]);
        const value = c.dtype === "int32" ? new Int32Array(bits.buffer)[0] : new Float32Array(bits.buffer)[0];
        this.rt.clear(this.flags, SLOTS * 16);
        return violationError(c, value, 0xffffffff - words[4 * s], true);
      }
      return null;
    };
  }
}
