/**
 * The protocol process's handle on the execution process: spawn it in the notebook's folder,
 * forward interrupts through a pipe, notice when it dies (a native crash, an out-of-memory kill, an
 * interrupt it could not honour) and start a fresh one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { FromExec, ToExec } from "./ipc";
import { kernelRoot } from "../paths";

export interface ExecEvents {
  message(m: FromExec): void;
  /** The process died; `reason` says why when the kernel killed it. */
  exit(code: number | null, signal: string | null, reason: string | null): void;
}

/**
 * How the execution process is started: the same launcher as the kernel, `_exec` subcommand.
 * `CONVLAB_EXEC_MEMORY_MB` (set by the grader) bounds its memory twice: V8's heap (a runaway object loop ends
 * in a heap-limit crash, which the kernel reports as a restart) and, through `ulimit -d`, the process's data
 * segment, which also holds typed-array storage outside the V8 heap (a runaway `new Float64Array` loop then
 * fails with a RangeError in the cell instead of exhausting the machine's memory).
 */
export function execCommand(env: NodeJS.ProcessEnv = process.env): { cmd: string; args: string[] } {
  // --expose-gc: `cl.collect()` can then run the collector, so cl.memory() counts only reachable tensors
  const node = [process.execPath, "--expose-gc", join(kernelRoot(), "bin", "convlab.js"), "_exec"];
  const mb = Number(env.CONVLAB_EXEC_MEMORY_MB);
  if (!(mb > 0)) return { cmd: node[0], args: node.slice(1) };
  const heapMb = Math.max(256, Math.floor(mb * 0.75));
  node.splice(1, 0, `--max-old-space-size=${heapMb}`);
  // sh: `ulimit -d` (KiB) is a shell builtin and applies to the exec'd node, keeping the pid the kernel spawned
  return { cmd: "/bin/sh", args: ["-c", 'ulimit -d "$0" && exec "$@"', String(Math.floor(mb * 1024)), ...node] };
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
    const child = spawn(cmd, args, {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe", "ipc", "pipe"],
      detached: true,
      env: process.env,
    });
    this.child = child;
    this.interruptPipe = child.stdio[4] as Writable;
    this.interruptPipe.on("error", () => {});
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => {
      markReady = r;
    });
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

  /** Kills the process (and whatever it started); `exit` fires with `reason`. */
  kill(reason: string): void {
    if (!this.child) return;
    this.killReason = reason;
    killGroup(this.child);
  }

  /** Stops for good (shutdown): no exit event. */
  stop(): void {
    const c = this.child;
    this.child = null;
    if (c) killGroup(c);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }
}

/** The child leads its own process group (detached), so subprocesses a cell started go with it. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL"); // the group is gone already; make sure of the child itself
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
