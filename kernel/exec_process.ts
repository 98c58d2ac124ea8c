/**
 * The protocol process's handle on the execution process: spawn it in the notebook's folder,
 * forward interrupts through a pipe, notice when it dies (a native crash, an out-of-memory kill, an
 * interrupt it could not honour) and start a fresh one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { FromExec, ToExec } from "./exec/ipc";
import { kernelRoot } from "./paths";

export interface ExecEvents {
  message(m: FromExec): void;
  /** The process died; `reason` says why when the kernel killed it. */
  exit(code: number | null, signal: string | null, reason: string | null): void;
}

/** How the execution process is started: the same launcher as the kernel, `_exec` subcommand. */
export function execCommand(): { cmd: string; args: string[] } {
  // --expose-gc: `cl.collect()` can then run the collector, so cl.memory() counts only reachable tensors
  return { cmd: process.execPath, args: ["--expose-gc", join(kernelRoot(), "bin", "convlab.js"), "_exec"] };
}

export class ExecProcess {
  private child: ChildProcess | null = null;
  private interruptPipe: Writable | null = null;
  private killReason: string | null = null;
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly events: ExecEvents) {}

  start(): void {
    const { cmd, args } = execCommand();
    this.killReason = null;
    // Own process group (detached): a Ctrl-C in a terminal reaches the protocol process only, which forwards it.
    const child = spawn(cmd, args, { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"], detached: true, env: process.env });
    this.child = child;
    this.interruptPipe = child.stdio[4] as Writable;
    this.interruptPipe.on("error", () => {});
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => { markReady = r; });
    child.on("message", (m: FromExec) => {
      if (m.t === "ready") markReady();
      else this.events.message(m);
    });
    // Output that bypasses process.stdout.write (native code, subprocesses) still reaches the notebook.
    for (const name of ["stdout", "stderr"] as const) {
      child[name]?.setEncoding("utf8");
      child[name]?.on("data", (raw: string) => {
        const text = name === "stderr" ? withoutDawnNoise(raw) : raw;
        if (text) this.events.message({ t: "stream", id: "", name, text });
      });
    }
    child.on("exit", (code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      this.events.exit(code, signal, this.killReason);
    });
  }

  send(m: ToExec): void {
    this.child?.send(m);
  }

  interrupt(): void {
    this.interruptPipe?.write("i");
  }

  /** Kills the process; `exit` fires with `reason`. */
  kill(reason: string): void {
    if (!this.child) return;
    this.killReason = reason;
    this.child.kill("SIGKILL");
  }

  /** Stops for good (shutdown): no exit event. */
  stop(): void {
    const c = this.child;
    this.child = null;
    c?.kill("SIGKILL");
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }
}

/**
 * Dawn prints two harmless notices on stderr whenever a WebGPU device starts (its dynamic-buffer limits
 * are "artificially reduced"); they would show in every notebook that uses the webgpu backend.
 */
const DAWN_NOISE = /^Warning: maxDynamic(Uniform|Storage)BuffersPerPipelineLayout artificially reduced[^\n]*\n?/gm;

export function withoutDawnNoise(text: string): string {
  return text.replace(DAWN_NOISE, "");
}
